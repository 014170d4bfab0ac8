import { bench, describe } from "vitest";
import * as Y from "yjs";
import {
  addNote,
  applyRepaired,
  createBoard,
  getMap,
  listLanes,
  listMaps,
  listStages,
  repairBoard,
} from "../src/index.js";

/**
 * What the relay's repair pass costs: against applying the same update without it (the peer), for one
 * participant's edit on a large board, and for a whole board on load. Run with `pnpm bench`.
 */
const NOTES = 2000;

function largeBoard(): Y.Doc {
  const doc = new Y.Doc();
  const board = createBoard(doc, { title: "Bench", now: 1 });
  const map = getMap(board, listMaps(board)[0]?.id ?? "");
  if (!map) throw new Error("a new board has a map");
  const stages = listStages(map);
  const lanes = listLanes(map);
  for (let i = 0; i < NOTES; i++) {
    const stageId = stages[i % stages.length]?.id ?? "";
    const laneId = lanes[i % lanes.length]?.id ?? "";
    addNote(map, { cell: { stageId, laneId }, x: 10, y: 10, author: "bench", text: `Note ${i}` });
  }
  return doc;
}

const stored = Y.encodeStateAsUpdate(largeBoard());

/** One participant's edit: a note added to the board. */
function oneEdit(): { base: Y.Doc; edit: Uint8Array } {
  const base = new Y.Doc();
  Y.applyUpdate(base, stored);
  const participant = new Y.Doc();
  Y.applyUpdate(participant, stored);
  const board = { doc: participant, origin: "participant" };
  const map = getMap(board, listMaps(board)[0]?.id ?? "");
  if (!map) throw new Error("the board has a map");
  const before = Y.encodeStateVector(participant);
  addNote(map, { cell: null, x: 1, y: 1, author: "p", text: "new" });
  return { base, edit: Y.encodeStateAsUpdate(participant, before) };
}

describe(`one participant's edit on a board of ${NOTES} notes`, () => {
  const { base, edit } = oneEdit();
  const state = Y.encodeStateAsUpdate(base);
  let doc = new Y.Doc();
  // Each run applies the edit to a fresh copy of the board (made outside the timing).
  const fresh = {
    beforeEach() {
      doc = new Y.Doc();
      Y.applyUpdate(doc, state);
    },
  };
  bench("applied as it is", () => Y.applyUpdate(doc, edit), fresh);
  bench("applied and repaired", () => void applyRepaired(doc, edit, "participant"), fresh);
});

describe(`loading a board of ${NOTES} notes`, () => {
  bench("loaded", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored);
  });
  bench("loaded and repaired whole", () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored);
    repairBoard(doc);
  });
});
