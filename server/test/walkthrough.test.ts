import { readFeedback, readRounds, readWalkthrough } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  appsClosedAfterEach,
  type BoardKey,
  boardWithControlReader,
  connect,
  connectedParticipant,
  eventually,
  joinAsParticipant,
  leave,
  linkFor,
  postToBoard,
  relayEachTest,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";

let app: TestApp;
relayEachTest((started) => {
  app = started;
});
const apps = appsClosedAfterEach();

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

describe("time boxes", () => {
  it("advance on the relay's clock with no page open, one stage per box, and stop at the last stage", async () => {
    const { board, control, mapId, stages } = await boardWithControlReader(app);
    const last = stages.at(-1);
    expect((await call("walkthrough", board, { action: "start", mapId, roundName: "Customers" })).status).toBe(201);
    expect((await call("walkthrough", board, { action: "go", stageId: stages.at(-3) })).status).toBe(200);
    const boxed = await call("walkthrough", board, { action: "timebox", timeBoxSeconds: 1, onTimeUp: "advance" });
    expect(boxed.body.stageId).toBe(stages.at(-3));
    await eventually(() => expect(readWalkthrough(control.doc)?.stageId).toBe(stages.at(-2)));
    const second = readWalkthrough(control.doc);
    await eventually(() => expect(readWalkthrough(control.doc)?.stageId).toBe(last));
    // Each stage had its whole box, counted from when the relay moved to it.
    expect((readWalkthrough(control.doc)?.stageStartedAt ?? 0) - (second?.stageStartedAt ?? 0)).toBeGreaterThanOrEqual(
      1000,
    );
    // At the last stage the box has nowhere to go: the relay writes nothing more (a negative needs a wait).
    const ended = () => app.logs.filter((l) => l.event === "time box ended").length;
    await eventually(() => expect(ended()).toBe(3));
    let writes = 0;
    control.doc.on("update", () => writes++);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(readWalkthrough(control.doc)?.stageId).toBe(last);
    expect([writes, ended()]).toEqual([0, 3]);
  });

  it("warn without moving when the facilitator chose so", async () => {
    const { board, control, mapId, stages } = await boardWithControlReader(app);
    const start = { action: "start", mapId, roundName: "Customers", timeBoxSeconds: 1, onTimeUp: "warn" };
    expect((await call("walkthrough", board, start)).status).toBe(201);
    // Twice the box: a negative needs a wait.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(readWalkthrough(control.doc)).toMatchObject({ stageId: stages[0], onTimeUp: "warn" });
  });

  it("keep advancing after a relay restart, once the board is opened again", async () => {
    const { board, control, mapId, stages } = await boardWithControlReader(app);
    const start = { action: "start", mapId, roundName: "Customers", timeBoxSeconds: 2, onTimeUp: "advance" };
    expect((await call("walkthrough", board, start)).status).toBe(201);
    leave(control);
    await app.close();
    const restarted = await startTestApp({ dataDir: app.dataDir });
    apps.push(restarted);
    const again = connect(restarted, board, new Y.Doc(), `${board.id}/control`);
    await synced(again);
    await eventually(() => expect(readWalkthrough(again.doc)?.stageId).toBe(stages[1]));
    leave(again);
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
