#!/usr/bin/env node
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getMap, isValidBoardId, listMaps, listNotes, openBoard, readMeta } from "@journeyboard/shared";
import { boardFileJson, crowdCsv, exportBoard, notesCsv, parseBoardFile } from "@journeyboard/shared/file";
import * as Y from "yjs";
import { configuredKey, linkKey } from "./app.js";
import { Access } from "./auth/access.js";
import { fingerprintOf } from "./auth/secret.js";
import { type Config, readConfig } from "./config.js";
import { codesOf } from "./error-codes.js";
import { createLogger, reasonOf } from "./log.js";
import { docName } from "./relay/documents.js";
import { BoardTooLarge, Rooms } from "./relay/rooms.js";
import { copyToPostgres } from "./store/copy-to-postgres.js";
import { LevelBoardStore } from "./store/level-store.js";
import { PgBoardStore } from "./store/pg-store.js";

/**
 * The command line (`pnpm journeyboard …`): boards in and out of the data directory (DATA_DIR, read as
 * the server reads it) while the server is stopped. LevelDB lets one process hold a store: while the
 * server runs, each command says so and names the API route that does the same through the server.
 * Exports hold everything (a facilitator's export): whoever can read the data directory holds it all.
 */

const USAGE = `Usage: pnpm journeyboard <command>, on the data directory DATA_DIR (default ./data), with the server stopped
  list                                          the stored boards: id, created, maps, notes and title
  export <boardId> [--format json|csv] [--table notes|crowd] [--out FILE]
                                                a board as a Journeyboard file or CSV (to standard output without --out)
  import FILE                                   a new board from a Journeyboard file; prints its facilitator link
  migrate-to-postgres                           every board into PostgreSQL (DATABASE_URL; SECRET or SECRET_FILE: the
                                                key the server ran with); boards it holds already are skipped`;

/** A failure said in words, and the exit code: 1 for what went wrong, 2 for a command not understood. */
class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const log = createLogger("warn", (line) => process.stderr.write(line));

async function run(args: string[]): Promise<string> {
  let parsed: ReturnType<typeof parseCommand>;
  try {
    parsed = parseCommand(args);
  } catch (error) {
    throw new CommandError(`${reasonOf(error)}\n\n${USAGE}`, 2);
  }
  const { positionals, values } = parsed;
  const [command, target, ...rest] = positionals;
  const config = readConfig();
  if (command === "migrate-to-postgres" && target === undefined) return migrate(config);
  if (config.databaseUrl !== undefined) {
    throw new CommandError(
      "the command line reads the data directory: unset DATABASE_URL (or use the API on PostgreSQL)",
    );
  }
  if (command === "list" && target === undefined)
    return withStore(config, { create: false }, (store) => list(store, config));
  if (command === "export" && target !== undefined && rest.length === 0) {
    if (!isValidBoardId(target)) throw new CommandError(`"${target}" is not a board id`);
    const format = values.format ?? "json";
    const table = values.table ?? "notes";
    if (format !== "json" && format !== "csv") throw new CommandError("--format must be json or csv", 2);
    if (table !== "notes" && table !== "crowd") throw new CommandError("--table must be notes or crowd", 2);
    const text = await withStore(
      config,
      { create: false, api: `GET /api/boards/${target}/export.${format}` },
      async (store) => {
        if (!(await store.exists(target))) throw new CommandError(`no board ${target} is stored in ${config.dataDir}`);
        const [board, control] = [
          await docOf(store, target),
          await docOf(store, docName({ boardId: target, kind: "control" })),
        ];
        const file = exportBoard(board, control);
        board.destroy();
        control.destroy();
        return format === "json" ? boardFileJson(file) : table === "crowd" ? crowdCsv(file) : notesCsv(file);
      },
    );
    if (values.out === undefined) return text;
    await writeFile(values.out, text);
    return `Wrote board ${target} to ${values.out}\n`;
  }
  if (command === "import" && target !== undefined && rest.length === 0) {
    const text = await readFile(target, "utf8").catch((error: unknown) => {
      throw new CommandError(`cannot read ${target}: ${reasonOf(error)}`);
    });
    const parsed = parseBoardFile(text);
    if (!parsed.ok) throw new CommandError(`${target} cannot be imported: ${parsed.message}`);
    return withStore(config, { create: true, api: "POST /api/boards with the file as the body" }, async (store) => {
      // The link key first: a store with no boards yet gets one made, as the server's first start would.
      const access = new Access(await linkKey(config, store, log), store);
      const rooms = new Rooms(store, log, config.compactEvery, config.limits, () => undefined);
      const id = await rooms.createFrom(parsed.file, "command line").catch((error: unknown) => {
        throw error instanceof BoardTooLarge
          ? new CommandError(`${target} cannot be imported: ${error.message}`)
          : error;
      });
      const link = await access.link(id, "facilitator", null);
      const notes = parsed.file.maps.reduce((sum, map) => sum + map.notes.length, 0);
      return (
        `Created board ${id} from ${target} (${parsed.file.maps.length} maps, ${notes} notes).\n` +
        `Facilitator link (after the server's address): ${link.url}\n`
      );
    });
  }
  throw new CommandError(USAGE, 2);
}

