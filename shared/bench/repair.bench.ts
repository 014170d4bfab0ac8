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

const RUNS = 2000;

/** A board as the relay holds it, and one participant's edits to it, each a note added, in order. */
function participantEdits(): Uint8Array[] {
  const participant = new Y.Doc();
  Y.applyUpdate(participant, stored);
  const board = { doc: participant, origin: "participant" };
  const map = getMap(board, listMaps(board)[0]?.id ?? "");
  if (!map) throw new Error("the board has a map");
  const edits: Uint8Array[] = [];
  participant.on("update", (update: Uint8Array) => edits.push(update));
  // More edits than runs: tinybench may run a task a little more often than asked.
  for (let i = 0; i < RUNS * 3; i++) addNote(map, { cell: null, x: i, y: i, author: "p", text: `new ${i}` });
  return edits;
}

function relayCopy(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored);
  return doc;
}

describe(`one participant's edit on a board of ${NOTES} notes`, () => {
  const edits = participantEdits();
  // Each run applies the participant's next edit, so none is applied twice.
  const runs = { time: 0, iterations: RUNS, warmupTime: 0, warmupIterations: 0 };
  const plain = relayCopy();
  let plainNext = 0;
  bench("applied as it is", () => Y.applyUpdate(plain, edits[plainNext++] as Uint8Array), runs);
  const repaired = relayCopy();
  let repairedNext = 0;
  bench("applied and repaired", () => void applyRepaired(repaired, edits[repairedNext++] as Uint8Array, "p"), runs);
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
