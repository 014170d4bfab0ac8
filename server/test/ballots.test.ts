import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  addNote,
  listSegments,
  listStages,
  noteIds,
  readScoring,
  readVote,
  type ScoringRound,
  type Vote,
  writeScoring,
  writeVote,
} from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Poll } from "../src/store/ballots.js";
import { MemoryBallotBox } from "../src/store/ballots-memory.js";
import {
  appsClosedAfterEach,
  type BoardKey,
  connect,
  connectedParticipant,
  createBoardOn,
  eventually,
  firstMap,
  leave,
  linkFor,
  type Participant,
  postToBoard,
  relaysStartedPerTest,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";

/** Participants' private crowd scores and dots, kept in the relay's ballot box while their round or vote is open. */

const start = relaysStartedPerTest();
const boxed = appsClosedAfterEach();

/** A board with an open crowd-scoring round and an open dot vote on its first map, which holds two notes. */
async function pollsOn(app: TestApp) {
  const board = await createBoardOn(app);
  const control = connect(app, board, new Y.Doc(), `${board.id}/control`);
  const content = connect(app, board);
  await Promise.all([synced(control), synced(content)]);
  const map = firstMap(content.doc);
  const stage = listStages(map)[0]?.id ?? "";
  const notes = [0, 1].map(() => addNote(map, { cell: null, x: 0, y: 0, author: "test", kind: "pain-point" }));
  const round = await postToBoard(app, board, "scoring", {
    action: "open",
    mapId: map.id,
    segmentId: listSegments(map)[0]?.id,
  });
  const vote = await postToBoard(app, board, "voting", { action: "open", mapId: map.id, budget: 2 });
  expect([round.status, vote.status]).toEqual([201, 201]);
  const editor = await linkFor(app, board, "editor");
  return {
    board,
    control,
    content,
    editor,
    stage,
    notes,
    mapId: map.id,
    roundId: round.body.roundId as string,
    voteId: vote.body.voteId as string,
  };
}

/** A participant whose live copy of the board holds `notes`: the relay, which checks each dot, has them too. */
async function voterSeeing(app: TestApp, link: BoardKey, notes: string[]) {
  const voter = await connectedParticipant(app, link);
  await eventually(() => expect(notes.filter((id) => !noteIds(firstMap(voter.socket.doc)).includes(id))).toEqual([]));
  return voter;
}

function scores(app: TestApp, key: BoardKey, roundId: string, stageScores: Record<string, number>) {
  return postToBoard(app, key, "scoring/mine", { roundId, participant: key.participant, scores: stageScores }, "PUT");
}

function dot(app: TestApp, key: BoardKey, voteId: string, noteId: string) {
  return postToBoard(app, key, "voting/dots", { voteId, participant: key.participant, action: "place", noteId });
}

/** A relay whose ballot box the test can read. */
async function startWithBox(box: MemoryBallotBox): Promise<TestApp> {
  const app = await startTestApp({}, { ballots: box });
  boxed.push(app);
  return app;
}

/** Which files under `dir` hold `needle` in their raw bytes. */
async function filesHolding(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && (await readFile(join(entry.parentPath, entry.name))).includes(needle)) found.push(entry.name);
  }
  return found;
}

