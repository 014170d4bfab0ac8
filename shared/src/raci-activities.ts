import * as Y from "yjs";
import { change, containerOf, type JourneyMap } from "./doc.js";
import { readChild, readString } from "./fields.js";
import { newId } from "./ids.js";
import { writeSystem } from "./it-stack.js";
import { orderKeyAt } from "./order.js";
import { activityRecord, cellKey, cleanText, listActivities, RACI_LIMITS, raciPart } from "./raci.js";
import { isRaciLetter, type NoteKind, RACI_LETTERS, type RaciLetter } from "./schema.js";
import { applyTextChange, diffText } from "./text.js";

/** The RACI grid's rows (activities) and their cells (raci.ts describes the grid). */

export interface NewActivity {
  title?: string;
  stageId?: string | null;
  /** Notes it answers; ids of notes that do not exist are left out. */
  noteIds?: readonly string[];
  /** Systems it needs, free text (see it-stack.ts). */
  systems?: readonly string[];
}

/** The notes an activity can be made from: what the future-state process answers. */
export const ACTIVITY_NOTE_KINDS: readonly NoteKind[] = ["opportunity", "pain-point"];

/** Ordered activities as order.ts wants them, without reading their cells. */
function ordered(map: JourneyMap): { id: string; order: string }[] {
  return listActivities(map, []);
}

function stageOrNull(map: JourneyMap, stageId: string | null | undefined): string | null {
  return typeof stageId === "string" && readChild(containerOf(map, "stages"), stageId) ? stageId : null;
}

/**
 * Adds an activity after `afterId` (at the end when null or unknown), with all its structure at once:
 * title text, linked notes, systems and cells. Returns its id, or null when the grid is full.
 */
export function addActivity(map: JourneyMap, input: NewActivity = {}, afterId: string | null = null): string | null {
  return change(map.board, () => {
    const activities = ordered(map);
    if (activities.length >= RACI_LIMITS.activities) return null;
    const at = afterId === null ? -1 : activities.findIndex((a) => a.id === afterId);
    const { key, rekeyed } = orderKeyAt(activities, at >= 0 ? at + 1 : activities.length);
    const y = new Y.Map<unknown>();
    y.set("title", new Y.Text(cleanText(input.title ?? "", RACI_LIMITS.activityTitle, "")));
    y.set("stageId", stageOrNull(map, input.stageId));
    y.set("order", key);
    const notes = new Y.Map<unknown>();
    y.set("notes", notes);
    const systems = new Y.Map<unknown>();
    y.set("systems", systems);
    y.set("cells", new Y.Map<unknown>());
    const id = newId();
    raciPart(map, "activities").set(id, y);
    link(map, notes, input.noteIds ?? [], true);
    for (const name of input.systems ?? []) writeSystem(map.board, systems, name);
    rekey(map, rekeyed);
    return id;
  });
}

/**
 * "Create activity from note": an activity titled with an opportunity's or a pain point's text, in its
 * stage, linked to it. Null for another kind of note, a note that is gone, or a full grid.
 */
export function activityFromNote(map: JourneyMap, noteId: string, afterId: string | null = null): string | null {
  const note = readChild(containerOf(map, "notes"), noteId);
  const kind = note?.get("kind");
  if (!note || !ACTIVITY_NOTE_KINDS.some((k) => k === kind)) return null;
  const text = note.get("text");
  return addActivity(
    map,
    {
      title: text instanceof Y.Text ? text.toString() : "",
      stageId: readString(note, "stageId", ""),
      noteIds: [noteId],
    },
    afterId,
  );
}

/** The activity's title as a Y.Text, for an editor to bind to (limit its length to RACI_LIMITS.activityTitle). */
export function activityTitle(map: JourneyMap, activityId: string): Y.Text | undefined {
  const title = activityRecord(map, activityId)?.get("title");
  return title instanceof Y.Text ? title : undefined;
}

/**
 * Sets an activity's title (as the smallest text change, so it merges with someone typing in it) and its
 * stage (null: none; a stage that does not exist is ignored).
 */
