import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addNote, CloseCode, noteIds } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import { readConfig } from "../src/config.js";
import {
  appsClosedAfterEach,
  connect,
  connectedParticipant,
  createBoardOn,
  eventually,
  firstMap,
  leave,
  linkFor,
  noteOn,
  notesOf,
  postToBoard,
  startTestApp,
  synced,
} from "./helpers.js";
import { postgresPerFile } from "./postgres-per-file.js";
import { freePort } from "./services/ports.js";

/** The relay with DATABASE_URL: boards in PostgreSQL, the link key from SECRET. */

const postgres = postgresPerFile();

const apps = appsClosedAfterEach();
const SECRET = "a link key of at least thirty-two characters";

async function relayOn(databaseUrl: string) {
  const app = await startTestApp({ databaseUrl, secret: SECRET, storeRetrySeconds: 1 });
  apps.push(app);
  return app;
}

describe("the relay on PostgreSQL", () => {
  it("stores a board in PostgreSQL, and serves it again after a restart (nothing in the data directory)", async () => {
    const databaseUrl = await postgres.database();
    const first = await relayOn(databaseUrl);
    const board = await createBoardOn(first);
    const writer = connect(first, board);
    const witness = connect(first, board);
    await Promise.all([synced(writer), synced(witness)]);
    noteOn(writer.doc, "kept in PostgreSQL");
    // Relayed only once stored: what the witness sees is in the database.
    await eventually(() => expect(notesOf(witness.doc)).toEqual(["kept in PostgreSQL"]));
    leave(writer, witness);
    await first.close();
    expect(existsSync(join(first.dataDir, "boards"))).toBe(false);

    const second = await relayOn(databaseUrl);
    const reader = connect(second, board);
    await synced(reader);
    expect(notesOf(reader.doc)).toEqual(["kept in PostgreSQL"]);
    leave(reader);
  });

  it("PostgreSQL stopped mid-session: nothing unstored is relayed, clients keep their edits, and all converge once it is back", async () => {
    const databaseUrl = await postgres.database();
    const app = await relayOn(databaseUrl);
    const board = await createBoardOn(app);
    const writer = connect(app, board);
    const witness = connect(app, board);
    await Promise.all([synced(writer), synced(witness)]);
    noteOn(writer.doc, "before");
    await eventually(() => expect(notesOf(witness.doc)).toEqual(["before"]));
    const closes: number[] = [];
    writer.provider.on("connection-close", (event: CloseEvent | null) => closes.push(event?.code ?? 0));

    await postgres.stop();
    try {
      noteOn(writer.doc, "while it was down");
      await eventually(() => expect(closes).toContain(CloseCode.serverError));
      const ready = await fetch(`${app.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { reason: string }).reason).toMatch(/PostgreSQL took no write/);
      expect(app.logs).toContainEqual(
        expect.objectContaining({ event: "board store failed", board: board.id, reason: expect.anything() }),
      );
      expect(notesOf(witness.doc)).toEqual(["before"]);
      expect(notesOf(writer.doc)).toEqual(["before", "while it was down"]);
    } finally {
      await postgres.start();
    }
    await eventually(() => expect(notesOf(witness.doc)).toEqual(["before", "while it was down"]), 20_000);
    leave(writer, witness);
    await app.close();

    const restarted = await relayOn(databaseUrl);
    const reader = connect(restarted, board);
    await synced(reader);
    expect(notesOf(reader.doc)).toEqual(["before", "while it was down"]);
    leave(reader);
  });

  it("keeps a participant's dots in PostgreSQL's ballot box across a restart, counted when the vote closes", async () => {
    const databaseUrl = await postgres.database();
    const app = await relayOn(databaseUrl);
    const board = await createBoardOn(app);
    const content = connect(app, board);
    await synced(content);
    const map = firstMap(content.doc);
    const note = addNote(map, { cell: null, x: 0, y: 0, author: "test", kind: "pain-point" });
    const vote = await postToBoard(app, board, "voting", { action: "open", mapId: map.id, budget: 2 });
    expect(vote.status).toBe(201);
    const voter = await connectedParticipant(app, await linkFor(app, board, "editor"));
    await eventually(() => expect(noteIds(firstMap(voter.socket.doc))).toContain(note));
    const dot = { voteId: vote.body.voteId, participant: voter.key.participant, action: "place", noteId: note };
    expect((await postToBoard(app, voter.key, "voting/dots", dot)).status).toBe(200);
    leave(content, voter.socket);
    await app.close();

    const restarted = await relayOn(databaseUrl);
    const closed = await postToBoard(restarted, board, "voting", { action: "close" });
    expect(closed).toMatchObject({ status: 200, body: { voters: 1, counts: { [note]: 1 } } });
  });
});

describe("PostgreSQL settings", () => {
  it("DATABASE_URL takes a PostgreSQL URL, needs SECRET or SECRET_FILE, and refuses REPAIR_DATA", () => {
    expect(readConfig({}).databaseUrl).toBeUndefined();
    const url = "postgresql://journeyboard:pw@db.example:5432/boards";
    expect(readConfig({ DATABASE_URL: url, SECRET }).databaseUrl).toBe(url);
    expect(() => readConfig({ DATABASE_URL: url })).toThrow(
      /the key that signs links must come from SECRET or SECRET_FILE/,
    );
    expect(readConfig({ DATABASE_URL: url, SECRET_FILE: "/etc/journeyboard/secret.key" })).toMatchObject({
      databaseUrl: url,
      secretFile: "/etc/journeyboard/secret.key",
    });
    expect(() => readConfig({ SECRET, SECRET_FILE: "/etc/journeyboard/secret.key" })).toThrow(
      "set SECRET or SECRET_FILE, not both",
    );
    expect(() => readConfig({ DATABASE_URL: "mysql://db/boards", SECRET })).toThrow(
      "DATABASE_URL must start with postgresql://, not mysql://",
    );
    expect(() => readConfig({ DATABASE_URL: "db.example", SECRET })).toThrow(/PostgreSQL connection string/);
    expect(() => readConfig({ DATABASE_URL: url, SECRET, REPAIR_DATA: "1" })).toThrow(/REPAIR_DATA/);
  });

  it("an unreachable database stops the start with a reason that names it, not its password", async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(join(tmpdir(), "journeyboard-"));
    const databaseUrl = `postgresql://u:hidden@127.0.0.1:${port}/boards`;
    const start = startTestApp({ dataDir, databaseUrl, secret: SECRET });
    await expect(start).rejects.toThrow(
      `PostgreSQL at 127.0.0.1:${port}/boards could not be used: connect ECONNREFUSED`,
    );
    await expect(start).rejects.not.toThrow(/hidden/);
    await rm(dataDir, { recursive: true });
  });
});
