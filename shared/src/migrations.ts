import * as Y from "yjs";
import { getMap, MAP_CONTAINERS, mapsOf, metaOf, openBoard } from "./board.js";
import { readChild, records } from "./fields.js";
import { addLane, listLanes } from "./lanes.js";
import { SCHEMA_VERSION } from "./schema.js";
import { addSegment, listSegments } from "./segments.js";
import { DEFAULT_SEGMENT } from "./template.js";

/**
 * Versioned migrations of the board document, run in order by the relay when it loads a board (one
 * writer, so two clients never migrate the same board concurrently). Each step takes a board at
 * `version - 1` to `version`, inside the same transaction as the version bump.
 */
export interface Migration {
  version: number;
  description: string;
  up(doc: Y.Doc): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "every map holds all its containers (stages, lanes, notes, segments, raci)",
    up(doc) {
      for (const [, map] of records(mapsOf(doc))) {
        for (const name of MAP_CONTAINERS) {
          if (!(map.get(name) instanceof Y.Map)) map.set(name, new Y.Map<unknown>());
        }
      }
    },
  },
  {
    version: 2,
    description: "journey depth: an emotion lane, a default segment, and segment tags on every note",
    up(doc) {
      const board = openBoard(doc);
      for (const [id] of records(mapsOf(doc))) {
        const map = getMap(board, id);
        // A map without its containers (damaged) is left as it is rather than failing the whole board.
        if (!map || MAP_CONTAINERS.some((name) => !(map.y.get(name) instanceof Y.Map))) continue;
        const lanes = listLanes(map);
        // Ids derived from the map's: a second run on another copy writes the same records, not new ones.
        if (!lanes.some((l) => l.kind === "emotion")) {
          const thoughts = lanes.find((l) => l.kind === "thoughts") ?? lanes.at(-1);
          addLane(map, { title: "How it feels", kind: "emotion" }, thoughts?.id ?? null, `${id}-emotion`);
        }
        if (listSegments(map).length === 0) addSegment(map, DEFAULT_SEGMENT, `${id}-segment`);
        for (const [, note] of records(readChild(map.y, "notes"))) {
          if (!(note.get("segments") instanceof Y.Map)) note.set("segments", new Y.Map<unknown>());
        }
      }
    },
  },
];

export type MigrationResult =
  | { status: "current"; version: number }
  | { status: "migrated"; from: number; to: number }
  /** Written by a newer Journeyboard: left untouched, and clients must not edit it. */
  | { status: "too-new"; version: number };

export function schemaVersionOf(doc: Y.Doc): number {
  const version = metaOf(doc).get("schemaVersion");
  return typeof version === "number" ? version : 0;
}

export function migrateBoard(
  doc: Y.Doc,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = SCHEMA_VERSION,
  origin: unknown = "migration",
): MigrationResult {
  const from = schemaVersionOf(doc);
  if (from > target) return { status: "too-new", version: from };
  if (from === target) return { status: "current", version: from };
  doc.transact(() => {
    for (const step of migrations) {
      if (step.version > from && step.version <= target) {
        step.up(doc);
        metaOf(doc).set("schemaVersion", step.version);
      }
    }
  }, origin);
  return { status: "migrated", from, to: schemaVersionOf(doc) };
}