export function updateActivity(
  map: JourneyMap,
  activityId: string,
  patch: { title?: string; stageId?: string | null },
): void {
  change(map.board, () => {
    const y = activityRecord(map, activityId);
    if (!y) return;
    const title = activityTitle(map, activityId);
    if (patch.title !== undefined && title) {
      const wanted = cleanText(patch.title, RACI_LIMITS.activityTitle, "");
      applyTextChange(title, diffText(title.toString(), wanted), map.board.origin, RACI_LIMITS.activityTitle);
    }
    if (patch.stageId === null) y.set("stageId", null);
    else if (patch.stageId !== undefined && stageOrNull(map, patch.stageId)) y.set("stageId", patch.stageId);
  });
}

/** Links notes to an activity, or unlinks them. */
export function linkNotes(map: JourneyMap, activityId: string, noteIds: readonly string[], linked: boolean): void {
  change(map.board, () => {
    const activity = activityRecord(map, activityId);
    const notes = activity && readChild(activity, "notes");
    if (notes) link(map, notes, noteIds, linked);
  });
}

function link(map: JourneyMap, notes: Y.Map<unknown>, noteIds: readonly string[], linked: boolean): void {
  for (const noteId of noteIds) {
    if (!linked) notes.delete(noteId);
    else if (notes.size < RACI_LIMITS.linkedNotes && readChild(containerOf(map, "notes"), noteId))
      notes.set(noteId, true);
  }
}

/** Moves an activity to position `toIndex` among the activities (0 is first). */
export function moveActivity(map: JourneyMap, activityId: string, toIndex: number): void {
  change(map.board, () => {
    const y = activityRecord(map, activityId);
    if (!y) return;
    const { key, rekeyed } = orderKeyAt(
      ordered(map).filter((a) => a.id !== activityId),
      toIndex,
    );
    y.set("order", key);
    rekey(map, rekeyed);
  });
}

function rekey(map: JourneyMap, rekeyed: readonly { id: string; order: string }[]): void {
  for (const { id, order } of rekeyed) activityRecord(map, id)?.set("order", order);
}

/** Removes an activity; its letters, links and systems live inside it and go with it. */
export function removeActivity(map: JourneyMap, activityId: string): void {
  change(map.board, () => raciPart(map, "activities").delete(activityId));
}

/** The cells of an activity, when the activity and the role both exist. */
function cellsOf(map: JourneyMap, activityId: string, roleId: string): Y.Map<unknown> | undefined {
  const activity = activityRecord(map, activityId);
  if (!activity || !readChild(raciPart(map, "roles"), roleId)) return undefined;
  return readChild(activity, "cells");
}

/** Sets one letter of a cell if it is not set, clears it if it is; returns whether it is set now. */
export function toggleLetter(map: JourneyMap, activityId: string, roleId: string, letter: RaciLetter): boolean {
  if (!isRaciLetter(letter)) return false;
  return change(map.board, () => {
    const cells = cellsOf(map, activityId, roleId);
    if (!cells) return false;
    const key = cellKey(roleId, letter);
    if (cells.get(key) === true) {
      cells.delete(key);
      return false;
    }
    cells.set(key, true);
    return true;
  });
}

/** Sets a cell to exactly `letters` (others cleared); only the letters that change are written. */
export function setCellLetters(
  map: JourneyMap,
  activityId: string,
  roleId: string,
  letters: readonly RaciLetter[],
): void {
  change(map.board, () => {
    const cells = cellsOf(map, activityId, roleId);
    if (!cells) return;
    for (const letter of RACI_LETTERS) {
      const key = cellKey(roleId, letter);
      const wanted = letters.includes(letter);
      if (wanted && cells.get(key) !== true) cells.set(key, true);
      else if (!wanted && cells.has(key)) cells.delete(key);
    }
  });
}

export function clearCell(map: JourneyMap, activityId: string, roleId: string): void {
  setCellLetters(map, activityId, roleId, []);
}