function parseCommand(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: "string" }, table: { type: "string" }, out: { type: "string" } },
  });
}

/**
 * Opens the store for one command and closes it after. A store that does not exist is not made (a
 * mistyped DATA_DIR would look empty), except to import into; one held by the server is named so.
 */
async function withStore<T>(
  config: Config,
  use: { create: boolean; api?: string },
  work: (store: LevelBoardStore) => Promise<T>,
): Promise<T> {
  const { dataDir } = config;
  if (!use.create && !existsSync(join(dataDir, "boards"))) {
    throw new CommandError(`no boards are stored in ${dataDir}: set DATA_DIR to the server's data directory`);
  }
  let store: LevelBoardStore;
  try {
    store = await LevelBoardStore.open(dataDir, { log });
  } catch (error) {
    if (!codesOf(error).includes("LEVEL_LOCKED")) throw error;
    const instead = use.api === undefined ? "" : `, or use the API: ${use.api}`;
    throw new CommandError(
      `the data directory ${dataDir} is in use by a running Journeyboard server: stop the server first${instead}`,
    );
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Copies the data directory's boards into the database DATABASE_URL names (copy-to-postgres.ts). */
async function migrate(config: Config): Promise<string> {
  const { databaseUrl } = config;
  if (databaseUrl === undefined) {
    throw new CommandError("migrate-to-postgres copies into the database DATABASE_URL names: set it");
  }
  const key = fingerprintOf(await configuredKey(config, false));
  return withStore(config, { create: false }, async (level) => {
    const postgres = await PgBoardStore.open(databaseUrl, { log });
    try {
      const say = (line: string) => process.stdout.write(`${line}\n`);
      const { copied, skipped } = await copyToPostgres(level, postgres, key, say).catch((error: unknown) => {
        throw new CommandError(reasonOf(error));
      });
      return `Copied ${copied.length} boards from ${config.dataDir} to PostgreSQL; skipped ${skipped.length} it held already.\n`;
    } finally {
      await postgres.close();
    }
  });
}

async function docOf(store: LevelBoardStore, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of await store.load(name)) Y.applyUpdate(doc, update);
  return doc;
}

async function list(store: LevelBoardStore, config: Config): Promise<string> {
  const boards = await store.boards();
  if (boards.length === 0) return `No boards are stored in ${config.dataDir}.\n`;
  const rows = [["id", "created", "maps", "notes", "title"]];
  for (const { id } of boards) {
    const board = openBoard(await docOf(store, id));
    const maps = listMaps(board);
    const notes = maps.reduce((sum, { id: mapId }) => {
      const map = getMap(board, mapId);
      return sum + (map ? listNotes(map).length : 0);
    }, 0);
    rows.push([
      id,
      new Date(readMeta(board).createdAt).toISOString(),
      String(maps.length),
      String(notes),
      readMeta(board).title,
    ]);
    board.doc.destroy();
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const line = (row: string[]) =>
    row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell)).join("  ");
  return `${rows.map(line).join("\n")}\n`;
}

run(process.argv.slice(2)).then(
  (output) => process.stdout.write(output),
  (error: unknown) => {
    const known = error instanceof CommandError;
    process.stderr.write(`journeyboard: ${known ? error.message : reasonOf(error)}\n`);
    process.exitCode = known ? error.exitCode : 1;
  },
);
