import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { LevelBoardStore } from "../src/store/level-store.js";
import { openRaw, type RawSocket, SYNC_REQUEST, syncAnswers } from "./frames.js";
import {
  appsClosedAfterEach,
  connect,
  createBoardOn,
  eventually,
  leave,
  noteOn,
  notesOf,
  type Participant,
  presenceSeen,
  socketUrl,
  startTestApp,
  synced,
} from "./helpers.js";

const apps = appsClosedAfterEach();

/** A real store whose writes can be held, recording how many updates each write of a board carried. */
async function heldStore() {
  const dataDir = await mkdtemp(join(tmpdir(), "journeyboard-"));
  const level = await LevelBoardStore.open(dataDir);
  const gate = {
    holding: false,
    held: [] as (() => void)[],
    writes: [] as number[],
    holdingCompactions: false,
    heldCompactions: [] as (() => void)[],
  };
  const store = Object.assign(Object.create(level) as LevelBoardStore, {
    append: async (docName: string, updates: readonly Uint8Array[]) => {
      if (gate.holding) await new Promise<void>((resolve) => gate.held.push(resolve));
      gate.writes.push(updates.length);
      await level.append(docName, updates);
    },
    compact: async (docName: string) => {
      if (gate.holdingCompactions) await new Promise<void>((resolve) => gate.heldCompactions.push(resolve));
      return level.compact(docName);
    },
  });
  return { dataDir, level, store, gate };
}

/** The board a raw socket holds after each document update (sync message 2) it received since its sync answer. */
function updatesTo(socket: RawSocket): Y.Doc[] {
  const doc = new Y.Doc();
  const payload = (frame: Uint8Array) => decoding.readVarUint8Array(decoding.createDecoder(frame.subarray(2)));
  for (const answer of syncAnswers(socket)) Y.applyUpdate(doc, payload(answer));
  return socket.received
    .filter((m) => m[0] === 0 && m[1] === 2)
    .map((frame) => {
      Y.applyUpdate(doc, payload(frame));
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      return copy;
    });
}

describe("compaction", () => {
  it("a board goes on storing and relaying while its stored updates are compacted", async () => {
    const { dataDir, level, store, gate } = await heldStore();
    const app = await startTestApp({ dataDir, compactEvery: 3 }, { store });
    apps.push(app);
    const board = await createBoardOn(app);
    const [ana, bo] = [connect(app, board), connect(app, board)];
    await Promise.all([synced(ana), synced(bo)]);
    gate.holdingCompactions = true;
    for (const text of ["one", "two", "three"]) noteOn(ana.doc, text);
    await eventually(() => expect(gate.heldCompactions).toHaveLength(1));
    // The compaction is under way: what comes now is stored and relayed all the same.
    for (const text of ["four", "five"]) noteOn(ana.doc, text);
    const all = ["five", "four", "one", "three", "two"];
    await eventually(() => expect(notesOf(bo.doc)).toEqual(all));
    expect(gate.heldCompactions).toHaveLength(1);
    gate.holdingCompactions = false;
    gate.heldCompactions[0]?.();
    await eventually(async () => expect((await level.load(board.id)).length).toBeLessThan(4));
    const stored = new Y.Doc();
    for (const update of await level.load(board.id)) Y.applyUpdate(stored, update);
    expect(notesOf(stored)).toEqual(all);
    leave(ana, bo);
  });
});

describe("group commit", () => {
  for (const order of [
    ["ana", "bo"],
    ["bo", "ana"],
  ] as const) {
    it(`stores what both sent while a write was under way as one write, relayed once stored, in one message (${order.join(" first, then ")})`, async () => {
      const { dataDir, level, store, gate } = await heldStore();
      const app = await startTestApp({ dataDir }, { store });
      apps.push(app);
      const board = await createBoardOn(app);
      const people: Record<"ana" | "bo", Participant> = { ana: connect(app, board), bo: connect(app, board) };
      const { ana, bo } = people;
      await Promise.all([synced(ana), synced(bo)]);
      const watcher = await openRaw(socketUrl(app, board));
      watcher.ws.send(SYNC_REQUEST);
      await eventually(() => expect(syncAnswers(watcher)).toHaveLength(1));
      gate.writes.length = 0;
      gate.holding = true;
      noteOn(ana.doc, "held");
      await eventually(() => expect(gate.held).toHaveLength(1));
      // Both write to the same board at once while "held" is being stored.
      for (let i = 0; i < 5; i++) for (const name of order) noteOn(people[name].doc, `${name} ${i}`);
      // Presence is relayed at once: once each sees the other's, the relay has taken every note before it.
      await presenceSeen(ana, bo);
      await presenceSeen(bo, ana);
      expect(gate.held).toHaveLength(1);
      const own = (name: string) => [0, 1, 2, 3, 4].map((i) => `${name} ${i}`);
      expect(notesOf(ana.doc)).toEqual(["held", ...own("ana")].sort());
      expect(notesOf(bo.doc)).toEqual(own("bo"));
      gate.holding = false;
      gate.held[0]?.();
      const everything = ["held", ...own("ana"), ...own("bo")].sort();
      await eventually(() => {
        expect(notesOf(ana.doc)).toEqual(everything);
        expect(notesOf(bo.doc)).toEqual(everything);
      });
      // "held" alone, then the ten that came while it was written, together.
      expect(gate.writes).toEqual([1, 10]);
      // And sent as they were stored: one message each time, the second holding both people's notes.
      await eventually(() => expect(notesOf(updatesTo(watcher).at(-1) ?? new Y.Doc())).toEqual(everything));
      expect(updatesTo(watcher).map(notesOf)).toEqual([["held"], everything]);
      watcher.ws.close();
      const stored = new Y.Doc();
      for (const update of await level.load(board.id)) Y.applyUpdate(stored, update);
      expect(notesOf(stored)).toEqual(everything);
      leave(ana, bo);
    });
  }
});
