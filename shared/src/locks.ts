import * as Y from "yjs";
import { mapsOf } from "./doc.js";
import { readWalkthrough, type WalkThrough } from "./rounds.js";

/**
 * Locks (run-sheet, locks and summary): the facilitator locks the board's structure (stages, lanes,
 * segments) and the stages other than the current one. The state lives in the control document,
 * written by the relay on a facilitator's request; the relay refuses an editor's change to a locked
 * part. The current stage is the walk-through's while one runs, else the one the facilitator picked.
 */

/** The layout of the lock state in the control document; a later layout gets a higher number. */
export const LOCKS_VERSION = 1;

export interface Locks {
  v: typeof LOCKS_VERSION;
  structure: boolean;
  /** Every stage but the current one. */
  stages: boolean;
  /** The stage the facilitator picked as current, used when no walk-through runs. */
  mapId: string | null;
  stageId: string | null;
}

export const NO_LOCKS: Locks = { v: LOCKS_VERSION, structure: false, stages: false, mapId: null, stageId: null };

/** The locks in force: what is locked, and the one stage left open when stages are locked. */
export interface ActiveLocks {
  structure: boolean;
  stages: boolean;
  open: { mapId: string; stageId: string } | null;
}

export function readLocks(control: Y.Doc): Locks {
  const value: unknown = control.getMap("locks").get("state");
  if (typeof value !== "object" || value === null) return NO_LOCKS;
  const l = value as Record<string, unknown>;
  if (l.v !== LOCKS_VERSION) return NO_LOCKS;
  const id = (s: unknown) => (typeof s === "string" ? s : null);
  return {
    v: LOCKS_VERSION,
    structure: l.structure === true,
    stages: l.stages === true,
    mapId: id(l.mapId),
    stageId: id(l.stageId),
  };
}

export function writeLocks(control: Y.Doc, locks: Locks, origin: unknown): void {
  control.transact(() => control.getMap("locks").set("state", locks), origin);
}

/** The locks in force, or null when nothing is locked. A running walk-through's stage is the current one. */
export function activeLocks(locks: Locks, walk: WalkThrough | null): ActiveLocks | null {
  if (!locks.structure && !locks.stages) return null;
  const running = walk?.status === "running" ? { mapId: walk.mapId, stageId: walk.stageId } : null;
  const picked = locks.mapId !== null && locks.stageId !== null ? { mapId: locks.mapId, stageId: locks.stageId } : null;
  return { structure: locks.structure, stages: locks.stages, open: running ?? picked };
}

/** The locks in force on a board, from its control document. */
export function locksIn(control: Y.Doc): ActiveLocks | null {
  return activeLocks(readLocks(control), readWalkthrough(control));
}

/** Whether notes in this stage of this map are locked (a note outside every stage never is). */
export function isStageLocked(locks: ActiveLocks | null, mapId: string, stageId: unknown): boolean {
  if (!locks?.stages || typeof stageId !== "string") return false;
  return !(locks.open?.mapId === mapId && locks.open.stageId === stageId);
}

/** A shared type of the document, as a transaction lists it among what it changed. */
type SharedType = Parameters<Y.Transaction["changed"]["get"]>[0];

export const STRUCTURE_LOCKED = "the facilitator has locked the board's structure";
export const STAGE_LOCKED = "the facilitator has locked the stages other than the current one";

/** A type a change touched in a locked part: the relay takes back what the change did in it. */
export interface LockBreach {
  type: SharedType;
  reason: string;
}

/**
 * Which locked parts a transaction touched (`transaction.changed`, read in afterTransaction, while the
 * values it replaced are still there): the cost follows the size of the change, not of the board.
 * A note's stage is read before and after the change, so a note moved out of or into a locked stage,
 * added to or deleted from one, or edited in one, is a breach.
 */
