/**
 * @journeyboard/shared/file: the Journeyboard file (format.ts describes it and how to use it). A subpath
 * of its own, so that zod is loaded only by the code that reads or writes files (an import dialog, a
 * server route, the command line), not by every page that opens a board.
 */
export * from "./csv-notes.js";
export * from "./export.js";
export * from "./format.js";
export * from "./import.js";
export * from "./import-size.js";
export * from "./migrations.js";
export * from "./parse.js";
export * from "./png.js";
export type { FileIssue } from "./references.js";
