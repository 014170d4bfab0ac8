import { join } from "node:path";
import { CloseCode, listLanes, listStages } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { fingerprintOf, keyFile } from "../src/auth/secret.js";
import { createLogger } from "../src/log.js";
import { copyToPostgres } from "../src/store/copy-to-postgres.js";
import { LevelBoardStore } from "../src/store/level-store.js";
import { PgBoardStore } from "../src/store/pg-store.js";
import {
  appsClosedAfterEach,
  closeCodeOf,
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
  socketUrl,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";
import { postgresPerFile } from "./postgres-per-file.js";

/** `pnpm journeyboard migrate-to-postgres`: a data directory's boards, served afterwards from PostgreSQL. */

const postgres = postgresPerFile();

const apps = appsClosedAfterEach();
const SECRET = "the key both relays sign links with, 32+";
const quiet = createLogger("error");

async function copy(dataDir: string, databaseUrl: string, key: Buffer = Buffer.from(SECRET)) {
  const level = await LevelBoardStore.open(dataDir, { log: quiet });
  const postgres = await PgBoardStore.open(databaseUrl, { log: quiet });
  const lines: string[] = [];
  try {
    const summary = await copyToPostgres(level, postgres, fingerprintOf(key), (l) => lines.push(l));
    return { ...summary, lines };
  } finally {
    await Promise.all([level.close(), postgres.close()]);
  }
}

describe("migrate-to-postgres", () => {
  it("copies every board, its control document and link generations; a relay on PostgreSQL serves them with the same links", async () => {
    const onDisk = await startTestApp({ secret: SECRET });
    apps.push(onDisk);
    const first = await createBoardOn(onDisk, "First");
    const second = await createBoardOn(onDisk, "Second");
    const editor = await linkFor(onDisk, first, "editor");
    const writer = connect(onDisk, editor);
    const other = connect(onDisk, second);
    await Promise.all([synced(writer), synced(other)]);
    noteOn(writer.doc, "on the first board");
    noteOn(other.doc, "on the second board");
    const timer = await postToBoard(onDisk, first, "timer", { action: "start", scope: "step", durationMs: 60_000 });
    expect(timer.status).toBe(200);
    // A private note, in the third document, which only the relay reads.
    const ana = await connectedParticipant(onDisk, await linkFor(onDisk, second, "editor"));
    const map = firstMap(other.doc);
    const cell = { stageId: listStages(map)[0]?.id, laneId: listLanes(map)[0]?.id };
    expect(
      (await postToBoard(onDisk, second, "private", { action: "start", mapId: map.id, scope: "board" })).status,
    ).toBe(201);
    const note = { cell, x: 1, y: 2, text: "written privately" };
    const privately = (app: TestApp, body: Record<string, unknown>) =>
      postToBoard(app, ana.key, "private/notes", { participant: ana.key.participant, ...body });
    expect((await privately(onDisk, { action: "create", name: "Ana", note })).status).toBe(200);
    // The editor's link is withdrawn: it must stay withdrawn after the move.
    const control = connect(onDisk, first, new Y.Doc(), `${first.id}/control`);
    await synced(control);
    leave(writer, other, control, ana.socket);
    expect((await postToBoard(onDisk, first, "revoke", { role: "editor" })).status).toBe(200);
    await onDisk.close();

    const databaseUrl = await postgres.database();
    const copied = await copy(onDisk.dataDir, databaseUrl);
    expect(copied.copied.sort()).toEqual([first.id, second.id].sort());
    expect(copied.skipped).toEqual([]);
    const again = await copy(onDisk.dataDir, databaseUrl);
    expect(again).toMatchObject({ copied: [], skipped: expect.arrayContaining([first.id, second.id]) });
    expect(again.lines).toContain(`Skipped board ${first.id}: already in PostgreSQL`);

    const onPostgres = await startTestApp({ databaseUrl, secret: SECRET });
    apps.push(onPostgres);
    const readers = [connect(onPostgres, first), connect(onPostgres, second)];
    const controlReader = connect(onPostgres, first, new Y.Doc(), `${first.id}/control`);
    await Promise.all([...readers, controlReader].map(synced));
    expect(readers.map((reader) => notesOf(reader.doc))).toEqual([["on the first board"], ["on the second board"]]);
    expect(controlReader.doc.getMap("timer").size).toBeGreaterThan(0);
    expect(await closeCodeOf(socketUrl(onPostgres, editor))).toMatchObject({ code: CloseCode.tokenRevoked });
    const anaAgain = connect(onPostgres, ana.key);
    await synced(anaAgain);
    expect((await privately(onPostgres, { action: "list" })).body.notes).toMatchObject([{ text: "written privately" }]);
    // A migrated board takes writes on PostgreSQL like any other.
    noteOn(readers[0]?.doc as Y.Doc, "after the move");
    const witness = connect(onPostgres, first);
    await eventually(() => expect(notesOf(witness.doc)).toEqual(["after the move", "on the first board"]));
    leave(...readers, controlReader, witness, anaAgain);
  });

  it("refuses a SECRET other than the key the boards were made with, copying nothing", async () => {
    const onDisk = await startTestApp({ secret: SECRET });
    apps.push(onDisk);
    await createBoardOn(onDisk);
    await onDisk.close();
    const databaseUrl = await postgres.database();
    await expect(
      copy(onDisk.dataDir, databaseUrl, Buffer.from("another key of thirty-two characters")),
    ).rejects.toThrow(
      /the link key \(SECRET or SECRET_FILE\) is not the one the boards in the data directory were made with/,
    );
    const store = await PgBoardStore.open(databaseUrl, { log: quiet });
    expect(await store.hasBoards()).toBe(false);
    await store.close();
  });

  it("a data directory whose key was generated moves with SECRET_FILE naming its secret.key; its links keep working", async () => {
    const onDisk = await startTestApp();
    apps.push(onDisk);
    const board = await createBoardOn(onDisk);
    const writer = connect(onDisk, board);
    const witness = connect(onDisk, board);
    await Promise.all([synced(writer), synced(witness)]);
    noteOn(writer.doc, "signed with a generated key");
    await eventually(() => expect(notesOf(witness.doc)).toEqual(["signed with a generated key"]));
    leave(writer, witness);
    await onDisk.close();

    const secretFile = join(onDisk.dataDir, "secret.key");
    const databaseUrl = await postgres.database();
    expect((await copy(onDisk.dataDir, databaseUrl, await keyFile(secretFile))).copied).toEqual([board.id]);
    const onPostgres = await startTestApp({ databaseUrl, secretFile });
    apps.push(onPostgres);
    const reader = connect(onPostgres, board);
    await synced(reader);
    expect(notesOf(reader.doc)).toEqual(["signed with a generated key"]);
    leave(reader);
  });
});
