import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloseCode } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { loadSecret } from "../src/auth/secret.js";
import { LevelBoardStore } from "../src/store/level-store.js";
import {
  appsClosedAfterEach,
  closeCodeOf,
  connect,
  createBoardOn,
  eventually,
  leave,
  noteOn,
  notesOf,
  presenceSeen,
  signedToken,
  socketUrl,
  startTestApp,
  synced,
} from "./helpers.js";

const apps = appsClosedAfterEach();

describe("persistence", () => {
  it("keeps every board across a restart, and answers the first sync with the stored board", async () => {
    const first = await startTestApp();
    apps.push(first);
    const board = await createBoardOn(first);
    const ana = connect(first, board);
    await synced(ana);
    const witness = connect(first, board);
    await synced(witness);
    for (const text of ["Need", "Shop", "Buy"]) noteOn(ana.doc, text);
    await eventually(() => expect(notesOf(witness.doc)).toHaveLength(3));
    leave(ana, witness);
    await first.close();

    const second = await startTestApp({ dataDir: first.dataDir });
    apps.push(second);
    const bo = connect(second, board);
    let atFirstSync: string[] = [];
    bo.provider.on("sync", (state: boolean) => {
      if (state && atFirstSync.length === 0) atFirstSync = notesOf(bo.doc);
    });
    await synced(bo);
    expect(atFirstSync).toEqual(["Buy", "Need", "Shop"]);
    leave(bo);
  });

  it("relays an update, or answers a newcomer's sync with it, only after the store holds it", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "journeyboard-"));
    const level = await LevelBoardStore.open(dataDir);
    let holding = false;
    const held: (() => void)[] = [];
    const stored: string[] = [];
    const store = Object.assign(Object.create(level) as LevelBoardStore, {
      append: async (boardId: string, updates: readonly Uint8Array[]) => {
        if (holding) await new Promise<void>((resolve) => held.push(resolve));
        await level.append(boardId, updates);
        const doc = new Y.Doc();
        for (const u of await level.load(boardId)) Y.applyUpdate(doc, u);
        stored.splice(0, stored.length, ...notesOf(doc));
      },
    });
    const app = await startTestApp({ dataDir }, { store });
    apps.push(app);
    const board = await createBoardOn(app);
    const ana = connect(app, board);
    const bo = connect(app, board);
    await Promise.all([synced(ana), synced(bo)]);
    // Frames the relay has taken: a connection's frames are dealt with as they are counted, once it has joined.
    const framesSoFar = () => app.metrics.framesReceived;
    holding = true;
    noteOn(ana.doc, "first");
    await eventually(() => expect(held).toHaveLength(1));
    // Carol asks for the board while "first" is being stored; "second" arrives before she is answered.
    let before = framesSoFar();
    const carol = connect(app, board);
    await eventually(() => {
      expect(app.logs.filter((l) => l.event === "connection")).toHaveLength(3);
      expect(framesSoFar()).toBeGreaterThan(before);
    });
    before = framesSoFar();
    noteOn(ana.doc, "second");
    await eventually(() => expect(framesSoFar()).toBeGreaterThan(before));
    expect(held).toHaveLength(1);
    held[0]?.();
    await eventually(() => expect(stored).toEqual(["first"]));
    await eventually(() => expect(held).toHaveLength(2));
    // Presence is relayed at once, not after the store: once Bo and Carol see Ana's, a "second" relayed
    // before it was stored would have reached them.
    await presenceSeen(ana, bo, carol);
    for (const participant of [bo, carol]) expect(notesOf(participant.doc)).toEqual(["first"]);
    held[1]?.();
    await eventually(() => {
      for (const participant of [bo, carol]) expect(notesOf(participant.doc)).toEqual(["first", "second"]);
    });
    leave(ana, bo, carol);
  });

  it("a board released from memory reloads identical", async () => {
    const app = await startTestApp();
    apps.push(app);
    const board = await createBoardOn(app);
    const ana = connect(app, board);
    await synced(ana);
    for (const text of ["Need", "Aware", "Shop"]) noteOn(ana.doc, text);
    ana.doc.getMap("meta").set("title", "Reloaded");
    const witness = connect(app, board);
    await synced(witness);
    await eventually(() => expect(notesOf(witness.doc)).toHaveLength(3));
    const before = { state: Y.encodeStateVector(ana.doc), content: ana.doc.getMap("maps").toJSON() };
    leave(ana, witness);
    await eventually(() => expect(app.logs.filter((l) => l.event === "board released")).toHaveLength(1));
    const again = connect(app, board);
    await synced(again);
    expect(Y.encodeStateVector(again.doc)).toEqual(before.state);
    expect(again.doc.getMap("maps").toJSON()).toEqual(before.content);
    expect(again.doc.getMap("meta").get("title")).toBe("Reloaded");
    leave(again);
  });

  it("compacts a board's stored updates into one snapshot after COMPACT_EVERY updates", async () => {
    const app = await startTestApp({ compactEvery: 5 });
    apps.push(app);
    const board = await createBoardOn(app);
    const ana = connect(app, board);
    const witness = connect(app, board);
    await Promise.all([synced(ana), synced(witness)]);
    // One at a time, each stored (seen relayed) before the next: updates that come together are stored
    // as one write, and compaction is counted after each write.
    for (let i = 0; i < 12; i++) {
      noteOn(ana.doc, `note ${i}`);
      await eventually(() => expect(notesOf(witness.doc)).toHaveLength(i + 1));
    }
    await eventually(() =>
      expect(app.logs.filter((l) => l.event === "board compacted" && l.doc === "board").length).toBe(2),
    );
    leave(ana, witness);
    await app.close();
    const store = await LevelBoardStore.open(app.dataDir);
    const updates = await store.load(board.id);
    expect(updates).toHaveLength(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, updates[0] as Uint8Array);
    expect(notesOf(doc)).toHaveLength(12);
    await store.close();
  });
});

