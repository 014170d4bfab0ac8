import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createLogger } from "../src/log.js";
import type { BallotBox, Poll } from "../src/store/ballots.js";
import { LevelBoardStore } from "../src/store/level-store.js";
import { PgBoardStore } from "../src/store/pg-store.js";
import type { BoardStore } from "../src/store/store.js";
import { postgresPerFile } from "./postgres-per-file.js";

/** The promises of store.ts, kept by both stores: each test runs on LevelDB and on PostgreSQL. */

const postgres = postgresPerFile();

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const stores: { name: string; open(): Promise<BoardStore & { ballotBox(): BallotBox }> }[] = [
  {
    name: "LevelBoardStore",
    async open() {
      const dataDir = await mkdtemp(join(tmpdir(), "journeyboard-"));
      const store = await LevelBoardStore.open(dataDir);
      cleanups.push(async () => {
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      });
      return store;
    },
  },
  {
    name: "PgBoardStore",
    async open() {
      const store = await PgBoardStore.open(await postgres.database(), { log: createLogger("error") });
      cleanups.push(() => store.close());
      return store;
    },
  },
];

const bytes = (list: Uint8Array[]) => list.map((u) => [...u]);

describe.each(stores)("$name", ({ open }) => {
  it("appends raw updates in order, compacts them into one, and keeps appending after", async () => {
    const store = await open();
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on("update", (update: Uint8Array) => updates.push(update));
    const text = source.getText("t");
    await store.create("BoardOne12345", Y.encodeStateAsUpdate(source));
    for (const letter of "abcdef") text.insert(text.length, letter);
    for (const update of updates) await store.append("BoardOne12345", [update]);
    expect(bytes(await store.load("BoardOne12345"))).toEqual(bytes([Y.encodeStateAsUpdate(new Y.Doc()), ...updates]));
    expect(await store.compact("BoardOne12345")).toMatchObject({ replaced: 7 });
    expect(await store.load("BoardOne12345")).toHaveLength(1);
    text.insert(0, ">");
    await store.append("BoardOne12345", [updates.at(-1) as Uint8Array]);
    const reloaded = new Y.Doc();
    for (const update of await store.load("BoardOne12345")) Y.applyUpdate(reloaded, update);
    expect(reloaded.getText("t").toString()).toBe(">abcdef");
    expect(await store.exists("BoardOne12345")).toBe(true);
    expect(await store.exists("BoardTwo12345")).toBe(false);
    expect(await store.load("BoardTwo12345")).toEqual([]);
    await expect(store.create("BoardOne12345", new Uint8Array())).rejects.toThrow(/exists/);
  });

  it("stores a batch in order, and a document that is not a board (the control document) by appending alone", async () => {
    const store = await open();
    await store.create("BoardOne12345", new Uint8Array([0, 0]));
    const batch = [new Uint8Array([1]), new Uint8Array([2, 2]), new Uint8Array([3, 3, 3])];
    await store.append("BoardOne12345.control", batch);
    await store.append("BoardOne12345.control", []);
    expect(bytes(await store.load("BoardOne12345.control"))).toEqual(bytes(batch));
    expect(bytes(await store.load("BoardOne12345"))).toEqual([[0, 0]]);
  });

  it("compacting a document of one update or none replaces nothing", async () => {
    const store = await open();
    await store.create("BoardOne12345", Y.encodeStateAsUpdate(new Y.Doc()));
    expect(await store.compact("BoardOne12345")).toMatchObject({ replaced: 0 });
    expect(await store.compact("Nothing12345")).toEqual({ replaced: 0, bytes: 0 });
  });

  it("keeps link generations per board, starting at 0, and refuses them for a board it does not hold", async () => {
    const store = await open();
    expect(await store.hasBoards()).toBe(false);
    expect(await store.generations("BoardOne12345")).toBeUndefined();
    await store.create("BoardOne12345", new Uint8Array([0, 0]));
    expect(await store.hasBoards()).toBe(true);
    expect(await store.generations("BoardOne12345")).toEqual({ facilitator: 0, editor: 0, viewer: 0 });
    await store.setGenerations("BoardOne12345", { facilitator: 0, editor: 2, viewer: 1 });
    expect(await store.generations("BoardOne12345")).toEqual({ facilitator: 0, editor: 2, viewer: 1 });
    await expect(store.setGenerations("BoardTwo12345", { facilitator: 1, editor: 0, viewer: 0 })).rejects.toThrow(
      /not found/,
    );
  });

  it("moves a role's generation on, two revocations at once both sticking, and refuses a board it does not hold", async () => {
    const store = await open();
    await store.create("BoardOne12345", new Uint8Array([0, 0]));
    const [editors, viewers] = await Promise.all([
      store.revokeGeneration("BoardOne12345", "editor"),
      store.revokeGeneration("BoardOne12345", "viewer"),
    ]);
    expect(editors.editor + viewers.viewer).toBe(2);
    expect(await store.generations("BoardOne12345")).toEqual({ facilitator: 0, editor: 1, viewer: 1 });
    await expect(store.revokeGeneration("BoardTwo12345", "editor")).rejects.toThrow(/not found/);
  });

  it("keeps a ballot per poll and participant, replaces or takes it out, and drops a kind's polls but the one kept", async () => {
    const box = (await open()).ballotBox();
    const round: Poll<"scoring"> = { boardId: "BoardOne12345", kind: "scoring", pollId: "round-1" };
    const vote: Poll<"voting"> = { boardId: "BoardOne12345", kind: "voting", pollId: "vote-1" };
    const earlier: Poll<"voting"> = { ...vote, pollId: "vote-0" };
    const elsewhere: Poll<"voting"> = { ...vote, boardId: "BoardTwo12345" };
    expect(await box.ballot(round, "ana")).toBeUndefined();
    await box.cast(round, "ana", { scores: { s1: 3 }, shareAs: null });
    await box.cast(round, "ana", { scores: { s1: 4 }, shareAs: "Ana" });
    await box.cast(round, "ben", { scores: { s1: 1 }, shareAs: null });
    await box.cast(vote, "ana", ["n1", "n1", "n2"]);
    await box.cast(earlier, "ben", ["n3"]);
    await box.cast(elsewhere, "ana", ["n4"]);
    expect(await box.ballot(round, "ana")).toEqual({ scores: { s1: 4 }, shareAs: "Ana" });
    expect(await box.ballots(round)).toHaveLength(2);
    expect(await box.ballots(vote)).toEqual([["n1", "n1", "n2"]]);
    await box.cast(round, "ben", undefined);
    expect(await box.ballots(round)).toEqual([{ scores: { s1: 4 }, shareAs: "Ana" }]);
    await box.drop("BoardOne12345", "voting", "vote-1");
    expect(await box.ballots(earlier)).toEqual([]);
    expect(await box.ballots(vote)).toEqual([["n1", "n1", "n2"]]);
    await box.drop("BoardOne12345", "voting");
    expect(await box.ballots(vote)).toEqual([]);
    // Another kind and another board keep theirs.
    expect(await box.ballots(round)).toHaveLength(1);
    expect(await box.ballots(elsewhere)).toEqual([["n4"]]);
  });

  it("records the link key's fingerprint, takes probes, and reports no failure while writes work", async () => {
    const store = await open();
    expect(await store.keyFingerprint()).toBeUndefined();
    await store.setKeyFingerprint("first");
    await store.setKeyFingerprint("second");
    expect(await store.keyFingerprint()).toBe("second");
    await store.probe();
    expect(store.failure()).toBeUndefined();
  });
});
