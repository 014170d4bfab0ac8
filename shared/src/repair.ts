import * as Y from "yjs";
import { MAP_CONTAINERS, mapsOf, metaOf } from "./doc.js";
import { SCHEMA_VERSION } from "./schema.js";

/**
 * The relay's repair pass: puts back the structure today's app needs wherever a client left it out (a
 * stock y-websocket client, a page from before a migration, an offline copy written by older code).
 * Run whole when a board loads, and on just what changed after each participant's update. Idempotent:
 * a board in shape is not written at all. Nothing here deletes content.
 */

/** What a transaction changed: each type and the keys of it that changed (null inside a text). */
type Changed = Y.Transaction["changed"];
type ChangedType = Parameters<Changed["get"]>[0];

/** What a changed type and its changed keys touch, as its path from the root: ["maps", mapId, "notes", noteId, ...]. */
type Path = readonly string[];

/** Repairs the whole board; returns how many records it mended. */
export function repairBoard(doc: Y.Doc): number {
  return repairPaths(doc, [["meta", "schemaVersion"], ...[...mapsOf(doc).keys()].map((id) => ["maps", id])]);
}

/**
 * Repairs what one transaction changed (`transaction.changed`), so the cost follows the size of the
 * change, not of the board. A record or container new in the transaction is walked whole: what it holds
 * came with it, and Yjs lists only types that existed before as changed.
 */
export function repairChanges(doc: Y.Doc, changed: Changed): number {
  const paths: Path[] = [];
  for (const [type, keys] of changed) {
    const base = pathOf(doc, type);
    if (!base) continue;
    for (const key of keys) paths.push(key === null ? base : [...base, key]);
  }
  return repairPaths(doc, paths);
}

function repairPaths(doc: Y.Doc, paths: readonly Path[]): number {
  const seen = new Set<string>();
  let mended = 0;
  const once = (key: string, repair: () => boolean) => {
    if (seen.has(key)) return;
    seen.add(key);
    if (repair()) mended++;
  };
  const note = (mapId: string, id: string, record: unknown) => {
    if (record instanceof Y.Map) once(`note/${mapId}/${id}`, () => repairNote(record));
  };
  const segment = (mapId: string, id: string, record: unknown, stageIds: readonly string[] | "all") => {
    if (!(record instanceof Y.Map)) return;
    const points = stageIds === "all" ? "all" : stageIds.join("/");
    once(`segment/${mapId}/${id}/${points}`, () => repairSegment(record, stageIds));
  };
  /** The RACI grid's parts, and the activities named (all of them for "all"). */
  const raci = (mapId: string, map: Y.Map<unknown>, activityIds: readonly string[] | "all") => {
    const grid = map.get("raci");
    if (!(grid instanceof Y.Map)) return;
    once(`raci/${mapId}`, () => repairRaci(grid));
    const activities = grid.get("activities") as Y.Map<unknown>;
    for (const id of activityIds === "all" ? [...activities.keys()] : activityIds) {
      const activity = activities.get(id);
      if (activity instanceof Y.Map) once(`activity/${mapId}/${id}`, () => repairActivity(activity));
    }
  };
  /** Every note or segment of a container, as when it is new. */
  const all = (mapId: string, map: Y.Map<unknown>, container: "notes" | "segments") => {
    const records = map.get(container);
    if (!(records instanceof Y.Map)) return;
    for (const [id, record] of records.entries()) {
      if (container === "notes") note(mapId, id, record);
      else segment(mapId, id, record, "all");
    }
  };
  doc.transact(() => {
    for (const [root, mapId, container, id, field, stageId] of paths) {
      if (root === "meta" && mapId === "schemaVersion") once("version", () => repairVersion(doc));
      if (root !== "maps" || mapId === undefined) continue;
      const map = mapsOf(doc).get(mapId);
      if (!(map instanceof Y.Map)) continue;
      once(`map/${mapId}`, () => repairMap(map));
      if (container === undefined) {
        // A map set whole (new, copied or replaced): everything in it is new.
        all(mapId, map, "notes");
        all(mapId, map, "segments");
        raci(mapId, map, "all");
        continue;
      }
      if (container === "raci") {
        // A new grid or a new activities map is walked whole; a change inside an activity, that activity.
        const whole = id === undefined || (id === "activities" && field === undefined);
        raci(mapId, map, whole ? "all" : id === "activities" && field !== undefined ? [field] : []);
        continue;
      }
      if (container !== "notes" && container !== "segments") continue;
      if (id === undefined) {
        all(mapId, map, container);
        continue;
      }
      const record = (map.get(container) as Y.Map<unknown> | undefined)?.get(id);
      if (container === "notes") note(mapId, id, record);
      // A new segment or a new curve is checked whole; a changed point alone; any other field, the shape.
      else if (field === undefined || (field === "emotion" && stageId === undefined)) segment(mapId, id, record, "all");
      else segment(mapId, id, record, field === "emotion" && stageId !== undefined ? [stageId] : []);
    }
  }, "repair");
  return mended;
}