describe("rooms", () => {
  it("a participant who joins while another leaves a loading board is never put in a released room", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "journeyboard-"));
    const level = await LevelBoardStore.open(dataDir);
    let loaded: () => void = () => undefined;
    const loading = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    const store = Object.assign(Object.create(level) as LevelBoardStore, {
      load: async (boardId: string) => {
        await loading;
        return level.load(boardId);
      },
    });
    const app = await startTestApp({ dataDir }, { store });
    apps.push(app);
    const board = await createBoardOn(app);
    // The first one leaves while the board is still loading; the second stays and writes.
    const quitter = new WebSocket(socketUrl(app, board));
    quitter.on("open", () => quitter.close());
    const stayer = connect(app, board);
    // Both are waiting for the load (their links are checked from memory) and the first one has gone.
    await eventually(() => {
      expect(app.metrics.connectionsOpened).toBe(2);
      expect(app.logs.filter((l) => l.event === "disconnection")).toHaveLength(1);
    });
    loaded();
    await synced(stayer);
    const witness = connect(app, board);
    await synced(witness);
    noteOn(stayer.doc, "must be kept");
    await eventually(() => expect(notesOf(witness.doc)).toEqual(["must be kept"]));
    leave(stayer, witness);
  });
});

describe("store failures", () => {
  it("a board whose migration cannot be stored is refused with 4500, without retrying forever", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "journeyboard-"));
    const level = await LevelBoardStore.open(dataDir);
    const old = new Y.Doc();
    old.getMap("maps").set("m1", new Y.Map());
    await level.create("OldBoard12345678", Y.encodeStateAsUpdate(old));
    // The key its links were signed with: without one, a store holding boards is refused.
    await loadSecret(dataDir, undefined);
    const store = Object.assign(Object.create(level) as LevelBoardStore, {
      append: async () => {
        throw new Error("disk full");
      },
    });
    const app = await startTestApp({ dataDir }, { store });
    apps.push(app);
    const token = await signedToken(app, { boardId: "OldBoard12345678" });
    const closed = await closeCodeOf(socketUrl(app, { id: "OldBoard12345678", token }));
    expect(closed.code).toBe(CloseCode.serverError);
    // The refusal comes once the load gave up: a retry would have failed again before it.
    const failures = () => app.logs.filter((l) => l.event === "board store failed");
    expect(failures()).toEqual([
      expect.objectContaining({ board: "OldBoard12345678", reason: { name: "Error", message: "disk full" } }),
    ]);
    // Nor does the failed board come back: once it is released, still the one failure.
    await eventually(() =>
      expect(app.logs.filter((l) => l.event === "board released" && l.board === "OldBoard12345678")).toHaveLength(1),
    );
    expect(failures()).toHaveLength(1);
  });
});
