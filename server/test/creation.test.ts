import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Config } from "../src/config.js";
import { CreationLimit } from "../src/creation-limit.js";
import { LevelBoardStore } from "../src/store/level-store.js";
import type { BoardStore } from "../src/store/store.js";
import {
  appsClosedAfterEach,
  connect,
  createBoardOn,
  eventually,
  leave,
  linkFor,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";
import { type Answer, call, createFrom, httpWith } from "./http-helpers.js";

const apps = appsClosedAfterEach();

async function appWith(overrides: Partial<Config> = {}, store?: BoardStore): Promise<TestApp> {
  const app = await startTestApp(overrides, store ? { store } : {});
  apps.push(app);
  return app;
}

const created = (app: TestApp) => app.logs.filter((l) => l.event === "board created").length;

describe("board creation", () => {
  it("takes JSON only, so that a page on another site cannot create boards in its visitors' browsers", async () => {
    const app = await appWith();
    const post = (headers: Record<string, string>, body = "{}") =>
      call(app, "/api/boards", { method: "POST", headers, body });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const answer = (await post({ "Content-Type": type })) as Answer;
      expect(answer.status).toBe(415);
      expect(JSON.parse(answer.body).error).toMatch(/Content-Type: application\/json/);
    }
    expect(await post({}, "")).toMatchObject({ status: 415 });
    expect(created(app)).toBe(0);
    expect(await post({ "Content-Type": "Application/JSON; charset=utf-8" })).toMatchObject({ status: 201 });
  });

  it("takes JSON only on every JSON endpoint: a form cannot revoke a board's links", async () => {
    const app = await appWith();
    const board = await createBoardOn(app);
    const editor = await linkFor(app, board, "editor");
    const revoke = await call(app, `/api/boards/${board.id}/revoke`, {
      method: "POST",
      headers: { Authorization: `Bearer ${board.token}`, "Content-Type": "text/plain" },
      body: '{"role":"editor"}',
    });
    expect(revoke).toMatchObject({ status: 415 });
    expect(await call(app, `/api/boards/${board.id}?token=${editor.token}`)).toMatchObject({ status: 200 });
  });

  it("is limited per address and in total, answering 429 with Retry-After; other addresses still create", async () => {
    const app = await appWith(httpWith({ boardsPerMinutePerAddress: 3, boardsPerMinute: 5 }));
    for (let i = 0; i < 3; i++) expect(await createFrom(app, "127.0.0.2")).toMatchObject({ status: 201 });
    const throttled = (await createFrom(app, "127.0.0.2")) as Answer;
    expect(throttled.status).toBe(429);
    // Three a minute: the next one is about 20 s away.
    expect(Number(throttled.headers["retry-after"])).toBeGreaterThanOrEqual(15);
    expect(Number(throttled.headers["retry-after"])).toBeLessThanOrEqual(20);
    expect(await createFrom(app, "127.0.0.3")).toMatchObject({ status: 201 });
    expect(await createFrom(app, "127.0.0.4")).toMatchObject({ status: 201 });
    // Five a minute in all: a fresh address is turned away too, for about 12 s.
    const full = (await createFrom(app, "127.0.0.5")) as Answer;
    expect(full.status).toBe(429);
    expect(Number(full.headers["retry-after"])).toBeLessThanOrEqual(12);
    expect(created(app)).toBe(5);
    expect(app.logs).toContainEqual(
      expect.objectContaining({
        event: "board create refused",
        reason: "too many boards created",
        remote: "127.0.0.2",
      }),
    );
    expect(JSON.parse(((await call(app, "/metrics")) as Answer).body).creationsRefused).toBe(2);
  });

  it("counts behind a trusted proxy the address the proxy saw, not the proxy's", async () => {
    const app = await appWith({ ...httpWith({ boardsPerMinutePerAddress: 1 }), trustedProxyHops: 1 });
    const via = (address: string) => createFrom(app, "127.0.0.1", { "X-Forwarded-For": address });
    expect(await via("203.0.113.1")).toMatchObject({ status: 201 });
    expect(await via("203.0.113.1")).toMatchObject({ status: 429 });
    expect(await via("203.0.113.2")).toMatchObject({ status: 201 });
  });

  it("keeps a bucket per address only until it has refilled", () => {
    const limit = new CreationLimit({ boardsPerMinute: 1000, boardsPerMinutePerAddress: 2 });
    for (let i = 0; i < 100; i++) expect(limit.take(`10.0.0.${i}`, 0)).toEqual({ ok: true });
    expect(limit.addresses).toBe(100);
    expect(limit.take("10.0.0.1", 120_000)).toEqual({ ok: true });
    expect(limit.addresses).toBe(1);
  });
});

describe("nothing of a board stays in memory once nobody is on it", () => {
  it("reads a board's link generations from the store unless someone is connected to it", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "journeyboard-"));
    const store = await LevelBoardStore.open(dataDir);
    const reads = new Map<string, number>();
    const counting = new Proxy(store, {
      get(target, property, receiver) {
        if (property === "generations") {
          return (boardId: string) => {
            reads.set(boardId, (reads.get(boardId) ?? 0) + 1);
            return target.generations(boardId);
          };
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    }) as BoardStore;
    const app = await appWith({ dataDir }, counting);
    const board = await createBoardOn(app);
    const readsOf = () => reads.get(board.id) ?? 0;
    const info = () => call(app, `/api/boards/${board.id}?token=${board.token}`);

    const created = readsOf();
    await info();
    await info();
    expect(readsOf()).toBe(created + 2);

    // While someone is on the board, its generations are kept: checks read nothing.
    const participant = connect(app, board);
    await synced(participant);
    const held = readsOf();
    await info();
    expect(readsOf()).toBe(held);

    leave(participant);
    await eventually(async () => {
      const before = readsOf();
      await info();
      expect(readsOf()).toBe(before + 1);
    });
  });
});