/** The path of a type from its root, or null for one inside a text or an array. */
function pathOf(doc: Y.Doc, type: ChangedType): Path | null {
  const path: string[] = [];
  let current = type;
  while (current._item) {
    const key = current._item.parentSub;
    if (key === null || !(current._item.parent instanceof Y.AbstractType)) return null;
    path.unshift(key);
    current = current._item.parent;
  }
  const root: unknown = current;
  if (root === metaOf(doc)) return ["meta", ...path];
  if (root === mapsOf(doc)) return ["maps", ...path];
  return null;
}

/** Only the relay sets the schema version: whatever a client wrote there is put back. */
function repairVersion(doc: Y.Doc): boolean {
  const meta = metaOf(doc);
  if (meta.get("schemaVersion") === SCHEMA_VERSION) return false;
  meta.set("schemaVersion", SCHEMA_VERSION);
  return true;
}

function repairMap(map: Y.Map<unknown>): boolean {
  let mended = false;
  for (const name of MAP_CONTAINERS) {
    if (map.get(name) instanceof Y.Map) continue;
    map.set(name, new Y.Map<unknown>());
    mended = true;
  }
  return mended;
}

function repairNote(note: Y.Map<unknown>): boolean {
  let mended = false;
  const text = note.get("text");
  if (!(text instanceof Y.Text)) {
    note.set("text", new Y.Text(typeof text === "string" ? text : ""));
    mended = true;
  }
  if (!(note.get("segments") instanceof Y.Map)) {
    note.set("segments", new Y.Map<unknown>());
    mended = true;
  }
  return mended;
}

/**
 * The RACI grid's parts. Roles are content, so a grid a foreign client made without them gets an empty
 * `roles`, not the default ones. Letters of a removed role (set at the moment it was removed) are kept:
 * the repair pass deletes nothing, readers never show them, and undoing the removal shows them again.
 */
function repairRaci(raci: Y.Map<unknown>): boolean {
  let mended = false;
  for (const name of ["roles", "activities", "systems"]) {
    if (raci.get(name) instanceof Y.Map) continue;
    raci.set(name, new Y.Map<unknown>());
    mended = true;
  }
  return mended;
}

/** An activity's title text (a plain string kept as its text) and its links, systems and cells. */
function repairActivity(activity: Y.Map<unknown>): boolean {
  let mended = false;
  const title = activity.get("title");
  if (!(title instanceof Y.Text)) {
    activity.set("title", new Y.Text(typeof title === "string" ? title : ""));
    mended = true;
  }
  for (const name of ["notes", "systems", "cells"]) {
    if (activity.get(name) instanceof Y.Map) continue;
    activity.set(name, new Y.Map<unknown>());
    mended = true;
  }
  return mended;
}

/**
 * A segment's curve: its `emotion` (stage → score) and `labels` (stage → label) maps, and, for the
 * points named, a point an older page wrote as a nested map made plain again.
 */
function repairSegment(segment: Y.Map<unknown>, stageIds: readonly string[] | "all"): boolean {
  let mended = false;
  for (const name of ["emotion", "labels"]) {
    if (segment.get(name) instanceof Y.Map) continue;
    segment.set(name, new Y.Map<unknown>());
    mended = true;
  }
  const scores = segment.get("emotion") as Y.Map<unknown>;
  const labels = segment.get("labels") as Y.Map<unknown>;
  for (const stageId of stageIds === "all" ? [...scores.keys()] : stageIds) {
    const point = scores.get(stageId);
    if (!(point instanceof Y.Map)) continue;
    const score = point.get("score");
    const label = point.get("label");
    scores.set(stageId, typeof score === "number" && Number.isFinite(score) ? score : 0);
    if (typeof label === "string" && label.length > 0 && !labels.has(stageId)) labels.set(stageId, label);
    mended = true;
  }
  return mended;
}

/**
 * Applies a participant's update, then repairs what it changed (two transactions: the repair is the
 * relay's own change). The relay sends both on as one message. Returns how many records were mended.
 */
export function applyRepaired(doc: Y.Doc, update: Uint8Array, origin: unknown): number {
  let changed: Changed | undefined;
  const capture = (transaction: Y.Transaction) => {
    changed = transaction.changed;
  };
  let mended = 0;
  doc.on("afterTransaction", capture);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off("afterTransaction", capture);
    // A malformed update can throw after part of it was applied: that part is repaired all the same.
    if (changed) mended = repairChanges(doc, changed);
  }
  return mended;
}
