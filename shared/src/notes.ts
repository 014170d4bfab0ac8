import * as Y from "yjs";
import { change, containerOf, type JourneyMap } from "./doc.js";
import { clamp, readChild, readNumber, readString, records } from "./fields.js";
import { newId } from "./ids.js";
import { MAX_NAME, MAX_NOTE_TEXT } from "./protocol.js";
import {
  type Cell,
  type Channel,
  isAuthorColor,
  isChannel,
  isListeningSource,
  isNoteColor,
  isNoteKind,
  isPolarity,
  KIND_COLORS,
  type ListeningSource,
  NOTE_SIZE,
  type Note,
  type NoteColor,
  type NoteKind,
  type Polarity,
} from "./schema.js";

/** Sticky notes: the content of the map. */

export interface NewNote {
  cell: Cell | null;
  x: number;
  y: number;
  author: string;
  /** The author's participant color, "#rrggbb"; anything else is left out. */
  authorColor?: string | null;
  kind?: NoteKind;
  color?: NoteColor;
  text?: string;
  w?: number;
  h?: number;
  channel?: Channel | null;
  polarity?: Polarity | null;
  source?: ListeningSource | null;
  segmentIds?: readonly string[];
}

export interface NotePlacement {
  id: string;
  cell: Cell | null;
  x: number;
  y: number;
}

function notesOf(map: JourneyMap): Y.Map<unknown> {
  return containerOf(map, "notes");
}

function noteRecord(map: JourneyMap, id: string): Y.Map<unknown> | undefined {
  return readChild(notesOf(map), id);
}

function toNote(id: string, y: Y.Map<unknown>): Note {
  const stageId = y.get("stageId");
  const laneId = y.get("laneId");
  const kind = y.get("kind");
  const color = y.get("color");
  const text = y.get("text");
  const channel = y.get("channel");
  const polarity = y.get("polarity");
  const source = y.get("source");
  const authorColor = y.get("authorColor");
  const segments = readChild(y, "segments");
  return {
    id,
    cell: typeof stageId === "string" && typeof laneId === "string" ? { stageId, laneId } : null,
    x: readNumber(y, "x", 0),
    y: readNumber(y, "y", 0),
    w: clampSize(readNumber(y, "w", NOTE_SIZE.w)),
    h: clampSize(readNumber(y, "h", NOTE_SIZE.h)),
    kind: isNoteKind(kind) ? kind : "note",
    color: isNoteColor(color) ? color : KIND_COLORS[isNoteKind(kind) ? kind : "note"],
    text: text instanceof Y.Text ? text.toString() : "",
    author: readString(y, "author", "").slice(0, MAX_NAME),
    authorColor: isAuthorColor(authorColor) ? authorColor : null,
    createdAt: readNumber(y, "createdAt", 0),
    channel: isChannel(channel) ? channel : null,
    polarity: isPolarity(polarity) ? polarity : null,
    source: isListeningSource(source) ? source : null,
    segmentIds: segments ? [...segments.keys()].sort() : [],
  };
}

function clampSize(value: number): number {
  return clamp(Math.round(value), NOTE_SIZE.min, NOTE_SIZE.max);
}

function setPlacement(y: Y.Map<unknown>, placement: Omit<NotePlacement, "id">): void {
  y.set("stageId", placement.cell?.stageId ?? null);
  y.set("laneId", placement.cell?.laneId ?? null);
  y.set("x", Math.round(placement.x));
  y.set("y", Math.round(placement.y));
}

export function readNote(map: JourneyMap, id: string): Note | undefined {
  const y = noteRecord(map, id);
  return y ? toNote(id, y) : undefined;
}

export function listNotes(map: JourneyMap): Note[] {
  return [...records(notesOf(map))].map(([id, y]) => toNote(id, y));
}

export function noteIds(map: JourneyMap): string[] {
  return [...records(notesOf(map))].map(([id]) => id);
}

/** The collaborative text of a note, for an editor that binds to it. */
export function noteText(map: JourneyMap, id: string): Y.Text | undefined {
  const text = noteRecord(map, id)?.get("text");
  return text instanceof Y.Text ? text : undefined;
}

