import { readStageVisits, readTimerRuns, readWalkthrough } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { changeWalkIn, newRound } from "../src/walkthrough.js";
import {
  type BoardKey,
  boardWithControlReader,
  eventually,
  leave,
  postToBoard,
  relayEachTest,
  type TestApp,
} from "./helpers.js";

let app: TestApp;
relayEachTest((started) => {
  app = started;
});

const call = (path: string, key: BoardKey, body: unknown) => postToBoard(app, key, path, body);

describe("the session's time, kept by the relay for the summary", () => {
  it("records each stage visit as the walk-through moves, once per move however many ask at once", async () => {
    const { board, control, mapId, stages } = await boardWithControlReader(app);
    const first = await call("walkthrough", board, { action: "start", mapId, roundName: "Internal experts" });
    const from = first.body.stageId;
    // A time box advancing as the facilitator clicks: one move, one visit.
    const raced = await Promise.all([
      call("walkthrough", board, { action: "next", from }),
      call("walkthrough", board, { action: "next", from }),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
    await call("walkthrough", board, { action: "go", stageId: stages[3] });
    await call("walkthrough", board, { action: "timebox", timeBoxSeconds: 60, onTimeUp: "warn" });
    await call("walkthrough", board, { action: "end" });
    // A second round started over a running one closes that one's stage too.
    await call("walkthrough", board, { action: "start", mapId, roundName: "Customers" });
    await call("walkthrough", board, { action: "start", mapId, roundName: "Customers again" });

    await eventually(() => expect(readStageVisits(control.doc)).toHaveLength(4));
    const visits = readStageVisits(control.doc);
    expect(visits.map((v) => v.stageId)).toEqual([stages[0], stages[1], stages[3], stages[0]]);
    const [expert] = visits;
    expect(visits.slice(0, 3).every((v) => v.roundId === expert?.roundId && v.mapId === mapId)).toBe(true);
    // Each visit ends when the next begins: the time adds up without gaps or overlaps.
    for (let i = 1; i < 3; i++) expect(visits[i]?.startedAt).toBe(visits[i - 1]?.endedAt);
    for (const v of visits) expect(v.endedAt).toBeGreaterThanOrEqual(v.startedAt);
    expect(visits[3]?.roundId).not.toBe(expert?.roundId);
    expect(readWalkthrough(control.doc)?.roundName).toBe("Customers again");
    leave(control);
  });

  it("records each timer run when stopped or started over, with its planned and actual length", async () => {
    const { board, control } = await boardWithControlReader(app);
    await call("timer", board, { action: "start", scope: "step", durationMs: 300_000, label: "Write" });
    await call("timer", board, { action: "extend", scope: "step", byMs: 60_000 });
    await call("timer", board, { action: "pause", scope: "step" });
    await call("timer", board, { action: "start", scope: "step", durationMs: 120_000, label: "Vote" });
    await call("timer", board, { action: "start", scope: "session", durationMs: 3_600_000, label: "" });
    await call("timer", board, { action: "stop", scope: "step" });
    // Stopping what is already stopped ends no run.
    await call("timer", board, { action: "stop", scope: "step" });

    await eventually(() => expect(readTimerRuns(control.doc)).toHaveLength(2));
    const [write, vote] = readTimerRuns(control.doc);
    expect(write).toMatchObject({ scope: "step", label: "Write", plannedMs: 360_000 });
    expect(vote).toMatchObject({ scope: "step", label: "Vote", plannedMs: 120_000 });
    for (const run of [write, vote]) {
      // The relay answered within seconds: that is all the time these timers counted.
      expect(run?.actualMs).toBeGreaterThanOrEqual(0);
      expect(run?.actualMs).toBeLessThan(10_000);
      expect(run?.endedAt).toBeGreaterThanOrEqual(run?.startedAt ?? Number.POSITIVE_INFINITY);
    }
    leave(control);
  });

  it("ends a stage's visit when the next stage begins, even when the clock has moved on by the write", () => {
    const control = new Y.Doc();
    const walk = newRound("Internal experts", "map", "need", 1000);
    // The next stage began at 5000; the change is written a millisecond later.
    changeWalkIn(control, walk, { ...walk, stageId: "aware", stageStartedAt: 5000 }, 5001);
    expect(readStageVisits(control).map((v) => [v.stageId, v.startedAt, v.endedAt])).toEqual([["need", 1000, 5000]]);
    expect(readWalkthrough(control)?.stageStartedAt).toBe(5000);
  });
});
