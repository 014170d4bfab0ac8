import type * as Y from "yjs";
import { metaOf } from "./doc.js";
import { up as containers } from "./migrations/v1-containers.js";
import { up as journeyDepth } from "./migrations/v2-journey-depth.js";
import { up as flatEmotion } from "./migrations/v3-flat-emotion.js";
import { up as raciGrid } from "./migrations/v4-raci.js";
import { SCHEMA_VERSION } from "./schema.js";

/**
 * Versioned migrations of the board document, run in order by the relay when it loads a board (one
 * writer, so two clients never migrate the same board concurrently). Each step takes a board at
 * `version - 1` to `version`, inside the same transaction as the version bump. Steps are frozen: each
 * lives in its own file under migrations/, reads and writes the document directly and calls no
 * application code; test/fixtures holds a board written at every past version.
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
    up: containers,
  },
  {
    version: 2,
    description: "journey depth: an emotion lane, a default segment, and segment tags on every note",
    up: journeyDepth,
  },
  {
    version: 3,
    description: "emotion points as plain scores and labels, so a score and a label set at once both land",
    up: flatEmotion,
  },
  {
    version: 4,
    description: "the RACI grid's structure in every map: roles (the method's functions), activities, systems",
    up: raciGrid,
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
