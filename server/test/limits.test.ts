import { addNote, CloseCode, getMap, listMaps, listNotes, openBoard, SCHEMA_VERSION } from "@journeyboard/shared";
import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Limits } from "../src/config.js";
import {
  closeCodeOf,
  connect,
  createBoardOn,
  disposeApps,
  eventually,
  leave,
  socketUrl,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";

const apps: TestApp[] = [];
const knocked: WebSocket[] = [];
afterEach(async () => {
  for (const ws of knocked.splice(0)) ws.close();
  await disposeApps(apps);
});

async function appWith(limits: Partial<Limits>, extra: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const defaults = (await import("../src/config.js")).readConfig({}).limits;
  const app = await startTestApp({ ...extra, limits: { ...defaults, ...limits } });
  apps.push(app);
  return app;
}

/** Opens a raw socket, sends frames once it is open, and resolves with the close code. */
function sendAndClose(url: string, frames: Uint8Array[], options: WebSocket.ClientOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    ws.on("open", () => {
      for (const frame of frames) ws.send(frame);
    });
    ws.on("close", (code) => resolve(code));
    ws.on("error", () => undefined);
  });
}

function awarenessFrame(state: Record<string, unknown>, clock = 1, client?: number): Uint8Array {
  const doc = new Y.Doc();
  if (client !== undefined) doc.clientID = client;
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(state);
  const meta = awareness.meta.get(awareness.clientID);
  if (meta) meta.clock = clock;
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, 1);
  encoding.writeVarUint8Array(frame, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
  awareness.destroy();
  return encoding.toUint8Array(frame);
}

/** Opens a raw socket, left open: "admitted" once the relay greets it with the board's sync, else the close code. */
function knock(url: string, options: WebSocket.ClientOptions): Promise<number | "admitted"> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    knocked.push(ws);
    ws.once("message", () => resolve("admitted"));
    ws.on("close", (code) => resolve(code));
    ws.on("error", () => undefined);
  });
}

function refusals(app: TestApp, code: number) {
  return app.logs.filter((l) => l.code === code && String(l.event).startsWith("connection "));
}

