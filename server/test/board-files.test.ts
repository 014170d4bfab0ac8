import {
  addNote,
  type CreatedBoard,
  listSegments,
  listStages,
  readCrowd,
  setEmotion,
  writeCrowd,
} from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { LevelBoardStore } from "../src/store/level-store.js";
import { exported, fileOf, postFile } from "./board-file-helpers.js";
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
  relaysStartedPerTest,
  signedToken,
  synced,
  type TestApp,
} from "./helpers.js";
import { httpWith } from "./http-helpers.js";

const started = relaysStartedPerTest();

/** A board with two notes, a curve point, and a closed crowd result with one score shared by name. */
async function boardWithResults(app: TestApp) {
  const board = await createBoardOn(app, "Bikes & Co");
  const content = connect(app, board);
  const control = connect(app, board, new Y.Doc(), `${board.id}/control`);
  await Promise.all([synced(content), synced(control)]);
  const map = firstMap(content.doc);
  const [stage] = listStages(map);
  const [segment] = listSegments(map);
  if (!stage || !segment) throw new Error("the board has no stage or segment");
  addNote(map, { cell: null, x: 10, y: 20, author: "Ana", text: "Waited a week, no word" });
  addNote(map, { cell: null, x: 30, y: 40, author: "Ben", text: "=HYPERLINK(evil)" });
  setEmotion(map, segment.id, stage.id, -2);
  writeCrowd(
    control.doc,
    map.id,
    segment.id,
    {
      roundId: "round-1",
      closedAt: Date.parse("2026-11-25T09:00:00.000Z"),
      participants: 6,
      stages: { [stage.id]: { mean: -1.5, sd: 1, count: 6 } },
      shared: { "Ana Lima": { [stage.id]: -3 } },
    },
    null,
  );
  // The relay holds both once a fresh reader sees them.
  const reader = connect(app, board, new Y.Doc(), `${board.id}/control`);
  await eventually(() => expect(readCrowd(reader.doc, map.id, segment.id)?.participants).toBe(6));
  leave(content, control, reader);
  return { board, mapId: map.id, segmentId: segment.id, stageId: stage.id };
}

const created = (app: TestApp) => app.logs.filter((l) => l.event === "board created").length;

/** The boards the app's data directory holds, read from disk once the app has stopped. */
async function storedBoards(app: TestApp): Promise<string[]> {
  await app.close();
  const store = await LevelBoardStore.open(app.dataDir);
  try {
    return (await store.boards()).map((b) => b.id);
  } finally {
    await store.close();
  }
}

