import { type CreatedBoard, readMeta } from "@journeyboard/shared";
import type { BoardFile } from "@journeyboard/shared/file";
import type { Pacing } from "../export/pacing.js";
import type { BoardConnection } from "../sync/connection.js";

/**
 * Journeyboard files in the browser: the board as JSON or CSV (for the Export panel) and inside its PNG,
 * read a chosen or dropped file (JSON, or a PNG carrying the board), and import it as a new map of this
 * board or as a new board. The file API
 * (and zod in it) loads with the first export or import, never with the board.
 */
const fileApi = () => import("@journeyboard/shared/file");

export type ExportKind = "json" | "notes" | "crowd";

const KINDS: Record<ExportKind, { suffix: string; type: string }> = {
  json: { suffix: ".journeyboard.json", type: "application/json" },
  notes: { suffix: " notes.csv", type: "text/csv;charset=utf-8" },
  crowd: { suffix: " crowd results.csv", type: "text/csv;charset=utf-8" },
};

/** Without characters file systems refuse, and without the runs of spaces their removal leaves. */
function fileTitle(text: string): string {
  return text
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** "Shop redesign - Current state.journeyboard.json"; the board's title alone for every map. */
export function exportFileName(boardTitle: string, mapTitle: string | null, kind: ExportKind): string {
  const board = fileTitle(boardTitle) || "Journeyboard";
  const map = mapTitle === null ? "" : fileTitle(mapTitle);
  return `${map ? `${board} - ${map}` : board}${KINDS[kind].suffix}`;
}

/** The board (or only the map `mapId`) as a file of that kind, read from the shared documents. */
export async function exportFile(
  connection: Pick<BoardConnection, "board" | "control">,
  mapId: string | null,
  kind: ExportKind,
): Promise<{ blob: Blob; name: string }> {
  const { boardFileJson, crowdCsv, exportBoard, notesCsv } = await fileApi();
  const whole = exportBoard(connection.board.doc, connection.control);
  const maps = mapId === null ? whole.maps : whole.maps.filter((m) => m.id === mapId);
  const file: BoardFile = { ...whole, maps };
  const text = kind === "json" ? boardFileJson(file) : kind === "notes" ? notesCsv(file) : crowdCsv(file);
  const mapTitle = mapId === null ? null : (maps[0]?.title ?? null);
  return {
    blob: new Blob([text], { type: KINDS[kind].type }),
    name: exportFileName(readMeta(connection.board).title, mapTitle, kind),
  };
}

/**
 * What a PNG of the map carries: the map as a Journeyboard file, in a text chunk, so that dropping the
 * picture on Journeyboard opens the map again. Compressed a slice at a time, between the page's turns.
 */
export async function mapPngChunk(
  connection: Pick<BoardConnection, "board" | "control">,
  mapId: string,
  pacing: Pick<Pacing, "drive">,
): Promise<Uint8Array<ArrayBuffer>> {
  const { boardFileJson, boardPngChunkSteps, exportBoard } = await fileApi();
  const whole = exportBoard(connection.board.doc, connection.control);
  const file: BoardFile = { ...whole, maps: whole.maps.filter((m) => m.id === mapId) };
  return pacing.drive(boardPngChunkSteps(boardFileJson(file)));
}

/** A file that passed the check, with the items adding each of its maps to a board writes in one update. */
export type ReadResult = { ok: true; file: BoardFile; items: number[] } | { ok: false; message: string };

export type ReadStep = "reading" | "checking";

/** Lets the page show a step before work that holds the main thread for a while (checking, writing). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Whether a chosen file is a picture (its board is in a chunk) rather than JSON text. */
function isPng(file: File): boolean {
  return file.type === "image/png" || file.name.toLowerCase().endsWith(".png");
}

/** A file's bytes, read in pieces so a large one shows how far it has come. */
async function readBytes(file: File, progress: (done: number) => void): Promise<Uint8Array> {
  const bytes = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes.set(value.subarray(0, bytes.length - offset), offset);
    offset += value.length;
    progress(file.size === 0 ? 1 : Math.min(1, offset / file.size));
  }
  return bytes;
}

/**
 * A chosen or dropped file, checked whole: the board it holds, or why it cannot be imported (the
 * validator's message, naming the field). `step` tells how far it has come: reading (with the share
 * read), then checking.
 */
export async function readBoardFile(file: File, step: (step: ReadStep, done: number) => void): Promise<ReadResult> {
  const api = await fileApi();
  // Bigger than the format allows even as UTF-8 at four bytes a character: refused before reading it.
  if (file.size > api.FILE_LIMITS.chars * 4) {
    return {
      ok: false,
      message: `the file is ${file.size} bytes; at most ${api.FILE_LIMITS.chars} characters are read`,
    };
  }
  const bytes = await readBytes(file, (done) => step("reading", done));
  step("checking", 0);
  await nextTask();
  let text: string;
  if (isPng(file)) {
    const carried = api.boardFromPng(bytes);
    if (!carried.ok) return carried;
    text = carried.text;
  } else {
    text = new TextDecoder().decode(bytes);
  }
  const parsed = api.parseBoardFile(text);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  return { ok: true, file: parsed.file, items: parsed.file.maps.map(api.mapImportItems) };
}

/**
 * Why the file's map `mapIndex` cannot be added to this board in one step (more items than the relay
 * takes in one update, `limit`), or null when it can. A new board is made by the server, without that limit.
 */
export function tooLargeForOneStep(
  file: BoardFile,
  items: readonly number[],
  mapIndex: number,
  limit: number,
): string | null {
  const count = items[mapIndex] ?? 0;
  if (count <= limit) return null;
  const map = file.maps[mapIndex];
  const notes = map?.notes.length ?? 0;
  return (
    `“${map?.title ?? ""}” has ${notes.toLocaleString("en")} ${notes === 1 ? "note" : "notes"} ` +
    `(${count.toLocaleString("en")} pieces of data with their tags and fields, more than the ` +
    `${limit.toLocaleString("en")} the board takes at once): too many to add as a map in one step. ` +
    "Open it as a new board instead."
  );
}

/**
 * The file's map `mapIndex` added to this board as a new map (fresh ids, a title no other map has). Runs
 * inside the caller's edit gate, so it is one undo step; crowd results come along only for a facilitator,
 * the one role whose writes the relay takes into the control document. Gives the new map's id.
 */
export async function importAsMap(
  connection: BoardConnection,
  file: BoardFile,
  mapIndex: number,
  edit: <T>(change: () => T) => T | undefined,
): Promise<string | undefined> {
  const { importMap } = await fileApi();
  const control = connection.role === "facilitator" ? connection.control : undefined;
  return edit(() => importMap(connection.board, file, mapIndex, control))?.id;
}

/**
 * A new board made from the file by the server (POST /api/boards with the file as its body: checked there
 * again, ids kept, crowd results in its control document). Gives the new board's link; a refusal names
 * the field, as the check here does.
 */
export async function importAsNewBoard(file: BoardFile): Promise<CreatedBoard> {
  const { boardFileJson } = await fileApi();
  const response = await fetch("/api/boards", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: boardFileJson(file),
  });
  const answer = (await response.json().catch(() => ({}))) as Partial<CreatedBoard> & { error?: string };
  if (!response.ok || !answer.url) throw new Error(answer.error ?? `the server answered ${response.status}`);
  return answer as CreatedBoard;
}
