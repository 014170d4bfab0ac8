import type * as Y from "yjs";
import { MAX_NAME, MAX_NOTE_TEXT } from "./protocol.js";
import { type Cell, isAuthorColor, isNoteKind, type NoteKind } from "./schema.js";

/**
 * Private writing: while the facilitator has it on, the notes a participant writes go to the relay
 * alone, which keeps them apart per participant (never in a document anyone can read) until the
 * facilitator reveals them: then the relay adds them all to the board at once, with their authors.
 * The control document shows only that private writing is on, where, and how many notes each stage holds.
 */

/** The shape of private writing in the control document: a later reader knows what it holds. */
export const PRIVATE_WRITING_VERSION = 1;
/** Private notes one participant may keep before the reveal, and participants one board may have writing. */
export const PRIVATE_LIMITS = { notesPerParticipant: 50, writers: 500 } as const;
/** The key counts use for notes written outside any cell. */
export const OUTSIDE_CELLS = "";

export type PrivateScope = "board" | "stage";

export interface PrivateWriting {
  status: "on" | "off";
  scope: PrivateScope;
  mapId: string;
  /** The stage private writing is limited to, when its scope is "stage". */
  stageId: string | null;
  startedAt: number;
  /** Private notes per stage (OUTSIDE_CELLS for none): counts only, never content nor authors. */
  counts: Record<string, number>;
}

/** One private note as its author wrote it: what the reveal turns into a note of the map. */
export interface PrivateNote {
  id: string;
  cell: Cell | null;
  x: number;
  y: number;
  kind: NoteKind;
  text: string;
}

/** Who wrote a participant's private notes, as the reveal shows it. */
export interface PrivateAuthor {
  name: string;
  color: string | null;
}

const MAX_COORDINATE = 1e6;
const MAX_ID = 64;

const isId = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && value.length <= MAX_ID;

/** A note's fields from a request, checked and bounded; or why they cannot be used. */
export function cleanPrivateNote(input: Record<string, unknown>, id: string): PrivateNote | string {
  const { cell, x, y, kind, text } = input;
  const bounded = (n: unknown) => typeof n === "number" && Number.isFinite(n) && Math.abs(n) <= MAX_COORDINATE;
  if (!bounded(x) || !bounded(y)) return "x and y must be numbers on the board";
  if (kind !== undefined && !isNoteKind(kind)) return "kind must be a kind of note";
  if (text !== undefined && typeof text !== "string") return "text must be text";
  if (typeof text === "string" && text.length > MAX_NOTE_TEXT)
    return `text must be at most ${MAX_NOTE_TEXT} characters`;
  let placed: Cell | null = null;
  if (cell !== null && cell !== undefined) {
    const { stageId, laneId } = cell as Record<string, unknown>;
    if (typeof cell !== "object" || !isId(stageId) || !isId(laneId)) return "cell must be {stageId, laneId} or null";
    placed = { stageId, laneId };
  }
  return {
    id,
    cell: placed,
    x: Math.round(x as number),
    y: Math.round(y as number),
    kind: kind ?? "note",
    text: text ?? "",
  };
}

/** The author as the reveal shows them: the name they go by (bounded), and their color if it is one. */
export function cleanPrivateAuthor(name: unknown, color: unknown): PrivateAuthor {
  const shown = typeof name === "string" ? name.trim().slice(0, MAX_NAME) : "";
  return { name: shown || "Participant", color: isAuthorColor(color) ? color : null };
}

/** Whether a note in `cell` may be written privately now; or why not. */
export function mayWritePrivately(writing: PrivateWriting | null, mapId: string, cell: Cell | null): string | null {
  if (writing?.status !== "on") return "private writing is not on";
  if (writing.mapId !== mapId) return "private writing is on for another map";
  if (writing.scope === "stage" && cell?.stageId !== writing.stageId)
    return "private writing is on for one stage only: write your note in it";
  return null;
}

/** Private notes per stage, over every participant's notes. */
export function countPrivateNotes(all: Iterable<readonly PrivateNote[]>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const notes of all) {
    for (const note of notes) {
      const key = note.cell?.stageId ?? OUTSIDE_CELLS;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}

export function readPrivateWriting(control: Y.Doc): PrivateWriting | null {
  const map = control.getMap("privateWriting");
  const read = (key: string) => map.get(key);
  const [status, scope, mapId, stageId, startedAt, counts] = [
    "status",
    "scope",
    "mapId",
    "stageId",
    "startedAt",
    "counts",
  ].map(read);
  if (read("version") !== PRIVATE_WRITING_VERSION || (status !== "on" && status !== "off")) return null;
  if ((scope !== "board" && scope !== "stage") || typeof mapId !== "string") return null;
  const perStage: Record<string, number> = {};
  if (typeof counts === "object" && counts !== null) {
    for (const [key, n] of Object.entries(counts)) if (typeof n === "number") perStage[key] = n;
  }
  return {
    status,
    scope,
    mapId,
    stageId: typeof stageId === "string" ? stageId : null,
    startedAt: typeof startedAt === "number" ? startedAt : 0,
    counts: perStage,
  };
}

/** Written by the relay only (the control document takes no one else's changes but facilitators'). */
export function writePrivateWriting(control: Y.Doc, writing: PrivateWriting, origin: unknown): void {
  control.transact(() => {
    const map = control.getMap("privateWriting");
    const record: Record<string, unknown> = { version: PRIVATE_WRITING_VERSION, ...writing };
    for (const [key, value] of Object.entries(record)) {
      if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
    }
  }, origin);
}
