import { DEFAULT_LANES, listStages, sampleBoardPlan, writeSampleBoard } from "@journeyboard/shared";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { LevelBoardStore } from "../src/store/level-store.js";
import { openRaw, SYNC_REQUEST, syncAnswers } from "./frames.js";
import {
  appsClosedAfterEach,
  connect,
  createBoardOn,
  eventually,
  firstMap,
  leave,
  noteOn,
  notesOf,
  socketUrl,
  startTestApp,
  synced,
} from "./helpers.js";

const apps = appsClosedAfterEach();
const NOTES = 10_000;

/**
 * Writes `NOTES` notes into a stored board, straight into the store (the relay is not running); returns
 * the board before them (as one update), the whole board, and the size of the update written.
 */
async function fillStored(dataDir: string, boardId: string) {
  const store = await LevelBoardStore.open(dataDir);
  const doc = new Y.Doc();
  for (const update of await store.load(boardId)) Y.applyUpdate(doc, update);
  const before = Y.encodeStateAsUpdate(doc);
  const map = firstMap(doc);
  const lanes = DEFAULT_LANES.map((lane) => lane.kind);
  writeSampleBoard(map, sampleBoardPlan({ count: NOTES, seed: 13, stages: listStages(map).length, lanes }));
  const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVectorFromUpdate(before));
  await store.append(boardId, [update]);
  await store.close();
  const board = contentOf(doc);
  doc.destroy();
  return { before, board, bytes: update.length };
}

/** A board's content: its top-level maps (Y.Doc's toJSON leaves out those not read yet). */
function contentOf(doc: Y.Doc): Record<string, unknown> {
  return { meta: doc.getMap("meta").toJSON(), maps: doc.getMap("maps").toJSON() };
}

/** A sync step 1 from a client holding `update`: it is answered with the rest, from the relay's document. */
function syncStep1From(update: Uint8Array): Uint8Array {
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 0);
  encoding.writeVarUint(message, 0);
  encoding.writeVarUint8Array(message, Y.encodeStateVectorFromUpdate(update));
  return encoding.toUint8Array(message);
}

/** The document a sync answer (step 2) gives to a client holding `held`. */
function answered(answer: Uint8Array | undefined, held?: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  if (held) Y.applyUpdate(doc, held);
  if (answer) Y.applyUpdate(doc, decoding.readVarUint8Array(decoding.createDecoder(answer.subarray(2))));
  return doc;
}

describe("cold load of a large board", () => {
  it("another board keeps relaying while a 10,000-note board loads for its first newcomer", async () => {
    const first = await startTestApp();
    apps.push(first);
    const big = await createBoardOn(first);
    await first.close();
    const { before, board, bytes } = await fillStored(first.dataDir, big.id);
    const app = await startTestApp({ dataDir: first.dataDir });
    apps.push(app);

    // Another board: one participant writes a note every 5 ms, a watcher notes when each arrives.
    const other = await createBoardOn(app);
    const writer = connect(app, other);
    await synced(writer);
    const watcher = await openRaw(socketUrl(app, other));
    const arrivals: number[] = [];
    watcher.ws.on("message", (data: Buffer) => {
      if (data[0] === 0 && data[1] === 2) arrivals.push(performance.now());
    });
    let written = 0;
    const writing = setInterval(() => noteOn(writer.doc, `note ${written++}`), 5);
    try {
      await eventually(() => expect(arrivals.length).toBeGreaterThan(20));
      const newcomer = await openRaw(socketUrl(app, big));
      const asked = performance.now();
      newcomer.ws.send(SYNC_REQUEST);
      await eventually(() => expect(syncAnswers(newcomer)).toHaveLength(1), 30_000);
      const answeredAt = performance.now();
      const after = arrivals.length;
      await eventually(() => expect(arrivals.length).toBeGreaterThan(after + 20));
      const during = arrivals.filter((at) => at >= asked);
      const gaps = during.slice(1).map((at, i) => at - (during[i] ?? at));
      const longest = Math.max(...gaps);
      console.log(
        `cold load of ${NOTES} notes (${(bytes / 2 ** 20).toFixed(1)} MB): answered in ${Math.round(answeredAt - asked)} ms; ` +
          `other board's longest gap between deliveries ${longest.toFixed(1)} ms over ${gaps.length} deliveries`,
      );
      // Deliveries every 5 ms. Applied at once and encoded for its newcomer, the board held every board for
      // 750 ms on a quiet 2-core machine, more under load; in slices, the longest gaps are a slice's work, a
      // pause of the collector, or the scheduler of a loaded shared machine (up to 300 ms seen at load 7).
      expect(longest).toBeLessThan(400);
      // The newcomer's answer (encoded in the worker) and the relay's document (built from the slices)
      // both hold the stored board: a client holding the board as it was before the notes gets the rest.
      expect(contentOf(answered(syncAnswers(newcomer)[0]))).toEqual(board);
      const returning = await openRaw(socketUrl(app, big));
      returning.ws.send(syncStep1From(before));
      await eventually(() => expect(syncAnswers(returning)).toHaveLength(1));
      expect(notesOf(answered(syncAnswers(returning)[0], before))).toHaveLength(NOTES);
      expect(contentOf(answered(syncAnswers(returning)[0], before))).toEqual(board);
      returning.ws.close();
      newcomer.ws.close();
    } finally {
      clearInterval(writing);
    }
    watcher.ws.close();
    leave(writer);
  });
});