describe("board export and import through the API", () => {
  it("exports a board as a file that makes an equal board, ids and results kept, and CSV of its notes", async () => {
    const app = await started();
    const { board } = await boardWithResults(app);
    const file = await fileOf(app, board);
    expect(file.board.title).toBe("Bikes & Co");
    expect(file.maps[0]?.notes.map((n) => n.text)).toEqual(["Waited a week, no word", "=HYPERLINK(evil)"]);

    const answer = await postFile(app, JSON.stringify(file, null, 2));
    expect(answer.status).toBe(201);
    const copy = (await answer.json()) as CreatedBoard;
    expect(copy.id).not.toBe(board.id);
    const again = await fileOf(app, { id: copy.id, token: copy.link.token });
    expect({ ...again, exportedAt: "" }).toEqual({ ...file, exportedAt: "" });
    expect(app.logs).toContainEqual(
      expect.objectContaining({ event: "board created", board: copy.id, from: "file", maps: 1, notes: 2 }),
    );

    const csv = await exported(app, board, "export.csv");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="Bikes-Co.notes.csv"');
    expect(csv.text).toContain("'=HYPERLINK(evil)");
    const crowd = await exported(app, board, "export.csv?table=crowd");
    expect(crowd.text.split("\r\n")[1]).toMatch(/,-1\.5,1,6,6,2026-11-25T09:00:00\.000Z$/);
  });

  it("gives each role what it may see: named scores to facilitators and editors, never to viewers", async () => {
    const app = await started();
    const { board } = await boardWithResults(app);
    const editor = await linkFor(app, board, "editor");
    const viewer = await linkFor(app, board, "viewer");
    const shared = async (key: BoardKey) => (await fileOf(app, key)).maps[0]?.crowd[0]?.shared;
    expect(await shared(board)).toEqual([{ name: "Ana Lima", scores: [expect.objectContaining({ score: -3 })] }]);
    expect(await shared(editor)).toEqual(await shared(board));
    expect(await shared(viewer)).toEqual([]);
    const seen = await fileOf(app, viewer);
    expect(seen.maps[0]?.crowd[0]).toMatchObject({ participants: 6, stages: [{ mean: -1.5, sd: 1, count: 6 }] });
    expect(seen.maps[0]?.notes).toHaveLength(2);
    expect((await exported(app, viewer, "export.csv?table=crowd")).text).not.toContain("Ana Lima");
    expect(app.logs).toContainEqual(
      expect.objectContaining({ event: "board exported", board: board.id, role: "viewer", format: "json" }),
    );
  });

  it("leaves private notes and an open vote's dots out of every role's export", async () => {
    const app = await started();
    const board = await createBoardOn(app);
    const content = connect(app, board);
    await synced(content);
    const map = firstMap(content.doc);
    const noteId = addNote(map, { cell: null, x: 0, y: 0, author: "Ana", text: "on the board" });
    await eventually(async () => expect((await fileOf(app, board)).maps[0]?.notes).toHaveLength(1));
    expect((await postToBoard(app, board, "private", { action: "start", mapId: map.id, scope: "board" })).status).toBe(
      201,
    );
    const editor = await linkFor(app, board, "editor");
    const writer = await connectedParticipant(app, editor);
    const participant = writer.key.participant;
    const draft = await postToBoard(app, editor, "private/notes", {
      participant,
      action: "create",
      name: "Ben",
      color: "#aa3366",
      note: { cell: null, x: 1, y: 2, kind: "note", text: "bens private draft" },
    });
    expect(draft.status).toBe(200);
    const vote = await postToBoard(app, board, "voting", { action: "open", mapId: map.id });
    expect(vote.status).toBe(201);
    const dot = await postToBoard(app, editor, "voting/dots", {
      voteId: vote.body.voteId,
      participant,
      action: "place",
      noteId,
    });
    expect(dot.status).toBe(200);
    for (const key of [board, editor, await linkFor(app, board, "viewer")]) {
      const text = (await exported(app, key)).text;
      expect(text).toContain("on the board");
      expect(text).not.toContain("bens private draft");
      expect(JSON.parse(text).maps[0].vote).toBeNull();
    }
    leave(content, writer.socket);
  });

  it("turns away a missing, forged, expired or revoked link, and a link for another board", async () => {
    const app = await started();
    const board = await createBoardOn(app);
    const other = await createBoardOn(app);
    const viewer = await linkFor(app, board, "viewer");
    expect((await fetch(`${app.url}/api/boards/${board.id}/export.json`)).status).toBe(401);
    const forged = `${board.token.slice(0, -4)}AAAA`;
    const expired = await signedToken(app, { boardId: board.id, expiresAt: Date.now() - 1000 });
    expect(await exported(app, board, "export.json", forged)).toMatchObject({ status: 403 });
    expect(await exported(app, board, "export.json", expired)).toMatchObject({ status: 403 });
    expect(JSON.parse((await exported(app, board, "export.json", expired)).text).error).toBe("the link has expired");
    expect(await exported(app, board, "export.csv", other.token)).toMatchObject({ status: 403 });
    expect((await exported(app, viewer)).status).toBe(200);
    expect((await postToBoard(app, board, "revoke", { role: "viewer" })).status).toBe(200);
    const revoked = await exported(app, viewer);
    expect(revoked.status).toBe(403);
    expect(JSON.parse(revoked.text).error).toBe("the link was revoked by the facilitator");
    expect((await exported(app, board, "export.csv?table=votes")).status).toBe(400);
    expect((await postToBoard(app, board, "export.json", {})).status).toBe(405);
  });

  it("refuses a hostile file naming the field, stores nothing, and logs the refusal", async () => {
    const app = await started(httpWith({ maxImportBytes: 64 * 1024 }));
    const source = await createBoardOn(app);
    const text = (await exported(app, source)).text;
    const before = created(app);
    const refusals: [string, number, string | undefined, RegExp][] = [
      [`${text.slice(0, -2)}${" ".repeat(70 * 1024)}}`, 413, undefined, /^the body is over 65536 bytes$/],
      [
        `{"format":"journeyboard","schemaVersion":1,"deep":${"[".repeat(5000)}${"]".repeat(5000)}}`,
        400,
        "",
        /nests deeper than 24 levels/,
      ],
      [
        text.replace('"lanes": [', '"__proto__": {"polluted": true}, "lanes": ['),
        400,
        "maps[0].__proto__",
        /not allowed/,
      ],
      [text.replace(/"title": "I buy"/, '"title": 42'), 400, "maps[0].stages[3].title", /expected string/],
      [text.replace('"schemaVersion": 1', '"schemaVersion": 9'), 400, "schemaVersion", /newer Journeyboard/],
      ['{"format":"journeyboard","schemaVersion":1,"constructor":{}}', 400, "constructor", /not allowed/],
      [JSON.stringify({ template: "kanban" }), 400, "template", /template must be/],
    ];
    for (const [body, status, field, message] of refusals) {
      const answer = await postFile(app, body);
      expect(answer.status, body.slice(0, 80)).toBe(status);
      const refusal = (await answer.json()) as { error: string; field?: string };
      expect(refusal.field).toBe(field);
      expect(refusal.error).toMatch(message);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(created(app)).toBe(before);
    // One line a second at most: the first refusal at once, the others of that second after it.
    await eventually(() =>
      expect(app.logs).toContainEqual(
        expect.objectContaining({
          event: "board import refused",
          status: 400,
          field: "maps[0].__proto__",
          reason: 'the file cannot be imported: maps[0].__proto__: the key "__proto__" is not allowed',
        }),
      ),
    );
    expect(await storedBoards(app)).toEqual([source.id]);
  });

  it("makes a board from each template, created now, titled as asked", async () => {
    const app = await started();
    const create = async (body: unknown) => {
      const answer = await postFile(app, JSON.stringify(body));
      expect(answer.status).toBe(201);
      const board = (await answer.json()) as CreatedBoard;
      return fileOf(app, { id: board.id, token: board.link.token });
    };
    const workshop = await create({ template: "workshop", title: "Spring workshop" });
    expect(workshop.board.title).toBe("Spring workshop");
    expect(Date.now() - Date.parse(workshop.board.createdAt)).toBeLessThan(60_000);
    expect(workshop.maps.map((m) => m.state)).toEqual(["current", "future"]);
    expect(workshop.maps[1]?.raci.activities).toHaveLength(9);
    expect(workshop.maps[0]?.segments).toHaveLength(3);
    const blank = await create({ template: "blank" });
    expect(blank.board.title).toBe("Blank board");
    expect(blank.maps[0]?.stages).toHaveLength(1);
    const service = await create({ template: "service" });
    expect(service.maps[0]?.stages.every((s) => s.phase === "post-sale")).toBe(true);
    const journey = await create({ template: "journey" });
    expect(journey.maps[0]?.stages.map((s) => s.title)).toContain("I have a job to do / pain point");
  });
});
