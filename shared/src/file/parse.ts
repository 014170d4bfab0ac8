import type { z } from "zod";
import {
  type BoardFile,
  BoardFileSchema,
  FILE_FORMAT,
  FILE_LIMITS,
  FILE_SCHEMA_VERSION,
  FORBIDDEN_KEYS,
} from "./format.js";
import { type FileJson, migrateFile } from "./migrations.js";
import { checkReferences, type FileIssue } from "./references.js";

/**
 * Reading a Journeyboard file: everything is checked before anything is applied. In order: the text's
 * size and nesting (before JSON.parse, so 50 MB or 100,000 brackets cost one pass over the text), keys
 * that would reach a prototype, the format and its version (a newer version is refused, an older one
 * migrated), the schema, then the references between ids. The first problems are returned, each naming
 * its field (`maps[0].notes[12].text: expected string`); the input itself is never modified.
 */
export type ParseResult = { ok: true; file: BoardFile } | { ok: false; message: string; issues: FileIssue[] };

/** Parses a file given as text (an upload, a PNG text chunk) or as a value already parsed (a request body). */
export function parseBoardFile(input: string | unknown): ParseResult {
  let value: unknown = input;
  if (typeof input === "string") {
    if (input.length > FILE_LIMITS.chars) {
      return fail("", `the file is ${input.length} characters long; at most ${FILE_LIMITS.chars} are read`);
    }
    const depth = textDepth(input);
    if (depth > FILE_LIMITS.depth) return fail("", `the file nests deeper than ${FILE_LIMITS.depth} levels`);
    try {
      value = JSON.parse(input);
    } catch (error) {
      return fail("", `not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const shape = checkShape(value, "", 0);
  if (shape) return fail(shape.path, shape.message);
  if (!isObject(value)) return fail("", "expected a Journeyboard file (a JSON object)");
  if (value.format !== FILE_FORMAT) return fail("format", `expected "${FILE_FORMAT}": this is not a Journeyboard file`);
  const version = value.schemaVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    return fail("schemaVersion", "expected a whole number from 1");
  }
  if (version > FILE_SCHEMA_VERSION) {
    return fail(
      "schemaVersion",
      `version ${version} was made by a newer Journeyboard; this one reads versions up to ${FILE_SCHEMA_VERSION}`,
    );
  }
  const parsed = BoardFileSchema.safeParse(migrateFile(value, version));
  if (!parsed.success) return failWith(parsed.error.issues.slice(0, 20).map(describeIssue));
  const references = checkReferences(parsed.data);
  if (references.length > 0) return failWith(references.slice(0, 20));
  return { ok: true, file: parsed.data };
}

function fail(path: string, message: string): ParseResult {
  return failWith([{ path, message }]);
}

function failWith(issues: FileIssue[]): ParseResult {
  const first = issues[0] ?? { path: "", message: "invalid file" };
  return { ok: false, message: first.path ? `${first.path}: ${first.message}` : first.message, issues };
}

function isObject(value: unknown): value is FileJson {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `maps[0].notes[12].text` from zod's path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join("");
}

function describeIssue(issue: z.core.$ZodIssue): FileIssue {
  const path = fieldPath(issue.path);
  if (issue.code === "invalid_type") {
    const missing = issue.message.endsWith("received undefined");
    return { path, message: missing ? `missing (expected ${issue.expected})` : `expected ${issue.expected}` };
  }
  if (issue.code === "unrecognized_keys") return { path, message: `unknown field ${issue.keys.join(", ")}` };
  return { path, message: issue.message };
}

/** The deepest nesting of arrays and objects in JSON text, counted outside strings; stops past the limit. */
function textDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > FILE_LIMITS.depth) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** A parsed value's nesting and keys: too deep, or a key that would reach a prototype, is refused. */
function checkShape(value: unknown, path: string, depth: number): FileIssue | null {
  if (typeof value !== "object" || value === null) return null;
  if (depth >= FILE_LIMITS.depth) return { path, message: `nested deeper than ${FILE_LIMITS.depth} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const issue = checkShape(value[i], `${path}[${i}]`, depth + 1);
      if (issue) return issue;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return { path: at, message: `the key "${key}" is not allowed` };
    const issue = checkShape((value as FileJson)[key], at, depth + 1);
    if (issue) return issue;
  }
  return null;
}
