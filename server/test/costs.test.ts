import { CloseCode } from "@journeyboard/shared";
import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Config, Limits } from "../src/config.js";
import { readConfig } from "../src/config.js";
import { LevelBoardStore } from "../src/store/level-store.js";
import {
  closeWithin,
  deletionUpdate,
  nestedUpdate,
  openRaw,
  orphanUpdate,
  SYNC_REQUEST,
  syncAnswers,
  updateFrame,
} from "./frames.js";
import {
  appsClosedAfterEach,
  connect,
  createBoardOn,
  eventually,
  leave,
  linkFor,
  noteOn,
  notesOf,
  removeData,
  socketUrl,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";

/** One client never costs the relay more than its share: sync requests and document updates. */

const apps = appsClosedAfterEach();

async function appWith(limits: Partial<Limits>, extra: Partial<Config> = {}): Promise<TestApp> {
  const app = await startTestApp({ ...extra, limits: { ...readConfig({}).limits, ...limits } });
  apps.push(app);
  return app;
}

/** How many notes the board in a sync answer (type, step, then the update) holds. */
function notesIn(answer: Uint8Array): number {
  const decoder = decoding.createDecoder(answer);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  return notesOf(doc).length;
}

describe("sync requests", () => {
  it("are answered one at a time per connection, from one encoding per version shared by every asker", async () => {
    const app = await appWith({});
    const board = await createBoardOn(app);
    const [writer, observer] = [connect(app, board), connect(app, board)];
    await Promise.all([synced(writer), synced(observer)]);
    writer.doc.transact(() => {
      for (let i = 0; i < 200; i++) noteOn(writer.doc, `note ${i}`);
    });
    await eventually(() => expect(notesOf(observer.doc)).toHaveLength(200));
    const viewer = await linkFor(app, board, "viewer");
    const sockets = await Promise.all([1, 2, 3].map(() => openRaw(socketUrl(app, viewer))));
    const encoded = app.metrics.syncAnswersEncoded;
    for (const socket of sockets) for (let i = 0; i < 30; i++) socket.ws.send(SYNC_REQUEST);
    await eventually(() => {
      const answered = sockets.reduce((n, socket) => n + syncAnswers(socket).length, 0);
      expect(answered + app.metrics.syncRequestsCoalesced).toBe(90);
    });
    expect(app.metrics.syncRequestsCoalesced).toBeGreaterThan(0);
    expect(app.metrics.syncAnswersEncoded - encoded).toBe(1);
    for (const socket of sockets) for (const answer of syncAnswers(socket)) expect(notesIn(answer)).toBe(200);

    // Once the board changes, the next asker is answered from the new version.
    noteOn(writer.doc, "later");
    const [first] = sockets;
    if (!first) throw new Error("no socket");
    await eventually(() => expect(first.received.some((m) => m[0] === 0 && m[1] === 2)).toBe(true));
    const before = syncAnswers(first).length;
    first.ws.send(SYNC_REQUEST);
    await eventually(() => expect(syncAnswers(first)).toHaveLength(before + 1));
    expect(notesIn(syncAnswers(first)[before] as Uint8Array)).toBe(201);
    for (const socket of sockets) socket.ws.close();
    leave(writer, observer);
  });
});

describe("updates", () => {
  it("one building on content the relay lacks is refused before it is applied: never relayed, stored or synced", async () => {
    const app = await appWith({});
    const board = await createBoardOn(app);
    const observer = connect(app, board);
    await synced(observer);
    const editor = socketUrl(app, await linkFor(app, board, "editor"));
    const orphan = await openRaw(editor);
    orphan.ws.send(updateFrame(orphanUpdate("never integrates")));
    expect(await closeWithin(orphan)).toBe(CloseCode.resync);
    // A deletion of items nobody has is content that never integrates too.
    const deletion = await openRaw(editor);
    deletion.ws.send(updateFrame(deletionUpdate(424242, 0, 5)));
    expect(await closeWithin(deletion)).toBe(CloseCode.resync);
    expect(app.logs.filter((l) => l.event === "update refused")).toHaveLength(2);

    const newcomer = connect(app, board);
    await synced(newcomer);
    const { pendingStructs, pendingDs } = newcomer.doc.store;
    expect({ pendingStructs, pendingDs }).toEqual({ pendingStructs: null, pendingDs: null });
    expect(observer.doc.getText("orphan").toString()).toBe("");
    leave(observer, newcomer);
  });

  it("an edit that overtakes the sync reply it builds on is refused, and arrives whole once its client resyncs", async () => {
    const app = await appWith({});
    const board = await createBoardOn(app);
    const editor = await linkFor(app, board, "editor");
    const ana = connect(app, editor);
    await synced(ana);
    ana.provider.disconnect();
    noteOn(ana.doc, "offline first");
    const before = Y.encodeStateVector(ana.doc);
    noteOn(ana.doc, "offline second");
    // The second edit reaches the relay ahead of Ana's sync reply, which holds the first.
    const overtaking = await openRaw(socketUrl(app, editor));
    overtaking.ws.send(updateFrame(Y.encodeStateAsUpdate(ana.doc, before)));
    expect(await closeWithin(overtaking)).toBe(CloseCode.resync);
    ana.provider.connect();
    const bo = connect(app, board);
    await eventually(() => expect(notesOf(bo.doc)).toEqual(["offline first", "offline second"]));
    leave(ana, bo);
  });

  it("one nesting types deeper than the limit, or holding too many items, is refused whole before it is applied", async () => {
    const app = await appWith({ maxUpdateDepth: 32, maxUpdateItems: 1000 });
    const board = await createBoardOn(app);
    const observer = connect(app, board);
    await synced(observer);
    const editorKey = await linkFor(app, board, "editor");
    const editor = socketUrl(app, editorKey);
    const many = new Y.Doc();
    many.transact(() => {
      for (let i = 0; i < 1500; i++) many.getMap("many").set(`k${i}`, i);
    });
    const attacks = [nestedUpdate(40, false), nestedUpdate(50_000, true), { update: Y.encodeStateAsUpdate(many) }];
    for (const { update } of attacks) {
      const socket = await openRaw(editor);
      socket.ws.send(updateFrame(update));
      expect(await closeWithin(socket)).toBe(CloseCode.badMessage);
    }
    // Within the limits, the same shapes go through.
    const within = connect(app, editorKey);
    await synced(within);
    within.doc.getMap("many").set("one", 1);
    Y.applyUpdate(within.doc, nestedUpdate(20, false).update);
    await eventually(() => expect(observer.doc.getMap("many").get("one")).toBe(1));
    const newcomer = connect(app, board);
    await synced(newcomer);
    expect(newcomer.doc.getMap("many").size).toBe(1);
    expect(Y.encodeStateVector(newcomer.doc)).toEqual(Y.encodeStateVector(within.doc));
    leave(observer, within, newcomer);
  });

  it("if applying one throws, its sender is closed and the room loads again from the store: nobody syncs what is not stored", async () => {
    // The depth limit, set out of reach, lets a 50,000-deep structure overflow the stack while it is applied.
    const app = await appWith({ maxUpdateDepth: 1_000_000 });
    const board = await createBoardOn(app);
    const [writer, observer] = [connect(app, board), connect(app, board)];
    await Promise.all([synced(writer), synced(observer)]);
    noteOn(writer.doc, "kept");
    await eventually(() => expect(notesOf(observer.doc)).toEqual(["kept"]));
    const closes: number[] = [];
    observer.provider.on("connection-close", (event) => closes.push(event?.code ?? 0));
    const attacker = await openRaw(socketUrl(app, await linkFor(app, board, "editor")));
    const { update, client } = nestedUpdate(50_000, true);
    attacker.ws.send(updateFrame(update));
    expect(await closeWithin(attacker)).toBe(CloseCode.badMessage);
    await eventually(() => expect(closes).toContain(CloseCode.serverError));
    expect(app.logs.filter((l) => l.event === "update could not be applied")).toHaveLength(1);

    const newcomer = connect(app, board);
    await synced(newcomer);
    expect(notesOf(newcomer.doc)).toEqual(["kept"]);
    const held = Y.decodeStateVector(Y.encodeStateVector(newcomer.doc));
    expect(held.has(client)).toBe(false);
    leave(writer, observer, newcomer);
    // What the newcomer was sent is exactly what the store holds.
    await app.close();
    apps.splice(apps.indexOf(app), 1);
    const store = await LevelBoardStore.open(app.dataDir);
    const stored = new Y.Doc();
    for (const part of await store.load(board.id)) Y.applyUpdate(stored, part);
    await store.close();
    await removeData(app);
    expect(Y.decodeStateVector(Y.encodeStateVector(stored))).toEqual(held);
  });
});
