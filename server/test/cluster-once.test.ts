import {
  addNote,
  listSegments,
  listStages,
  noteIds,
  type RunSheetStep,
  readCrowd,
  readRunSheet,
  readStageVisits,
  readStepRuns,
  readTimers,
  readVote,
  readWalkthrough,
} from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { clusterEachTest } from "./cluster-helpers.js";
import {
  type BoardKey,
  connect,
  connectedParticipant,
  createBoardOn,
  eventually,
  firstMap,
  leave,
  linkFor,
  postToBoard,
  type Relay,
  synced,
} from "./helpers.js";

/** Two relay processes on one PostgreSQL and one Redis: what is one-at-a-time on one stays so across both. */

const cluster = clusterEachTest();

function controlOn(relay: Relay, board: BoardKey) {
  const participant = connect(relay, board, new Y.Doc(), `${board.id}/control`);
  cluster.participants.push(participant);
  return participant;
}

/** A board on `relay`, its first map's id, stage ids and first segment, and notes of the kinds given. */
async function boardOn(relay: Relay, noteKinds: "pain-point"[] = []) {
  const board = await createBoardOn(relay);
  const content = connect(relay, board);
  await synced(content);
  const map = firstMap(content.doc);
  const notes = noteKinds.map((kind) => addNote(map, { cell: null, x: 0, y: 0, author: "test", kind }));
  // The relay stores before it relays: once another client holds the notes, either process finds them.
  const reader = connect(relay, board);
  await eventually(() => expect(noteIds(firstMap(reader.doc))).toEqual(expect.arrayContaining(notes)));
  leave(content, reader);
  const segmentId = listSegments(map)[0]?.id ?? "";
  return { board, mapId: map.id, stages: listStages(map).map((s) => s.id), segmentId, notes };
}

/** `count` participants joined with an editor link, each on the relay given for them in turn. */
async function participantsOn(relays: Relay[], board: BoardKey, count: number) {
  const editor = await linkFor(relays[0] as Relay, board, "editor");
  const joined = await Promise.all(
    Array.from({ length: count }, (_, n) => connectedParticipant(relays[n % relays.length] as Relay, editor)),
  );
  cluster.participants.push(...joined.map(({ socket }) => socket));
  return joined.map(({ key }, n) => ({ key, relay: relays[n % relays.length] as Relay }));
}

const walk = (relay: Relay, board: BoardKey, body: unknown) => postToBoard(relay, board, "walkthrough", body);