describe("ballots in the store", () => {
  it("keeps ballots in memory only: a relay restarted during an open round and vote counts none of those cast before", async () => {
    const app = await start();
    const { board, control, content, editor, stage, notes, roundId, voteId } = await pollsOn(app);
    const [ana, ben, cy] = await Promise.all([0, 1, 2].map(() => voterSeeing(app, editor, notes)));
    if (!ana || !ben || !cy) throw new Error("no participants");
    const [first, second] = notes as [string, string];
    const sent = await Promise.all([
      scores(app, ana.key, roundId, { [stage]: 3 }),
      scores(app, ben.key, roundId, { [stage]: -1 }),
      scores(app, cy.key, roundId, { [stage]: 1 }),
      dot(app, ana.key, voteId, first),
      dot(app, ben.key, voteId, first),
      dot(app, cy.key, voteId, second),
    ]);
    expect(sent.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    leave(control, content, ana.socket, ben.socket, cy.socket);
    await app.close();

    const restarted = await start({ dataDir: app.dataDir });
    const round = await postToBoard(restarted, board, "scoring", { action: "close" });
    expect(round.status).toBe(200);
    // They were never on disk (a relay on PostgreSQL keeps them there instead: pg-relay.test.ts).
    expect(round.body.participants).toBe(0);
    const vote = await postToBoard(restarted, board, "voting", { action: "close" });
    expect(vote.status).toBe(200);
    expect(vote.body).toMatchObject({ voters: 0 });
    expect([first, second].filter((id) => JSON.stringify(vote.body).includes(id))).toEqual([]);
  });

  for (const order of [
    ["ana", "ben"],
    ["ben", "ana"],
  ] as const) {
    it(`counts two participants' scores and dots sent at the same instant, both kept in the store (${order.join(" first, then ")})`, async () => {
      const app = await start();
      const { board, control, content, editor, stage, notes, roundId, voteId } = await pollsOn(app);
      const voters = { ana: await voterSeeing(app, editor, notes), ben: await voterSeeing(app, editor, notes) };
      const [first] = notes as [string];
      const sent = await Promise.all(
        order.flatMap((name) => [
          scores(app, voters[name].key, roundId, { [stage]: name === "ana" ? 2 : -2 }),
          dot(app, voters[name].key, voteId, first),
        ]),
      );
      expect(sent.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      await eventually(() => expect(readScoring(control.doc)?.submitted).toBe(2));
      await eventually(() => expect(readVote(control.doc)?.counts).toEqual({ [first]: 2 }));
      const round = await postToBoard(app, board, "scoring", { action: "close" });
      expect(round.body.participants).toBe(2);
      expect((round.body.stages as Record<string, { count: number }>)[stage]?.count).toBe(2);
      const vote = await postToBoard(app, board, "voting", { action: "close" });
      expect(vote.body).toMatchObject({ voters: 2, counts: { [first]: 2 } });
      leave(control, content, voters.ana.socket, voters.ben.socket);
    });
  }

  it("drops a closed round's and a closed vote's ballots, which no file of the data directory ever held", async () => {
    const box = new MemoryBallotBox();
    const app = await startWithBox(box);
    const { board, control, content, editor, stage, notes, roundId, voteId } = await pollsOn(app);
    const ana = await voterSeeing(app, editor, notes);
    expect((await scores(app, ana.key, roundId, { [stage]: 3 })).status).toBe(200);
    expect((await dot(app, ana.key, voteId, notes[0] ?? "")).status).toBe(200);
    // Ana's ballot, as the box holds it: in memory while the round is open, in no file.
    const ballot = JSON.stringify({ scores: { [stage]: 3 }, shareAs: null });
    expect(box.openPolls).toBe(2);
    expect(await filesHolding(app.dataDir, `"${stage}":3`)).toEqual([]);

    expect((await postToBoard(app, board, "scoring", { action: "close" })).status).toBe(200);
    expect((await postToBoard(app, board, "voting", { action: "close" })).status).toBe(200);
    leave(control, content, ana.socket);
    expect(box.openPolls).toBe(0);
    await app.close();
    expect(await filesHolding(app.dataDir, ballot)).toEqual([]);
    expect(await filesHolding(app.dataDir, ana.key.participantId)).toEqual([]);
  });

  it("drops a superseded round's and vote's ballots at the first ballot of the one written over them", async () => {
    const box = new MemoryBallotBox();
    const app = await startWithBox(box);
    const { board, control, content, editor, stage, notes, roundId, voteId } = await pollsOn(app);
    const ana = await voterSeeing(app, editor, notes);
    const [first, second] = notes as [string, string];
    expect((await scores(app, ana.key, roundId, { [stage]: 3 })).status).toBe(200);
    expect((await dot(app, ana.key, voteId, first)).status).toBe(200);

    // A facilitator's client writes a new round and a new vote over the open ones in the control document.
    const round = readScoring(control.doc) as ScoringRound;
    const vote = readVote(control.doc) as Vote;
    control.doc.transact(() => {
      writeScoring(control.doc, { ...round, roundId: "next-round", submitted: 0, privateScores: {} }, "test");
      writeVote(control.doc, { ...vote, voteId: "next-vote", voters: 0, counts: {} }, "test");
    });
    const reader: Participant = connect(app, board, new Y.Doc(), `${board.id}/control`);
    await eventually(() => expect(readVote(reader.doc)?.voteId).toBe("next-vote"));
    expect((await scores(app, ana.key, "next-round", { [stage]: -1 })).status).toBe(200);
    expect((await dot(app, ana.key, "next-vote", second)).status).toBe(200);
    leave(control, content, reader, ana.socket);
    expect(box.openPolls).toBe(2);
    const poll = <K extends "scoring" | "voting">(kind: K, pollId: string): Poll<K> => ({
      boardId: board.id,
      kind,
      pollId,
    });
    expect(await box.ballots(poll("scoring", roundId))).toEqual([]);
    expect(await box.ballots(poll("voting", voteId))).toEqual([]);
    expect(await box.ballots(poll("scoring", "next-round"))).toEqual([{ scores: { [stage]: -1 }, shareAs: null }]);
    expect(await box.ballots(poll("voting", "next-vote"))).toEqual([[second]]);
  });
});