export function lockBreaches(doc: Y.Doc, changed: Y.Transaction["changed"], locks: ActiveLocks): LockBreach[] {
  const breaches: LockBreach[] = [];
  for (const [type, keys] of changed) {
    const path = pathOf(doc, type);
    if (!path) continue;
    const reason = breachOf(path, type, [...keys], locks);
    if (reason) breaches.push({ type, reason });
  }
  return breaches;
}

const STRUCTURE = new Set(["stages", "lanes", "segments"]);

function breachOf(path: readonly string[], type: SharedType, keys: (string | null)[], locks: ActiveLocks) {
  const [mapId, container, noteId] = path;
  const map = type;
  if (mapId === undefined) {
    // A whole map replaced or deleted takes its stages and notes with it; a new map is free.
    const replaced = keys.some((key) => key !== null && map._map.get(key)?.left);
    const deleted = keys.some((key) => key !== null && map._map.get(key)?.deleted);
    return replaced || deleted ? STRUCTURE_LOCKED : null;
  }
  if (container === undefined) {
    if (locks.structure && keys.some((key) => key !== null && STRUCTURE.has(key))) return STRUCTURE_LOCKED;
    return locks.stages && keys.includes("notes") ? STAGE_LOCKED : null;
  }
  if (STRUCTURE.has(container)) return locks.structure ? STRUCTURE_LOCKED : null;
  if (container !== "notes") return null;
  if (locks.structure && path.length === 3 && movedOffDeletedTrack(map, keys)) return STRUCTURE_LOCKED;
  if (!locks.stages) return null;
  const locked = (stageId: unknown) => isStageLocked(locks, mapId, stageId);
  if (noteId === undefined) {
    // Notes added or deleted: the stage of each record, new or gone.
    const stages = keys.flatMap((key) => (key === null ? [] : valuesOf(map, key).map((r) => rawValue(r, "stageId"))));
    return stages.some(locked) ? STAGE_LOCKED : null;
  }
  const record = ancestor(type, path.length - 3);
  const before = path.length === 3 && keys.includes("stageId") ? valuesOf(map, "stageId") : [];
  return [rawValue(record, "stageId"), ...before].some(locked) ? STAGE_LOCKED : null;
}

/** Whether a note left a stage or lane that is gone (deleting a track moves its notes to a neighbour). */
function movedOffDeletedTrack(record: SharedType, keys: (string | null)[]): boolean {
  const map = ancestor(record, 2);
  if (!map) return false;
  return [["stageId", "stages"] as const, ["laneId", "lanes"] as const].some(([key, container]) => {
    if (!keys.includes(key)) return false;
    const tracks = valuesOf(map, container)[0];
    const before = valuesOf(record, key)[1];
    return tracks instanceof Y.AbstractType && typeof before === "string" && tracks._map.get(before)?.deleted === true;
  });
}

/** A key's value and the one it replaced, deleted or not (read before they are collected). */
function valuesOf(map: SharedType, key: string): unknown[] {
  const item = map._map.get(key);
  return [item, item?.left].flatMap((i) => (i instanceof Y.Item ? i.content.getContent().slice(-1) : []));
}

function rawValue(record: unknown, key: string): unknown {
  return record instanceof Y.AbstractType ? valuesOf(record, key)[0] : undefined;
}

/** The type `levels` above this one: the note record a type inside a note (its text, its tags) belongs to. */
function ancestor(type: SharedType, levels: number): SharedType | undefined {
  let current: SharedType | undefined = type;
  for (let level = 0; level < levels && current; level++) {
    const parent: unknown = current._item?.parent;
    current = parent instanceof Y.AbstractType ? parent : undefined;
  }
  return current;
}

/** A type's path below the maps root: [mapId, container, recordId, ...], or null outside it. */
function pathOf(doc: Y.Doc, type: SharedType): string[] | null {
  const path: string[] = [];
  let current = type;
  while (current._item) {
    const key = current._item.parentSub;
    if (key === null || !(current._item.parent instanceof Y.AbstractType)) return null;
    path.unshift(key);
    current = current._item.parent;
  }
  const root: unknown = current;
  return root === mapsOf(doc) ? path : null;
}
