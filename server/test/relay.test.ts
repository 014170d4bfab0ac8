import { addNote, CloseCode, listMaps, listNotes, openBoard, readMeta, renameBoard } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  closeCodeOf,
  connect,
  createBoardOn,
  eventually,
  firstMap,
  leave,
  linkFor,
  relayEachTest,
  socketUrl,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";

let app: TestApp;
relayEachTest((started) => {
  app = started;
});

describe("relay", () => {
  it("serves a created board, with its journey, to a stock y-websocket client", async () => {
    const board = await createBoardOn(app, "Renewal journey");
    const ana = connect(app, board);
    await synced(ana);
    expect(readMeta(openBoard(ana.doc)).title).toBe("Renewal journey");
    expect(listMaps(openBoard(ana.doc))).toHaveLength(1);
    leave(ana);
  });

  it("relays edits both ways between participants", async () => {
    const board = await createBoardOn(app);
    const ana = connect(app, board);
    const bo = connect(app, board);
    await Promise.all([synced(ana), synced(bo)]);
    addNote(firstMap(ana.doc), { cell: null, x: 1, y: 2, author: "Ana", text: "Hard to find pricing" });
    renameBoard(openBoard(bo.doc), "Named by Bo");
    await eventually(() => {
      expect(listNotes(firstMap(bo.doc)).map((n) => n.text)).toEqual(["Hard to find pricing"]);
      expect(readMeta(openBoard(ana.doc)).title).toBe("Named by Bo");
    });
    leave(ana, bo);
  });

  it("shares presence, and removes a participant's presence for everyone as soon as they leave", async () => {
    const board = await createBoardOn(app);
    const ana = connect(app, board);
    const bo = connect(app, board);
    await Promise.all([synced(ana), synced(bo)]);
    ana.provider.awareness.setLocalStateField("user", { name: "Ana" });
    const anaId = ana.doc.clientID;
    await eventually(() => expect(bo.provider.awareness.getStates().get(anaId)).toEqual({ user: { name: "Ana" } }));
    leave(ana);
    // Well before presence would time out by itself (30 s without renewal).
    await eventually(() => expect(bo.provider.awareness.getStates().has(anaId)).toBe(false));
    leave(bo);
  });

  it("refuses an invalid board id before anything else, with its own close code", async () => {
    const base = app.url.replace("http", "ws");
    expect(await closeCodeOf(`${base}/..%2F..%2Fetc`)).toEqual({
      code: CloseCode.invalidBoardId,
      reason: "invalid board id",
    });
    expect(await closeCodeOf(`${base}/short`)).toMatchObject({ code: CloseCode.invalidBoardId });
    expect(await closeCodeOf(`${base}/ValidBoardId1234/other`)).toMatchObject({ code: CloseCode.invalidBoardId });
    expect(app.logs).toContainEqual(
      expect.objectContaining({ event: "connection refused", reason: "invalid board id" }),
    );
  });

  it("closes only the connection that sends a malformed frame; the process and other boards go on", async () => {
    const board = await createBoardOn(app);
    const other = await createBoardOn(app);
    const ana = connect(app, other);
    const neighbour = connect(app, board);
    await Promise.all([synced(ana), synced(neighbour)]);
    const frames = [
      new Uint8Array([0, 0, 1, 5]), // sync step 1 whose state vector is truncated
      new Uint8Array([0, 2, 200, 1, 2]), // update whose length runs past the frame
      new Uint8Array([9, 9, 9]), // unknown message type
      new Uint8Array([0, 7, 0]), // unknown sync step
      new Uint8Array([0, 2, 5, 255, 255, 255, 255, 255]), // garbage update
    ];
    const editor = await linkFor(app, board, "editor");
    for (const frame of frames) {
      const closed = await new Promise<number>((resolve) => {
        const ws = new WebSocket(socketUrl(app, editor));
        ws.on("open", () => ws.send(frame));
        ws.on("close", (code) => resolve(code));
      });
      expect(closed).toBe(CloseCode.badMessage);
    }
    const text = await new Promise<number>((resolve) => {
      const ws = new WebSocket(socketUrl(app, board));
      ws.on("open", () => ws.send("hello"));
      ws.on("close", (code) => resolve(code));
    });
    expect(text).toBe(CloseCode.badMessage);
    expect(app.logs.filter((l) => l.event === "bad message" && l.board === board.id)).toHaveLength(6);
    // A participant of the attacked board was never disconnected.
    expect(neighbour.provider.wsconnected).toBe(true);
    expect(
      app.logs.filter((l) => l.event === "disconnection" && l.board === board.id && l.code !== CloseCode.badMessage),
    ).toEqual([]);
    addNote(firstMap(ana.doc), { cell: null, x: 0, y: 0, author: "Ana", text: "still here" });
    const late = connect(app, other);
    await synced(late);
    await eventually(() => expect(listNotes(firstMap(late.doc)).map((n) => n.text)).toEqual(["still here"]));
    leave(ana, late, neighbour);
  });

  it("closes a connection whose frame is over the limit", async () => {
    await app.close();
    app = await startTestApp({ dataDir: app.dataDir, maxFrameBytes: 2048 });
    const board = await createBoardOn(app);
    const code = await new Promise<number>((resolve) => {
      const ws = new WebSocket(socketUrl(app, board));
      ws.on("open", () => ws.send(new Uint8Array(4096)));
      ws.on("close", (c) => resolve(c));
    });
    expect(code).toBe(1009);
    expect(app.logs).toContainEqual(
      expect.objectContaining({
        event: "socket error",
        board: board.id,
        reason: expect.objectContaining({ name: "RangeError" }),
      }),
    );
  });

  it("keeps a board in memory only while someone is on it", async () => {
    const board = await createBoardOn(app);
    const inMemory = async () =>
      ((await (await fetch(`${app.url}/metrics`)).json()) as { documentsInMemory: number }).documentsInMemory;
    const ana = connect(app, board);
    await synced(ana);
    expect(await inMemory()).toBe(1);
    leave(ana);
    await eventually(async () => expect(await inMemory()).toBe(0));
    expect(app.logs).toContainEqual(expect.objectContaining({ event: "board released", board: board.id }));
    expect(app.logs).toContainEqual(expect.objectContaining({ event: "disconnection", board: board.id }));
  });
});
