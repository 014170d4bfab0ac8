import { listStages, readStageVisits, readWalkthrough } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { clusterEachTest } from "./cluster-helpers.js";
import {
  type BoardKey,
  connect,
  createBoardOn,
  eventually,
  firstMap,
  leave,
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

/** A board on A, its first map's id and stage ids. */
async function boardOn(relay: Relay) {
  const board = await createBoardOn(relay);
  const content = connect(relay, board);
  await synced(content);
  const map = firstMap(content.doc);
  leave(content);
  return { board, mapId: map.id, stages: listStages(map).map((s) => s.id) };
}

const walk = (relay: Relay, board: BoardKey, body: unknown) => postToBoard(relay, board, "walkthrough", body);

describe("one at a time across relay processes", () => {
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
  });

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
});