describe("one at a time across relay processes", () => {
  // Eight boxes of two seconds take 16 s, near the default 20 s limit on a loaded machine.
  it("a time box that advances moves one stage per box with both processes holding the walk-through", async () => {
    const [a, b] = await cluster.relays(2);
    if (!a || !b) throw new Error("two relays");
    const { board, mapId, stages } = await boardOn(a);
    const onA = controlOn(a, board);
    await synced(onA);
    const start = { action: "start", mapId, roundName: "Customers", timeBoxSeconds: 2, onTimeUp: "advance" };
    const started = await walk(a, board, start);
    expect(started.status).toBe(201);
    // B loads the control document with the walk-through in it, and arms its alarm too.
    const onB = controlOn(b, board);
    await synced(onB);
    expect(readWalkthrough(onB.doc)?.roundId).toBe(started.body.roundId);

    await eventually(() => expect(readWalkthrough(onA.doc)?.stageId).toBe(stages.at(-1)), 30_000);
    const visits = readStageVisits(onA.doc).filter((visit) => visit.roundId === started.body.roundId);
    console.log(`stages visited: ${visits.map((v) => `${v.endedAt - v.startedAt} ms`).join(", ")}`);
    expect(visits.map((visit) => visit.stageId)).toEqual(stages.slice(0, -1));
    // Each stage had its whole box: a second advance would have cut the next stage short.
    for (const visit of visits) expect(visit.endedAt - visit.startedAt).toBeGreaterThanOrEqual(2000);
  }, 60_000);

  it("a time box lengthened through one process does not end early on the other", async () => {
    const [a, b] = await cluster.relays(2);
    if (!a || !b) throw new Error("two relays");
    const { board, mapId, stages } = await boardOn(a);
    const onA = controlOn(a, board);
    const onB = controlOn(b, board);
    await Promise.all([synced(onA), synced(onB)]);
    const start = { action: "start", mapId, roundName: "Sales", timeBoxSeconds: 1, onTimeUp: "advance" };
    const started = await walk(a, board, start);
    expect(started.status).toBe(201);
    // The same stage, the same start: only the box changed, on B.
    const longer = await walk(b, board, { action: "timebox", timeBoxSeconds: 60, onTimeUp: "advance" });
    expect(longer.body).toMatchObject({ stageId: stages[0], stageStartedAt: started.body.stageStartedAt });
    await eventually(() => expect(readWalkthrough(onA.doc)?.timeBoxSeconds).toBe(60));
    // Twice the first box: a negative needs a wait.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(readWalkthrough(onA.doc)?.stageId).toBe(stages[0]);
    expect(readWalkthrough(onB.doc)?.stageId).toBe(stages[0]);
  });

  it("a crowd-scoring round opened on A and closed on B counts everyone who scored on either, and a score at the closing instant is counted or refused", async () => {
    const [a, b] = await cluster.relays(2);
    if (!a || !b) throw new Error("two relays");
    const { board, mapId, segmentId, stages } = await boardOn(a);
    const [need] = stages;
    if (need === undefined) throw new Error("the map has stages");
    const control = controlOn(b, board);
    const opened = await postToBoard(a, board, "scoring", { action: "open", mapId, segmentId });
    expect(opened.status).toBe(201);
    const { roundId } = opened.body;
    const scorers = await participantsOn([a, b], board, 7);
    const score = ({ key, relay }: (typeof scorers)[number], value: number) =>
      postToBoard(
        relay,
        key,
        "scoring/mine",
        { roundId, participant: key.participant, scores: { [need]: value } },
        "PUT",
      );
    const [late, ...early] = scorers;
    if (!late) throw new Error("scorers");
    // Six at the same instant, three through each process.
    const scored = await Promise.all(early.map((scorer, n) => score(scorer, n - 3)));
    expect(scored.map((answer) => answer.status)).toEqual(early.map(() => 200));
    // The last score arrives through A as B closes: counted when accepted, refused otherwise.
    const [last, closed] = await Promise.all([score(late, 3), postToBoard(b, board, "scoring", { action: "close" })]);
    expect(closed.status).toBe(200);
    expect([200, 409]).toContain(last.status);
    const everyone = last.status === 200 ? 7 : 6;
    await eventually(() => expect(readCrowd(control.doc, mapId, segmentId)?.participants).toBe(everyone));
    const values = [-3, -2, -1, 0, 1, 2, ...(last.status === 200 ? [3] : [])];
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(readCrowd(control.doc, mapId, segmentId)?.stages[need]).toMatchObject({ count: everyone });
    expect(readCrowd(control.doc, mapId, segmentId)?.stages[need]?.mean).toBeCloseTo(mean);
  });

  it("a dot vote opened on A and closed on B counts the dots placed through both, and a dot at the closing instant is counted or refused", async () => {
    const [a, b] = await cluster.relays(2);
    if (!a || !b) throw new Error("two relays");
    const { board, mapId, notes } = await boardOn(a, ["pain-point", "pain-point"]);
    const [x, y] = notes as [string, string];
    const control = controlOn(b, board);
    const vote = await postToBoard(a, board, "voting", { action: "open", mapId, budget: 2 });
    expect(vote.status).toBe(201);
    const { voteId } = vote.body;
    const voters = await participantsOn([a, b], board, 4);
    const dot = ({ key, relay }: (typeof voters)[number], noteId: string) =>
      postToBoard(relay, key, "voting/dots", { voteId, participant: key.participant, action: "place", noteId });
    // Every voter's first dot at the same instant, two through each process.
    const first = await Promise.all(voters.map((voter) => dot(voter, x)));
    expect(first.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    // Their second dots arrive as B closes the vote: each counted when accepted, refused otherwise.
    const [closed, ...second] = await Promise.all([
      postToBoard(b, board, "voting", { action: "close" }),
      ...voters.map((voter) => dot(voter, y)),
    ]);
    expect(closed.status).toBe(200);
    for (const answer of second) expect([200, 409]).toContain(answer.status);
    const onY = second.filter((answer) => answer.status === 200).length;
    console.log(`second dots counted: ${onY} of 4`);
    await eventually(() => expect(readVote(control.doc)?.status).toBe("closed"));
    const ranking = readVote(control.doc)?.ranking ?? [];
    expect(Object.fromEntries(ranking.map(({ noteId, dots }) => [noteId, dots]))).toEqual({
      [x]: 4,
      ...(onY > 0 ? { [y]: onY } : {}),
    });
    expect(readVote(control.doc)?.voters).toBe(4);
  });

  it("two next steps of the run-sheet at the same instant, one through each process: one moves, the other is refused", async () => {
    const [a, b] = await cluster.relays(2);
    if (!a || !b) throw new Error("two relays");
    const { board, mapId } = await boardOn(a);
    const control = controlOn(a, board);
    const steps = (await postToBoard(a, board, "runsheet", { action: "default", mapId })).body.steps as RunSheetStep[];
    const [first] = steps;
    if (!first || steps.length < 3) throw new Error("the default agenda has steps");
    expect((await postToBoard(b, board, "runsheet", { action: "start", stepId: first.id, from: null })).status).toBe(
      200,
    );
    const ran = [first.id];
    // Each round: A asks for the step after the current one, B for the one after that, in both orders.
    for (let round = 0; round < 10; round++) {
      const current = ran.at(-1) ?? "";
      const at = steps.findIndex((step) => step.id === current);
      const [next, later] = [steps[(at + 1) % steps.length], steps[(at + 2) % steps.length]];
      if (!next || !later) throw new Error("steps");
      const ask = (relay: Relay, step: RunSheetStep) =>
        postToBoard(relay, board, "runsheet", { action: "start", stepId: step.id, from: current });
      const answers =
        round % 2 === 0
          ? await Promise.all([ask(a, next), ask(b, later)])
          : await Promise.all([ask(b, later), ask(a, next)]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const won = (round % 2 === 0) === (answers[0].status === 200) ? next : later;
      ran.push(won.id);
      await eventually(() => expect(readRunSheet(control.doc).current?.stepId).toBe(won.id));
    }
    // Every step that ran is in the log once, in order: no refused step left a trace.
    await eventually(() => expect(readStepRuns(control.doc).map((run) => run.stepId)).toEqual(ran.slice(0, -1)));
  });

  it("the facilitator's timer extended through A and B at the same instant keeps both extensions, in both orders", async () => {
    const [a, b] = await cluster.relays(2);
    if (!a || !b) throw new Error("two relays");
    const { board } = await boardOn(a);
    const control = controlOn(a, board);
    const timer = (relay: Relay, body: Record<string, unknown>) =>
      postToBoard(relay, board, "timer", { scope: "session", ...body });
    expect((await timer(b, { action: "start", durationMs: 600_000, label: "Workshop" })).status).toBe(200);
    // Each action reads the timer and writes it back: without one turn across both, one extension is lost.
    for (let round = 1; round <= 6; round++) {
      const [first, second] = round % 2 === 0 ? [a, b] : [b, a];
      const answers = await Promise.all([
        timer(first, { action: "extend", byMs: 60_000 }),
        timer(second, { action: "extend", byMs: 60_000 }),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      await eventually(() => expect(readTimers(control.doc).session?.durationMs).toBe(600_000 + round * 120_000));
    }
  });
});
