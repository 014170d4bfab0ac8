/**
 * Migrations of the file format, like the document's (../migrations.ts): each step takes a parsed file at
 * `version - 1` to `version`, as plain JSON, before the whole file is validated against today's schema.
 * Steps are frozen once released; test/fixtures keeps a file written at every version. Version 1 is the
 * first format, so there is no step yet: the first change to the format adds `{ version: 2, ... }` here.
 */
export type FileJson = { [key: string]: unknown };

export interface FileMigration {
  version: number;
  description: string;
  up(file: FileJson): FileJson;
}

export const FILE_MIGRATIONS: readonly FileMigration[] = [];

/** The file taken from `from` through every later step, its `schemaVersion` set by each. */
export function migrateFile(
  file: FileJson,
  from: number,
  migrations: readonly FileMigration[] = FILE_MIGRATIONS,
): FileJson {
  let current = file;
  for (const step of migrations) {
    if (step.version <= from) continue;
    current = { ...step.up(current), schemaVersion: step.version };
  }
  return current;
}
