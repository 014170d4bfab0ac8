import * as Y from "yjs";
import { MAP_CONTAINERS, mapsOf, metaOf } from "./doc.js";
import { flattenCurve } from "./migrations/v3-flat-emotion.js";
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
  const paths: Path[] = [["meta", "schemaVersion"]];
  for (const [mapId, map] of mapsOf(doc).entries()) {
    paths.push(["maps", mapId]);
    if (!(map instanceof Y.Map)) continue;
    for (const container of ["notes", "segments"] as const) {
      const records = map.get(container);
      if (records instanceof Y.Map) for (const id of records.keys()) paths.push(["maps", mapId, container, id]);
    }
  }
  return repairPaths(doc, paths);
}

/**
 * Repairs what one transaction changed (`transaction.changed`), so the cost follows the size of the
 * change, not of the board.
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
  doc.transact(() => {
    for (const [root, first, container, id] of paths) {
      if (root === "meta" && first === "schemaVersion") once("version", () => repairVersion(doc));
      if (root !== "maps" || first === undefined) continue;
      const map = mapsOf(doc).get(first);
      if (!(map instanceof Y.Map)) continue;
      once(`map/${first}`, () => repairMap(map));
      const record = container && id ? (map.get(container) as Y.Map<unknown> | undefined)?.get(id) : undefined;
      if (!(record instanceof Y.Map)) continue;
      if (container === "notes") once(`note/${first}/${id}`, () => repairNote(record));
      if (container === "segments") once(`segment/${first}/${id}`, () => repairSegment(record));
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

function repairSegment(segment: Y.Map<unknown>): boolean {
  const needed =
    !(segment.get("emotion") instanceof Y.Map) ||
    !(segment.get("labels") instanceof Y.Map) ||
    [...(segment.get("emotion") as Y.Map<unknown>).values()].some((point) => point instanceof Y.Map);
  if (needed) flattenCurve(segment);
  return needed;
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