export function addNote(map: JourneyMap, input: NewNote): string {
  const id = newId();
  change(map.board, () => {
    const kind = input.kind ?? "note";
    const y = new Y.Map<unknown>();
    setPlacement(y, input);
    y.set("w", clampSize(input.w ?? NOTE_SIZE.w));
    y.set("h", clampSize(input.h ?? NOTE_SIZE.h));
    y.set("kind", kind);
    y.set("color", input.color ?? KIND_COLORS[kind]);
    y.set("text", new Y.Text((input.text ?? "").slice(0, MAX_NOTE_TEXT)));
    y.set("author", input.author.trim().slice(0, MAX_NAME));
    if (isAuthorColor(input.authorColor)) y.set("authorColor", input.authorColor);
    y.set("createdAt", Date.now());
    if (input.channel) y.set("channel", input.channel);
    if (input.polarity) y.set("polarity", input.polarity);
    if (input.source) y.set("source", input.source);
    const segments = new Y.Map<unknown>();
    for (const segmentId of input.segmentIds ?? []) segments.set(segmentId, true);
    y.set("segments", segments);
    notesOf(map).set(id, y);
  });
  return id;
}

/** Moves notes in one transaction; notes deleted meanwhile by someone else are skipped. */
export function moveNotes(map: JourneyMap, placements: readonly NotePlacement[]): void {
  change(map.board, () => {
    for (const placement of placements) {
      const y = noteRecord(map, placement.id);
      if (y) setPlacement(y, placement);
    }
  });
}

/**
 * Sets a note's size (clamped to NOTE_SIZE), width and height in one transaction: two people resizing
 * the same note at once both end with one of their sizes, never one's width with the other's height.
 * Its cell and offset stay, so the note keeps its place; a note deleted meanwhile is skipped.
 */
export function resizeNote(map: JourneyMap, id: string, size: { w: number; h: number }): void {
  change(map.board, () => {
    const y = noteRecord(map, id);
    if (!y) return;
    y.set("w", clampSize(size.w));
    y.set("h", clampSize(size.h));
  });
}

/** Sets the kind of notes; each note takes the kind's color unless a color is given too. */
export function setNoteKind(map: JourneyMap, ids: readonly string[], kind: NoteKind): void {
  change(map.board, () => {
    for (const id of ids) {
      const y = noteRecord(map, id);
      if (!y) continue;
      y.set("kind", kind);
      y.set("color", KIND_COLORS[kind]);
    }
  });
}

/** A touchpoint's channel, a moment of truth's polarity, or a listening post's source (null clears it). */
export function setNoteDetail(
  map: JourneyMap,
  ids: readonly string[],
  detail: { channel: Channel | null } | { polarity: Polarity | null } | { source: ListeningSource | null },
): void {
  change(map.board, () => {
    for (const id of ids) {
      const y = noteRecord(map, id);
      if (!y) continue;
      for (const [key, value] of Object.entries(detail)) {
        if (value === null) y.delete(key);
        else y.set(key, value);
      }
    }
  });
}

/** Tags notes with a segment, or removes the tag. */
export function tagNotes(map: JourneyMap, ids: readonly string[], segmentId: string, tagged: boolean): void {
  change(map.board, () => {
    for (const id of ids) {
      const y = noteRecord(map, id);
      if (!y) continue;
      // Made with the note (or by the relay's repair): never here, where two taggers would each make one.
      const segments = readChild(y, "segments");
      if (tagged) segments?.set(segmentId, true);
      else segments?.delete(segmentId);
    }
  });
}

export function setNoteColor(map: JourneyMap, ids: readonly string[], color: NoteColor): void {
  change(map.board, () => {
    for (const id of ids) noteRecord(map, id)?.set("color", color);
  });
}

export function deleteNotes(map: JourneyMap, ids: readonly string[]): void {
  change(map.board, () => {
    for (const id of ids) notesOf(map).delete(id);
  });
}

/** Copies notes (text included) shifted by an offset; the copies are by whoever copies. Returns the new ids in the same order. */
export function duplicateNotes(
  map: JourneyMap,
  ids: readonly string[],
  offset: { x: number; y: number },
  author: string,
  authorColor: string | null = null,
): string[] {
  return change(map.board, () =>
    ids.flatMap((id) => {
      const note = readNote(map, id);
      if (!note) return [];
      return [addNote(map, { ...note, x: note.x + offset.x, y: note.y + offset.y, author, authorColor })];
    }),
  );
}
