import { afterEach, describe, expect, it } from "vitest";
import { type Config, readConfig } from "../src/config.js";
import {
  connect,
  createBoardOn,
  disposeApps,
  eventually,
  leave,
  type Participant,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";
import { call, httpWith, type RawSocket, rawSocket } from "./http-helpers.js";

const apps: TestApp[] = [];
const sockets: RawSocket[] = [];
const participants: Participant[] = [];
afterEach(async () => {
  for (const raw of sockets.splice(0)) raw.socket.destroy();
  leave(...participants.splice(0));
  await disposeApps(apps);
});

async function appWith(limits: Partial<Config["http"]>): Promise<TestApp> {
  const app = await startTestApp(httpWith(limits));
  apps.push(app);
  return app;
}

async function open(app: TestApp, from: string, first?: string): Promise<RawSocket> {
  const raw = await rawSocket(app, from, first);
  sockets.push(raw);
  return raw;
}

/** Milliseconds until the server closes the socket, or -1 if it is still open after `ms`. */
async function closedWithin(raw: RawSocket, ms: number): Promise<number> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  const closed = await Promise.race([raw.closed.then(() => true), late.then(() => false)]);
  clearTimeout(timer);
  return closed ? Date.now() - started : -1;
}

describe("sockets: what a client may hold open", () => {
  it("closes a socket that never sends a whole request's headers, silent or slow, within the headers timeout", async () => {
    const app = await appWith({ headersTimeoutSeconds: 1 });
    const silent = await open(app, "127.0.0.2");
    const slow = await open(app, "127.0.0.2", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    const waits = await Promise.all([closedWithin(silent, 10_000), closedWithin(slow, 10_000)]);
    for (const ms of waits) {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(4000);
    }
    expect(slow.received.split("\r\n")[0]).toBe("HTTP/1.1 408 Request Timeout");
  });

  it("closes a kept-alive socket left idle after its answer", async () => {
    const app = await appWith({ keepAliveSeconds: 1 });
    const idle = await open(app, "127.0.0.2", "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    const ms = await closedWithin(idle, 10_000);
    expect(idle.received.split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThan(3000);
  });

  it("closes at once a socket over the per-address limit; other addresses, and the same one later, still get in", async () => {
    const app = await appWith({ maxSocketsPerAddress: 5 });
    const held = await Promise.all(Array.from({ length: 5 }, () => open(app, "127.0.0.2")));
    expect(await call(app, "/healthz", { from: "127.0.0.2" })).toBe("refused");
    expect(await call(app, "/healthz", { from: "127.0.0.3" })).toMatchObject({ status: 200 });
    held[0]?.socket.destroy();
    await eventually(async () =>
      expect(await call(app, "/healthz", { from: "127.0.0.2" })).toMatchObject({ status: 200 }),
    );
    expect((await call(app, "/metrics")) as { body: string }).toSatisfy(
      (answer: { body: string }) => JSON.parse(answer.body).socketsRefused >= 1,
    );
    expect(app.logs).toContainEqual(
      expect.objectContaining({
        event: "socket refused",
        reason: "too many sockets from this address",
        remote: "127.0.0.2",
      }),
    );
  });

  it("when full, lets a request in in place of the oldest socket that sent none; never drops a WebSocket for it", async () => {
    const app = await appWith({ maxSockets: 6, maxSocketsPerAddress: 6, keepAliveSeconds: 1 });
    const board = await createBoardOn(app);
    const silent = await Promise.all(Array.from({ length: 6 }, (_, i) => open(app, `127.0.1.${i + 1}`)));
    // Every place is taken by a socket without a request: a real request takes the oldest one's.
    expect(await call(app, "/healthz", { from: "127.0.0.2" })).toMatchObject({ status: 200 });
    expect(await closedWithin(silent[0] as RawSocket, 5000)).toBeGreaterThanOrEqual(0);

    // Once every place is a WebSocket, a new socket has nowhere to go, and no participant is dropped for it.
    for (let i = 0; i < 6; i++) participants.push(connect(app, board));
    await Promise.all(participants.map(synced));
    await eventually(() => expect(silent.every((raw) => raw.socket.destroyed)).toBe(true));
    expect(await call(app, "/healthz", { from: "127.0.0.3" })).toBe("refused");
    expect(participants.every((p) => p.provider.wsconnected)).toBe(true);
  });
});

describe("sockets: the descriptors the store needs are never given to sockets", () => {
  it("derives the socket limit from the open-file limit, less the reserve, and refuses to start over it", () => {
    const heapBytes = 4 * 2 ** 30;
    expect(readConfig({}, { openFiles: 1024, heapBytes }).http.maxSockets).toBe(1024 - 256);
    expect(readConfig({ FILE_RESERVE: "512" }, { openFiles: 1024, heapBytes }).http.maxSockets).toBe(512);
    expect(readConfig({}, { openFiles: undefined, heapBytes }).http.maxSockets).toBe(16_384);
    expect(() => readConfig({ MAX_SOCKETS: "1000" }, { openFiles: 1024, heapBytes })).toThrow(
      'MAX_SOCKETS must be a whole number from 16 to 768, not "1000"',
    );
    expect(() => readConfig({}, { openFiles: 200, heapBytes })).toThrow(/open-file limit \(ulimit -n\) is 200/);
    expect(readConfig({}, { openFiles: 1024, heapBytes }).limits.maxLoadedBytes).toBe(2 ** 30);
  });
});
