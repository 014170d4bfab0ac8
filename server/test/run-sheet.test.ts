import {
  type RunSheetStep,
  readLocks,
  readPrivateWriting,
  readRunSheet,
  readStepRuns,
  readTimers,
  readVote,
  readWalkthrough,
} from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import {
  type BoardKey,
  boardWithControlReader,
  connect,
  connectedParticipant,
  eventually,
  leave,
  linkFor,
  postToBoard,
  relaysStartedPerTest,
  synced,
  type TestApp,
} from "./helpers.js";

const relay = relaysStartedPerTest();

const sheet = (app: TestApp, key: BoardKey, body: unknown) => postToBoard(app, key, "runsheet", body);

/** What a stock client of the control document sees of a step: its stage, timer, mode and locks. */
function stepSeen(control: Y.Doc) {
  const walk = readWalkthrough(control);
  const timer = readTimers(control).step;
  const locks = readLocks(control);
  return {
    current: readRunSheet(control).current?.stepId ?? null,
    timer: timer && { label: timer.label, durationMs: timer.durationMs, status: timer.status },
    walk: walk && { status: walk.status, round: walk.roundName, stageId: walk.stageId },
    vote: readVote(control)?.status ?? null,
    writing: readPrivateWriting(control)?.status ?? null,
    locks: { structure: locks.structure, stages: locks.stages, stageId: locks.stageId },
  };
}

/** Every state the control document went through, one entry per update it applied. */
function statesOf(control: Y.Doc) {
  const states: ReturnType<typeof stepSeen>[] = [];
  control.on("update", () => states.push(stepSeen(control)));
  return states;
}

async function addStep(app: TestApp, board: BoardKey, step: Record<string, unknown>): Promise<RunSheetStep> {
  const added = await sheet(app, board, { action: "add", step: { timeBoxMinutes: 5, ...step } });
  expect(added.status).toBe(200);
  const steps = added.body.steps as RunSheetStep[];
  const last = steps.at(-1);
  if (!last) throw new Error("the step was added");
  return last;
}

