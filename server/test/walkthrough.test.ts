import { readFeedback, readRounds, readWalkthrough } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import {
  type BoardKey,
  boardWithControlReader,
  connectedParticipant,
  eventually,
  joinAsParticipant,
  linkFor,
  postToBoard,
  relayEachTest,
  type TestApp,
} from "./helpers.js";

let app: TestApp;
relayEachTest((started) => {
  app = started;
});

const call = (path: string, key: BoardKey, body: unknown) => postToBoard(app, key, path, body);

/** A browser that joined with a link and holds a live connection to the board. */
const participantOn = async (link: BoardKey) => (await connectedParticipant(app, link)).key;

describe("walk-through", () => {
  it("refuses every facilitator action to an editor and a viewer, and changes nothing", async () => {
    const { board, control, mapId, stages } = await boardWithControlReader(app);
    const editor = await linkFor(app, board, "editor");
    const viewer = await linkFor(app, board, "viewer");
    const actions = [
      { action: "start", mapId, roundName: "Internal experts" },
      { action: "next" },
      { action: "previous" },
      { action: "go", stageId: stages[2] },
      { action: "timebox", timeBoxSeconds: 60, onTimeUp: "advance" },
      { action: "gather", rect: { x: 0, y: 0, w: 100, h: 100 } },
      { action: "end" },
    ];
    for (const other of [editor, viewer]) {
      for (const body of actions) expect((await call("walkthrough", other, body)).status).toBe(403);
    }
    expect(readWalkthrough(control.doc)).toBeNull();
    // Started by the facilitator, it still cannot be moved or ended by the others.
    expect((await call("walkthrough", board, actions[0])).status).toBe(201);
    for (const other of [editor, viewer]) {
      for (const body of actions) expect((await call("walkthrough", other, body)).status).toBe(403);
    }
    await eventually(() => expect(readWalkthrough(control.doc)?.stageId).toBe(stages[0]));
    expect(readWalkthrough(control.doc)).toMatchObject({ status: "running", timeBoxSeconds: null, gather: null });
  });

  it("walks a named round stage by stage, each stage timed from when the relay moved to it", async () => {
    const { board, control, mapId, stages } = await boardWithControlReader(app);
    const before = Date.now();
    const started = await call("walkthrough", board, {
      action: "start",
      mapId,
      roundName: "  Sales team ",
      timeBoxSeconds: 90,
      onTimeUp: "advance",
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ roundName: "Sales team", stageId: stages[0], timeBoxSeconds: 90 });
    expect(started.body.stageStartedAt).toBeGreaterThanOrEqual(before);
    expect((await call("walkthrough", board, { action: "next" })).body.stageId).toBe(stages[1]);
    expect((await call("walkthrough", board, { action: "go", stageId: stages[3] })).body.stageId).toBe(stages[3]);
    expect((await call("walkthrough", board, { action: "previous" })).body.stageId).toBe(stages[2]);
    expect((await call("walkthrough", board, { action: "go", stageId: "not-a-stage" })).status).toBe(409);
    expect((await call("walkthrough", board, { action: "start", mapId, roundName: " " })).status).toBe(409);
    expect((await call("walkthrough", board, { action: "go" })).status).toBe(400);

    // A time box running out and the facilitator clicking "Next" at the same instant move one stage, not two.
    const from = stages[2];
    const raced = await Promise.all([
      call("walkthrough", board, { action: "next", from }),
      call("walkthrough", board, { action: "next", from }),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
    await eventually(() => expect(readWalkthrough(control.doc)?.stageId).toBe(stages[3]));
    expect(readRounds(control.doc).map((r) => r.name)).toEqual(["Sales team"]);

    expect((await call("walkthrough", board, { action: "end" })).body.status).toBe("ended");
    expect((await call("walkthrough", board, { action: "next" })).status).toBe(409);
  });
});

describe("feedback", () => {
  it("is stamped with the relay's participant id and the running round; a forged author is ignored", async () => {
    const { board, control, mapId, stages } = await boardWithControlReader(app);
    const editor = await linkFor(app, board, "editor");
    const viewer = await linkFor(app, board, "viewer");
    const [ana, bo] = await Promise.all([participantOn(editor), participantOn(editor)]);
    if (!ana || !bo) throw new Error("no participants");
    const first = stages[0] as string;
    // No round yet: nothing is filed.
    const early = await call("feedback", ana, { participant: ana.participant, stageId: first, text: "Too early" });
    expect(early.status).toBe(409);
    const round = await call("walkthrough", board, { action: "start", mapId, roundName: "Internal experts" });
    const roundId = round.body.roundId as string;

    const forged = await call("feedback", ana, {
      participant: ana.participant,
      stageId: first,
      text: "Hard to tell what we sell",
      name: "Ana",
      participantId: bo.participantId,
      roundId: "a-round-of-my-own",
      author: "Bo",
    });
    expect(forged.status).toBe(201);
    // Two participants at the same instant: both are kept.
    const both = await Promise.all([
      call("feedback", ana, { participant: ana.participant, stageId: first, text: "A", name: "Ana" }),
      call("feedback", bo, { participant: bo.participant, stageId: first, text: "B", name: "Bo" }),
    ]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    await eventually(() => expect(readFeedback(control.doc)).toHaveLength(3));
    const filed = readFeedback(control.doc);
    expect(filed[0]).toMatchObject({
      participantId: ana.participantId,
      roundId,
      stageId: first,
      name: "Ana",
      text: "Hard to tell what we sell",
    });
    expect(filed.find((f) => f.text === "B")?.participantId).toBe(bo.participantId);

    // Someone else's credential, a credential not connected, a viewer, no credential, another stage: refused.
    const stranger = await joinAsParticipant(app, editor);
    const refusals = await Promise.all([
      call("feedback", stranger, { participant: stranger.participant, stageId: first, text: "x" }),
      call("feedback", ana, { stageId: first, text: "x" }),
      call("feedback", viewer, { participant: ana.participant, stageId: first, text: "x" }),
      call("feedback", ana, { participant: ana.participant, stageId: stages[1], text: "x" }),
      call("feedback", ana, { participant: `${ana.participant}x`, stageId: first, text: "x" }),
    ]);
    expect(refusals.map((r) => r.status)).toEqual([409, 401, 403, 409, 403]);
    expect(readFeedback(control.doc)).toHaveLength(3);
  });
});