describe("limits: each one closes the connection with its own code and a log line", () => {
  it("a board over its size limit takes no more edits", async () => {
    const app = await appWith({ maxDocBytes: 40_000 });
    const board = await createBoardOn(app);
    const ana = connect(app, board);
    await synced(ana);
    const closed = new Promise<number>((resolve) => ana.provider.on("connection-close", (e) => resolve(e?.code ?? 0)));
    const map = getMap(openBoard(ana.doc), listMaps(openBoard(ana.doc))[0]?.id ?? "");
    if (!map) throw new Error("no map");
    for (let i = 0; i < 20; i++) addNote(map, { cell: null, x: 0, y: 0, author: "a", text: "x".repeat(3000) });
    expect(await closed).toBe(CloseCode.boardTooLarge);
    expect(refusals(app, CloseCode.boardTooLarge)).toHaveLength(1);
    leave(ana);
  });

  it("too many messages a second", async () => {
    const app = await appWith({ maxMessagesPerSecond: 10 });
    const board = await createBoardOn(app);
    const query = new Uint8Array([3]);
    expect(await sendAndClose(socketUrl(app, board), Array(40).fill(query))).toBe(CloseCode.tooManyMessages);
    expect(refusals(app, CloseCode.tooManyMessages)).toHaveLength(1);
  });

  it("too many connections to one board, and from one address", async () => {
    const app = await appWith({ maxConnectionsPerBoard: 2, maxConnectionsPerAddress: 3 });
    const board = await createBoardOn(app);
    const other = await createBoardOn(app);
    const [a, b] = [connect(app, board), connect(app, board)];
    await Promise.all([synced(a), synced(b)]);
    expect((await closeCodeOf(socketUrl(app, board))).code).toBe(CloseCode.boardFull);
    const c = connect(app, other);
    await synced(c);
    expect((await closeCodeOf(socketUrl(app, other))).code).toBe(CloseCode.tooManyConnectionsFromAddress);
    expect(refusals(app, CloseCode.boardFull)).toHaveLength(1);
    expect(refusals(app, CloseCode.tooManyConnectionsFromAddress)).toHaveLength(1);
    leave(a, b, c);
  });

  it("behind trusted proxies, a participant counts by the address the proxy saw, not one it wrote", async () => {
    const app = await appWith({ maxConnectionsPerAddress: 1 }, { trustedProxyHops: 1 });
    const board = await createBoardOn(app);
    const url = socketUrl(app, board);
    // The proxy appends the address it saw; what the client sent stays left of it.
    const via = (header: string) => ({ headers: { "x-forwarded-for": header } });
    expect(await knock(url, via("198.51.100.7"))).toBe("admitted");
    expect(await knock(url, via("198.51.100.7, 198.51.100.8"))).toBe("admitted");
    expect(await knock(url, via("203.0.113.9, 198.51.100.7"))).toBe(CloseCode.tooManyConnectionsFromAddress);
    expect(refusals(app, CloseCode.tooManyConnectionsFromAddress)).toEqual([
      expect.objectContaining({ remote: "198.51.100.7" }),
    ]);

    const twoHops = await appWith({ maxConnectionsPerAddress: 1 }, { trustedProxyHops: 2 });
    const other = socketUrl(twoHops, await createBoardOn(twoHops));
    // The inner proxy appends the outer one's address, 10.0.0.2.
    expect(await knock(other, via("203.0.113.9, 198.51.100.7, 10.0.0.2"))).toBe("admitted");
    expect(await knock(other, via("203.0.113.10, 198.51.100.7, 10.0.0.2"))).toBe(
      CloseCode.tooManyConnectionsFromAddress,
    );
  });

  it("too many boards in memory", async () => {
    const app = await appWith({ maxBoardsInMemory: 1 });
    const [first, second] = [await createBoardOn(app), await createBoardOn(app)];
    const ana = connect(app, first);
    await synced(ana);
    expect((await closeCodeOf(socketUrl(app, second))).code).toBe(CloseCode.serverBusy);
    leave(ana);
    // Once the first board is released, the second one loads.
    await eventually(() => expect(app.logs.filter((l) => l.event === "board released")).toHaveLength(1));
    const bo = connect(app, second);
    await synced(bo);
    leave(bo);
  });

  it("presence over its size limit, and too many presence updates", async () => {
    const app = await appWith({ maxPresenceBytes: 200, maxPresencePerSecond: 5 });
    const board = await createBoardOn(app);
    expect(await sendAndClose(socketUrl(app, board), [awarenessFrame({ name: "x".repeat(500) })])).toBe(
      CloseCode.presenceTooLarge,
    );
    // One client moving its cursor: a connection speaks for a few client ids only.
    const small = Array.from({ length: 30 }, (_, i) => awarenessFrame({ cursor: i }, i + 1, 4242));
    expect(await sendAndClose(socketUrl(app, board), small)).toBe(CloseCode.tooManyPresenceUpdates);
  });

  it("a page from another origin is refused; its own origin and the configured ones are let in", async () => {
    const app = await appWith({});
    const board = await createBoardOn(app);
    const host = new URL(app.url).host;
    expect((await closeCodeOf(socketUrl(app, board), { origin: "https://evil.example" })).code).toBe(
      CloseCode.originRefused,
    );
    const page = { schema: String(SCHEMA_VERSION) };
    const own = connect(app, board, undefined, undefined, { origin: `http://${host}` }, page);
    await synced(own);
    leave(own);
    const configured = await appWith({}, { allowedOrigins: ["https://boards.example"] });
    const other = await createBoardOn(configured);
    const allowed = connect(configured, other, undefined, undefined, { origin: "https://boards.example" }, page);
    await synced(allowed);
    leave(allowed);
    expect((await closeCodeOf(socketUrl(configured, other), { origin: `http://${host}` })).code).toBe(
      CloseCode.originRefused,
    );
  });
});

describe("backpressure", () => {
  it("a client that cannot keep up is told to resync, and has every update after it reconnects", async () => {
    const app = await appWith({ maxBufferedBytes: 256 * 1024, maxMessagesPerSecond: 100_000 });
    const board = await createBoardOn(app);
    const writer = connect(app, board);
    const slow = connect(app, board);
    await Promise.all([synced(writer), synced(slow)]);
    const closes: number[] = [];
    slow.provider.on("connection-close", (event) => closes.push(event?.code ?? 0));
    const socket = (slow.provider.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const map = getMap(openBoard(writer.doc), listMaps(openBoard(writer.doc))[0]?.id ?? "");
    if (!map) throw new Error("no map");
    // 24 MB in six big updates: more than the kernel's socket buffers can hide.
    for (let batch = 0; batch < 6; batch++) {
      writer.doc.transact(() => {
        for (let i = 0; i < 1000; i++)
          addNote(map, { cell: null, x: i, y: batch, author: "w", text: "y".repeat(3990) });
      });
    }
    await eventually(() => expect(app.metrics.closes.get(CloseCode.resync)).toBe(1), 10_000);
    socket.resume();
    await eventually(() => expect(closes).toContain(CloseCode.resync), 10_000);
    await eventually(() => {
      const slowMap = getMap(openBoard(slow.doc), map.id);
      expect(slowMap && listNotes(slowMap)).toHaveLength(6000);
    }, 10_000);
    leave(writer, slow);
  });
});
