import { readTimers, remainingAt, type Timer } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  appsClosedAfterEach,
  type BoardKey,
  connect,
  createBoardOn,
  eventually,
  leave,
  linkFor,
  type Participant,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";

const apps = appsClosedAfterEach();

async function timer(app: TestApp, key: BoardKey, body: Record<string, unknown>) {
  const response = await fetch(`${app.url}/api/boards/${key.id}/timer`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key.token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { timer?: Timer | null; now?: number } };
}

async function controlOf(app: TestApp, key: BoardKey): Promise<Participant> {
  const reader = connect(app, key, new Y.Doc(), `${key.id}/control`);
  await synced(reader);
  return reader;
}

async function boardWithRelay() {
  const app = await startTestApp();
  apps.push(app);
  const board = await createBoardOn(app);
  return { app, board };
}

describe("the facilitator's timer", () => {
  it("counts in the relay's clock: start, pause, resume, extend and stop reach everyone", async () => {
    const { app, board } = await boardWithRelay();
    const viewer = await controlOf(app, await linkFor(app, board, "viewer"));
    const before = Date.now();
    const started = await timer(app, board, { action: "start", scope: "step", durationMs: 300_000, label: "Vote" });
    const after = Date.now();
    expect(started.status).toBe(200);
    // The relay and this test share the machine's clock: the end is five minutes from the relay's now.
    await eventually(() => expect(readTimers(viewer.doc).step?.label).toBe("Vote"));
    const step = readTimers(viewer.doc).step;
    if (step?.status !== "running") throw new Error("not running");
    expect(step.endsAt).toBeGreaterThanOrEqual(before + 300_000);
    expect(step.endsAt).toBeLessThanOrEqual(after + 300_000);

    const paused = await timer(app, board, { action: "pause", scope: "step" });
    const left = remainingAt(paused.body.timer as Timer, 0);
    expect(left).toBe(step.endsAt - (paused.body.now ?? 0));
    await eventually(() => expect(readTimers(viewer.doc).step?.status).toBe("paused"));
    const extended = await timer(app, board, { action: "extend", scope: "step", byMs: 60_000 });
    expect(remainingAt(extended.body.timer as Timer, 0)).toBe(left + 60_000);
    const resumed = await timer(app, board, { action: "resume", scope: "step" });
    const running = resumed.body.timer as Timer;
    expect(remainingAt(running, resumed.body.now ?? 0)).toBe(left + 60_000);
    await eventually(() => expect(readTimers(viewer.doc).step).toEqual(running));

    expect((await timer(app, board, { action: "stop", scope: "step" })).status).toBe(200);
    await eventually(() => expect(readTimers(viewer.doc)).toEqual({}));
    expect((await timer(app, board, { action: "pause", scope: "step" })).status).toBe(409);
    expect((await timer(app, board, { action: "start", scope: "step", durationMs: -5 })).status).toBe(400);
    expect(app.logs).toContainEqual(
      expect.objectContaining({ event: "timer changed", board: board.id, action: "start" }),
    );
    leave(viewer);
  });

  it("refuses every action from an editor and a viewer, and their timer never reaches anyone", async () => {
    const { app, board } = await boardWithRelay();
    const watcher = await controlOf(app, board);
    await timer(app, board, { action: "start", scope: "session", durationMs: 3_600_000, label: "Workshop" });
    await eventually(() => expect(readTimers(watcher.doc).session?.label).toBe("Workshop"));
    const session = readTimers(watcher.doc).session;
    const actions = [
      { action: "start", scope: "step", durationMs: 60_000, label: "Mine" },
      { action: "pause", scope: "session" },
      { action: "resume", scope: "session" },
      { action: "extend", scope: "session", byMs: 300_000 },
      { action: "stop", scope: "session" },
    ];
    for (const role of ["editor", "viewer"] as const) {
      const link = await linkFor(app, board, role);
      for (const body of actions)
        expect({ role, ...body, status: (await timer(app, link, body)).status }).toEqual({
          role,
          ...body,
          status: 403,
        });
    }
    // A facilitator's change made after the refusals reaches the watcher after anything they might have done.
    await timer(app, board, { action: "start", scope: "step", durationMs: 120_000, label: "Marker" });
    await eventually(() => expect(readTimers(watcher.doc).step?.label).toBe("Marker"));
    expect(readTimers(watcher.doc).session).toEqual(session);
    expect(app.logs.filter((l) => l.event === "facilitator action refused" && l.action === "timer")).toHaveLength(10);
    leave(watcher);
  });

  it("adds every extension asked for at the same instant by two facilitators", async () => {
    const { app, board } = await boardWithRelay();
    const started = await timer(app, board, { action: "start", scope: "step", durationMs: 60_000 });
    const endsAt = (started.body.timer as Extract<Timer, { status: "running" }>).endsAt;
    const second = await linkFor(app, board, "facilitator");
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        timer(app, i % 2 ? second : board, { action: "extend", scope: "step", byMs: 60_000 }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const reader = await controlOf(app, board);
    const step = readTimers(reader.doc).step;
    expect(step?.status === "running" && step.endsAt).toBe(endsAt + 600_000);
    expect(step?.durationMs).toBe(660_000);
    leave(reader);
  });

  it("keeps a running and a paused timer across a relay restart", async () => {
    const { app, board } = await boardWithRelay();
    await timer(app, board, { action: "start", scope: "session", durationMs: 5_400_000, label: "Workshop" });
    await timer(app, board, { action: "start", scope: "step", durationMs: 600_000, label: "Pain points" });
    await timer(app, board, { action: "pause", scope: "step" });
    const reader = await controlOf(app, board);
    const kept = readTimers(reader.doc);
    expect(Object.keys(kept).sort()).toEqual(["session", "step"]);
    leave(reader);
    await app.close();

    const restarted = await startTestApp({ dataDir: app.dataDir });
    apps.push(restarted);
    const again = await controlOf(restarted, board);
    expect(readTimers(again.doc)).toEqual(kept);
    const resumed = await timer(restarted, board, { action: "resume", scope: "step" });
    expect(resumed.status).toBe(200);
    leave(again);
  });

  it("tells its clock to anyone, never cached", async () => {
    const { app } = await boardWithRelay();
    const before = Date.now();
    const response = await fetch(`${app.url}/api/time`);
    const { now } = (await response.json()) as { now: number };
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    expect((await fetch(`${app.url}/api/time`, { method: "POST" })).status).toBe(405);
  });
});
