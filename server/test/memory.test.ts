import { CloseCode } from "@journeyboard/shared";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { Limits } from "../src/config.js";
import {
  type BoardKey,
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
import { type Answer, call } from "./http-helpers.js";

const apps: TestApp[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await disposeApps(apps);
});

async function appWith(limits: Partial<Limits>): Promise<TestApp> {
  const defaults = (await import("../src/config.js")).readConfig({}).limits;
  const app = await startTestApp({ limits: { ...defaults, ...limits } });
  apps.push(app);
  return app;
}

async function metrics(app: TestApp): Promise<{ loadedBytes: number; documentsInMemory: number }> {
  return JSON.parse(((await call(app, "/metrics")) as Answer).body);
}

/** A board holding about `bytes` of content, stored and released again. */
async function boardOf(app: TestApp, bytes: number): Promise<BoardKey> {
  const board = await createBoardOn(app);
  const [writer, reader] = [connect(app, board), connect(app, board)];
  await Promise.all([synced(writer), synced(reader)]);
  writer.doc.getMap("padding").set("text", "x".repeat(bytes));
  await eventually(() => expect(reader.doc.getMap("padding").get("text")).toHaveLength(bytes));
  leave(writer, reader);
  await eventually(async () => expect((await metrics(app)).documentsInMemory).toBe(0));
  return board;
}

/** Opens a board from `from`, left open: "loaded" once the relay greets it with the board's sync, else the close code. */
function open(app: TestApp, board: BoardKey, from: string): Promise<"loaded" | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(socketUrl(app, board), { localAddress: from });
    sockets.push(ws);
    ws.once("message", () => resolve("loaded"));
    ws.on("close", (code) => resolve(code));
    ws.on("error", () => undefined);
  });
}

describe("memory: documents in memory are budgeted by their stored size", () => {
  it("turns an address away once the boards it loaded reach its budget, and lets it load again once they are closed", async () => {
    const budget = 100_000;
    const app = await appWith({ maxDocBytes: 64 * 1024, maxLoadedBytesPerAddress: budget, maxLoadedBytes: 1_000_000 });
    const boards: BoardKey[] = [];
    for (let i = 0; i < 6; i++) boards.push(await boardOf(app, 30_000));

    const results: ("loaded" | number)[] = [];
    for (const board of boards) results.push(await open(app, board, "127.0.0.2"));
    const loaded = results.filter((r) => r === "loaded").length;
    // Loads stop once the address is at its budget: at most one board over it.
    expect(results).toEqual([...Array(loaded).fill("loaded"), ...Array(6 - loaded).fill(CloseCode.addressMemoryFull)]);
    const { loadedBytes } = await metrics(app);
    expect(loadedBytes).toBeGreaterThanOrEqual(budget);
    expect(loadedBytes).toBeLessThan(budget + 64 * 1024);
    expect(app.logs).toContainEqual(
      expect.objectContaining({
        event: "connection closed by the relay",
        code: CloseCode.addressMemoryFull,
        remote: "127.0.0.2",
      }),
    );

    // Joining a board already in memory costs nothing more; another address still loads its own.
    const refused = boards[loaded] as BoardKey;
    expect(await open(app, boards[0] as BoardKey, "127.0.0.2")).toBe("loaded");
    expect(await open(app, refused, "127.0.0.3")).toBe("loaded");

    for (const ws of sockets.splice(0)) ws.close();
    await eventually(async () => expect((await metrics(app)).documentsInMemory).toBe(0));
    expect(await open(app, refused, "127.0.0.2")).toBe("loaded");
  });

  it("turns everyone away with 'server busy' once the documents in memory reach the total budget", async () => {
    const app = await appWith({ maxDocBytes: 64 * 1024, maxLoadedBytesPerAddress: 100_000, maxLoadedBytes: 150_000 });
    const boards: BoardKey[] = [];
    for (let i = 0; i < 8; i++) boards.push(await boardOf(app, 30_000));
    const results: ("loaded" | number)[] = [];
    for (const [i, board] of boards.entries()) results.push(await open(app, board, `127.0.0.${10 + i}`));
    const loaded = results.filter((r) => r === "loaded").length;
    expect(results).toEqual([...Array(loaded).fill("loaded"), ...Array(8 - loaded).fill(CloseCode.serverBusy)]);
    expect((await metrics(app)).loadedBytes).toBeGreaterThanOrEqual(150_000);
  });
});