describe("the run-sheet", () => {
  it("is the facilitator's alone: every action is refused for an editor and a viewer, each with a log line", async () => {
    const app = await relay();
    const { board, control, mapId } = await boardWithControlReader(app);
    const taken = await sheet(app, board, { action: "default", mapId });
    const [first] = taken.body.steps as RunSheetStep[];
    const actions = [
      { action: "default", mapId },
      { action: "add", step: { title: "Mine", mapId, timeBoxMinutes: 5, mode: "discuss" } },
      { action: "remove", stepId: first?.id },
      { action: "start", stepId: first?.id, from: null },
      { action: "finish", from: null },
    ];
    for (const role of ["editor", "viewer"] as const) {
      const link = await linkFor(app, board, role);
      for (const body of actions) {
        const answer = await sheet(app, link, body);
        expect({ role, action: body.action, status: answer.status }).toEqual({
          role,
          action: body.action,
          status: 403,
        });
        expect(answer.body.error).toBe("only a facilitator can run the run-sheet");
      }
    }
    const refusals = app.logs.filter((l) => l.event === "facilitator action refused" && l.action === "runsheet");
    expect(refusals).toHaveLength(10);
    expect(refusals.every((l) => l.board === board.id && l.reason === "not a facilitator")).toBe(true);
    // Nothing they asked reached the document: the default agenda is as taken, and no step runs.
    await eventually(() => expect(readRunSheet(control.doc).steps).toEqual(taken.body.steps));
    expect(readRunSheet(control.doc).current).toBeNull();
    leave(control);
  });

  it("starts a step whole: stage, timer, mode and locks reach a stock client in one update", async () => {
    const app = await relay();
    const { board, control, mapId, stages } = await boardWithControlReader(app);
    const walk = await addStep(app, board, {
      title: "Walk-through with customers",
      mapId,
      stageId: stages[2],
      timeBoxMinutes: 7,
      mode: "walk",
      round: "Customers",
      locks: { structure: true, stages: true },
    });
    const write = await addStep(app, board, { title: "Write", mapId, stageId: stages[1], mode: "write" });
    const vote = await addStep(app, board, { title: "Vote", mapId, mode: "vote", locks: { structure: true } });
    const states = statesOf(control.doc);

    expect((await sheet(app, board, { action: "start", stepId: walk.id, from: null })).status).toBe(200);
    const walking = {
      current: walk.id,
      timer: { label: "Walk-through with customers", durationMs: 7 * 60_000, status: "running" },
      walk: { status: "running", round: "Customers", stageId: stages[2] },
      vote: null,
      writing: null,
      locks: { structure: true, stages: true, stageId: stages[2] },
    };
    await eventually(() => expect(stepSeen(control.doc)).toEqual(walking));
    // The first state showing the new step already shows all of it.
    expect(states.find((s) => s.current === walk.id)).toEqual(walking);

    expect((await sheet(app, board, { action: "start", stepId: write.id, from: walk.id })).status).toBe(200);
    await eventually(() => expect(stepSeen(control.doc).current).toBe(write.id));
    expect(stepSeen(control.doc)).toMatchObject({
      timer: { label: "Write", durationMs: 5 * 60_000 },
      walk: { status: "ended" },
      writing: "on",
      locks: { structure: false, stages: false, stageId: stages[1] },
    });
    expect(readPrivateWriting(control.doc)).toMatchObject({ scope: "stage", stageId: stages[1] });

    // Leaving private writing reveals it first: a participant's private note lands on the board.
    const editor = await connectedParticipant(app, await linkFor(app, board, "editor"));
    const note = { cell: { stageId: stages[1], laneId: "x" }, x: 0, y: 0, text: "Too many forms" };
    const written = await postToBoard(app, editor.key, "private/notes", {
      participant: editor.key.participant,
      action: "create",
      note,
      name: "Ann",
    });
    expect(written.status).toBe(200);
    expect((await sheet(app, board, { action: "start", stepId: vote.id, from: write.id })).status).toBe(200);
    await eventually(() =>
      expect(stepSeen(control.doc)).toMatchObject({ current: vote.id, vote: "open", writing: "off" }),
    );
    expect(readVote(control.doc)).toMatchObject({ mapId, budget: 3, question: expect.stringMatching(/priorities/) });
    expect(stepSeen(control.doc).locks).toEqual({ structure: true, stages: false, stageId: stages[1] });
    expect(app.logs).toContainEqual(
      expect.objectContaining({ event: "private notes revealed", board: board.id, notes: 1 }),
    );

    expect((await sheet(app, board, { action: "finish", from: vote.id })).status).toBe(200);
    await eventually(() => expect(stepSeen(control.doc)).toMatchObject({ current: null, timer: undefined }));
    expect(stepSeen(control.doc).locks).toMatchObject({ structure: false, stages: false });
    expect(readStepRuns(control.doc).map((r) => r.stepId)).toEqual([walk.id, write.id, vote.id]);
    leave(control, editor.socket);
  });

  it("advances one step when two facilitators press next at the same instant, whichever comes first", async () => {
    const app = await relay();
    const { board, control, mapId } = await boardWithControlReader(app);
    const steps = (await sheet(app, board, { action: "default", mapId })).body.steps as RunSheetStep[];
    const [first, second, third] = steps;
    if (!first || !second || !third) throw new Error("the default agenda has steps");
    const tab = { ...board };
    // Both tabs start the first step at once, then both press next from it: in each pair one wins.
    const opening = await Promise.all([
      sheet(app, board, { action: "start", stepId: first.id, from: null }),
      sheet(app, tab, { action: "start", stepId: first.id, from: null }),
    ]);
    expect(opening.map((r) => r.status).sort()).toEqual([200, 409]);
    const next = await Promise.all([
      sheet(app, tab, { action: "start", stepId: second.id, from: first.id }),
      sheet(app, board, { action: "start", stepId: third.id, from: first.id }),
    ]);
    expect(next.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = next[0].status === 200 ? second : third;
    expect(next.find((r) => r.status === 409)?.body.error).toBe(
      `the session has already moved on to "${winner.title}"`,
    );
    await eventually(() => expect(readRunSheet(control.doc).current?.stepId).toBe(winner.id));
    expect(readStepRuns(control.doc).map((r) => r.stepId)).toEqual([first.id]);
    leave(control);
  });

  it("keeps the time spent per step across a relay restart", async () => {
    const app = await relay();
    const { board, control, mapId } = await boardWithControlReader(app);
    const [first, second] = (await sheet(app, board, { action: "default", mapId })).body.steps as RunSheetStep[];
    if (!first || !second) throw new Error("the default agenda has steps");
    const before = Date.now();
    await sheet(app, board, { action: "start", stepId: first.id, from: null });
    leave(control);
    await app.close();
    const again = await relay({ dataDir: app.dataDir });
    const restartedAt = Date.now();
    expect((await sheet(again, board, { action: "start", stepId: second.id, from: first.id })).status).toBe(200);
    const after = Date.now();
    const reader = connect(again, board, undefined, `${board.id}/control`);
    await synced(reader);
    const [run] = readStepRuns(reader.doc);
    expect(run).toMatchObject({ stepId: first.id, title: first.title });
    if (!run) throw new Error("the first step's run is kept");
    // The run spans the restart: it began before the first relay stopped and ended on the second.
    expect(run.startedAt).toBeGreaterThanOrEqual(before);
    expect(run.startedAt).toBeLessThan(restartedAt);
    expect(run.endedAt).toBeGreaterThanOrEqual(restartedAt);
    expect(run.endedAt).toBeLessThanOrEqual(after);
    expect(readRunSheet(reader.doc).current?.stepId).toBe(second.id);
    leave(reader);
  });

  it("checks each agenda change before any work: bounds, unknown steps, the running step", async () => {
    const app = await relay();
    const { board, control, mapId, stages } = await boardWithControlReader(app);
    const steps = (await sheet(app, board, { action: "default", mapId })).body.steps as RunSheetStep[];
    const [first, second] = steps;
    if (!first || !second) throw new Error("the default agenda has steps");
    const refused = async (body: unknown, status: number, error: RegExp) => {
      const answer = await sheet(app, board, body);
      expect({ status: answer.status, error: answer.body.error }).toEqual({
        status,
        error: expect.stringMatching(error),
      });
    };
    await refused({ action: "add", step: { title: "", mapId, timeBoxMinutes: 5, mode: "discuss" } }, 400, /title/);
    await refused(
      { action: "add", step: { title: "Long", mapId, timeBoxMinutes: 999, mode: "discuss" } },
      400,
      /timeBox/,
    );
    await refused(
      { action: "add", step: { title: "Gone", mapId, stageId: "nope", timeBoxMinutes: 5, mode: "discuss" } },
      409,
      /no such stage/,
    );
    await refused(
      { action: "add", step: { title: "Elsewhere", mapId: "nope", timeBoxMinutes: 5, mode: "vote" } },
      409,
      /no such map/,
    );
    await refused({ action: "start", stepId: "nope", from: null }, 409, /no such step/);
    await refused({ action: "dance" }, 400, /send/);
    await refused(
      { action: "add", step: { title: "x".repeat(5000), mapId, timeBoxMinutes: 5, mode: "discuss" } },
      413,
      /bytes/,
    );
    for (let i = steps.length; i < 29; i++)
      await addStep(app, board, { title: `Step ${i}`, mapId, stageId: stages[0], mode: "discuss" });
    // Two facilitators add the 30th step at the same instant: one fits, the other is refused.
    const last = { title: "Last", mapId, timeBoxMinutes: 5, mode: "discuss" };
    const both = await Promise.all([
      sheet(app, board, { action: "add", step: last }),
      sheet(app, board, { action: "add", step: last }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    await refused(
      { action: "add", step: { title: "One more", mapId, timeBoxMinutes: 5, mode: "discuss" } },
      409,
      /at most 30/,
    );
    expect((await sheet(app, board, { action: "start", stepId: first.id, from: null })).status).toBe(200);
    await refused({ action: "remove", stepId: first.id }, 409, /running/);
    await refused({ action: "default", mapId }, 409, /finish the session/);
    const moved = await sheet(app, board, { action: "move", stepId: second.id, to: 0 });
    expect((moved.body.steps as RunSheetStep[]).slice(0, 2).map((s) => s.id)).toEqual([second.id, first.id]);
    const edited = await sheet(app, board, {
      action: "edit",
      stepId: second.id,
      step: { ...second, title: "Who is it for?" },
    });
    expect((edited.body.steps as RunSheetStep[])[0]).toEqual({ ...second, title: "Who is it for?" });
    await eventually(() => expect(readRunSheet(control.doc).steps).toHaveLength(30));
    leave(control);
  });

  it("settles a step edited and removed at the same instant the same way in either order", async () => {
    const app = await relay();
    const { board, control, mapId } = await boardWithControlReader(app);
    const steps = (await sheet(app, board, { action: "default", mapId })).body.steps as RunSheetStep[];
    const [first, second] = steps;
    if (!first || !second) throw new Error("the default agenda has steps");
    const other = { ...board };
    const edit = (key: BoardKey) =>
      sheet(app, key, { action: "edit", stepId: second.id, step: { ...second, title: "Renamed" } });
    const remove = (key: BoardKey) => sheet(app, key, { action: "remove", stepId: second.id });
    for (const [a, b] of [
      [() => edit(board), () => remove(other)],
      [() => remove(board), () => edit(other)],
    ] as const) {
      const answers = await Promise.all([a(), b()]);
      // The removal always stands; an edit that comes after it is told the step is gone.
      expect(
        answers.filter((r) => r.status === 409).every((r) => r.body.error === "no such step on the run-sheet"),
      ).toBe(true);
      await eventually(() => expect(readRunSheet(control.doc).steps.map((s) => s.id)).not.toContain(second.id));
      // Put it back for the other order.
      const restored = await sheet(app, board, { action: "add", step: second, at: 1 });
      const added = (restored.body.steps as RunSheetStep[])[1];
      if (!added) throw new Error("the step is back");
      second.id = added.id;
    }
    // Both facilitators add a step at once: both land, in some order, none lost.
    const adds = await Promise.all(
      ["From Ana", "From Bo"].map((title, i) =>
        sheet(app, i ? other : board, { action: "add", step: { ...first, title } }),
      ),
    );
    expect(adds.map((r) => r.status)).toEqual([200, 200]);
    await eventually(() =>
      expect(
        readRunSheet(control.doc)
          .steps.map((s) => s.title)
          .filter((t) => t.startsWith("From"))
          .sort(),
      ).toEqual(["From Ana", "From Bo"]),
    );
    expect(readRunSheet(control.doc).steps).toHaveLength(steps.length + 2);
    leave(control);
  });

  it("takes over a walk-through whose time box advances: the old box never moves the step's round", async () => {
    const app = await relay();
    const { board, control, mapId, stages } = await boardWithControlReader(app);
    const walk = await addStep(app, board, { title: "Customers", mapId, mode: "walk", round: "Customers" });
    const boxed = { action: "start", mapId, roundName: "Internal experts", onTimeUp: "advance" };
    expect((await postToBoard(app, board, "walkthrough", { ...boxed, timeBoxSeconds: 1 })).status).toBe(201);
    expect((await sheet(app, board, { action: "start", stepId: walk.id, from: null })).status).toBe(200);
    // A marker: another board's box, due after the first one's; relay timers fire in the order they are due.
    const marker = await boardWithControlReader(app);
    const later = { ...boxed, mapId: marker.mapId, timeBoxSeconds: 2 };
    expect((await postToBoard(app, marker.board, "walkthrough", later)).status).toBe(201);
    await eventually(() =>
      expect(app.logs).toContainEqual(expect.objectContaining({ event: "time box ended", board: marker.board.id })),
    );
    expect(readWalkthrough(control.doc)).toMatchObject({ roundName: "Customers", stageId: stages[0] });
    expect(app.logs.filter((l) => l.event === "time box ended" && l.board === board.id)).toEqual([]);
    leave(control, marker.control);
  });

  it("never interleaves a step's start with a vote, a reveal or a stage change from the panels", async () => {
    const app = await relay();
    const { board, control, mapId } = await boardWithControlReader(app);
    const vote = await addStep(app, board, { title: "Vote", mapId, mode: "vote" });
    const opened: string[] = [];
    control.doc.on("update", () => {
      const id = readVote(control.doc)?.voteId;
      if (id && !opened.includes(id)) opened.push(id);
    });
    // The step opens a vote; the voting panel opens one at the same instant: one of them is refused.
    const [step, panel] = await Promise.all([
      sheet(app, board, { action: "start", stepId: vote.id, from: null }),
      postToBoard(app, board, "voting", { action: "open", mapId }),
    ]);
    expect(step.status).toBe(200);
    expect(panel.status).toBe(409);
    await eventually(() => expect(readVote(control.doc)?.status).toBe("open"));
    expect(opened).toHaveLength(1);
    leave(control);
  });
});
