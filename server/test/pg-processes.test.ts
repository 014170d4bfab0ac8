import { addNote, noteIds } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import { readConfig } from "../src/config.js";
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
  postToBoard,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";
import { postgresPerFile } from "./postgres-per-file.js";

/** Two relays on one PostgreSQL database: what they share through it before Redis carries live edits. */

const postgres = postgresPerFile();

const apps = appsClosedAfterEach();
const SECRET = "a link key both relays sign with, 32+ chars";

async function relayOn(databaseUrl: string): Promise<TestApp> {
  // Dots as fast as the test sends them: the rate limit per participant is not what is tested here.
  const { http } = readConfig({ MAX_DOTS_PER_SECOND: "1000" });
  const app = await startTestApp({ databaseUrl, secret: SECRET, http });
  apps.push(app);
  return app;
}

function dot(app: TestApp, key: BoardKey, voteId: unknown, action: string, noteId?: string) {
  return postToBoard(app, key, "voting/dots", { voteId, participant: key.participant, action, noteId });
}

describe("relays sharing PostgreSQL", () => {
  it("take turns on a board's facilitation through its advisory lock: a voter's dots placed on both at once are both kept", async () => {
    const databaseUrl = await postgres.database();
    const [a, b] = [await relayOn(databaseUrl), await relayOn(databaseUrl)];
    const board = await createBoardOn(a);
    const content = connect(a, board);
    await synced(content);
    const map = firstMap(content.doc);
    const [x, y] = [0, 1].map(() => addNote(map, { cell: null, x: 0, y: 0, author: "test", kind: "pain-point" }));
    const vote = await postToBoard(a, board, "voting", { action: "open", mapId: map.id, budget: 2 });
    expect(vote.status).toBe(201);
    const voter = await connectedParticipant(a, await linkFor(a, board, "editor"));
    // The voter is connected to both relays; B loads the board, with the open vote, from PostgreSQL.
    const onB = connect(b, voter.key);
    await synced(onB);
    await eventually(() => expect(noteIds(firstMap(onB.doc))).toEqual(expect.arrayContaining([x, y])));

    // Two dots at the same instant, one through each relay, each of which reads the ballot and writes it
    // back: without one lock across both, the later write drops the other's dot. Then both come off again.
    const { voteId } = vote.body;
    const kept: string[][] = [];
    for (let round = 0; round < 40; round++) {
      const placed = await Promise.all([dot(a, voter.key, voteId, "place", x), dot(b, voter.key, voteId, "place", y)]);
      expect(placed.map((answer) => answer.status)).toEqual([200, 200]);
      const mine = (await dot(a, voter.key, voteId, "list")).body.dots as string[];
      kept.push([...mine].sort());
      for (const noteId of mine) expect((await dot(a, voter.key, voteId, "remove", noteId)).status).toBe(200);
    }
    expect(kept).toEqual(kept.map(() => [x, y].sort()));
    leave(content, onB, voter.socket);
  });
});
