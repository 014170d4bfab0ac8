import { DEFAULT_LANES, listStages, sampleBoardPlan, writeSampleBoard } from "@journeyboard/shared";
import * as Y from "yjs";
import { LevelBoardStore } from "../src/store/level-store.js";
import { firstMap } from "./helpers.js";

/** The notes of a large board in the tests of loading and compacting one. */
export const NOTES = 10_000;

/**
 * Writes into a stored board, straight into the store (the relay is not running), what `write` adds to
 * it; returns the board before (as one update), the whole board after, and the size of the update written.
 */
export async function writeStored(dataDir: string, boardId: string, write: (doc: Y.Doc) => void) {
  const store = await LevelBoardStore.open(dataDir);
  const doc = new Y.Doc();
  for (const update of await store.load(boardId)) Y.applyUpdate(doc, update);
  const before = Y.encodeStateAsUpdate(doc);
  write(doc);
  const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVectorFromUpdate(before));
  await store.append(boardId, [update]);
  await store.close();
  const board = contentOf(doc);
  doc.destroy();
  return { before, board, bytes: update.length };
}

/** The board's content as plain data, to compare two copies. */
export function contentOf(doc: Y.Doc): Record<string, unknown> {
  return { meta: doc.getMap("meta").toJSON(), maps: doc.getMap("maps").toJSON() };
}

/** Seeded sample notes, NOTES of them, on the board's first map. */
export function sampleNotes(doc: Y.Doc): void {
  const map = firstMap(doc);
  const lanes = DEFAULT_LANES.map((lane) => lane.kind);
  writeSampleBoard(map, sampleBoardPlan({ count: NOTES, seed: 13, stages: listStages(map).length, lanes }));
}
