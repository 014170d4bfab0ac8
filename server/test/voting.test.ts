import { addNote, deleteNotes, type NoteKind, noteIds, readVote } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openRaw, SYNC_REQUEST } from "./frames.js";
import {
  appsClosedAfterEach,
  type BoardKey,
  connect,
  connectedParticipant,
  createBoardOn,
  eventually,
  firstMap,
  joinAsParticipant,
  leave,
  linkFor,
  type Participant,
  postToBoard,
  relayEachTest,
  socketUrl,
  startTestApp,
  synced,
  type TestApp,
} from "./helpers.js";
import { httpWith } from "./http-helpers.js";

let app: TestApp;
relayEachTest((started) => {
  app = started;
});
const apps = appsClosedAfterEach();

const call = (key: BoardKey, path: string, body: unknown, on: TestApp = app) => postToBoard(on, key, path, body);

const voter = (link: BoardKey, on: TestApp = app) => connectedParticipant(on, link);

function dot(key: BoardKey, voteId: string, action: "place" | "remove" | "list", noteId?: string, on?: TestApp) {
  return call(key, "voting/dots", { voteId, participant: key.participant, action, noteId }, on);
}

/** A board with notes of the given kinds (their ids in that order), a reader of its control document. */
async function boardWith(kinds: NoteKind[], on: TestApp = app) {
  const board = await createBoardOn(on);
  const control = connect(on, board, new Y.Doc(), `${board.id}/control`);
  const content = connect(on, board);
  await Promise.all([synced(control), synced(content)]);
  const map = firstMap(content.doc);
  const notes = kinds.map((kind) => addNote(map, { cell: null, x: 0, y: 0, author: "test", kind }));
  return { board, control, content, mapId: map.id, notes };
}

async function openVote(board: BoardKey, mapId: string, settings: Record<string, unknown>, on?: TestApp) {
  const opened = await call(board, "voting", { action: "open", mapId, ...settings }, on);
  expect(opened.status).toBe(201);
  return opened.body.voteId as string;
}

/** Waits until `socket` holds every note: the relay, which checks each placement against its copy, has them. */
async function notesReached(socket: Participant, notes: string[]) {
  await eventually(() => expect(notes.filter((id) => !noteIds(firstMap(socket.doc)).includes(id))).toEqual([]));
}

describe("dot voting", () => {
  it("holds a budget of 3 against 20 placements at once from one participant in two tabs", async () => {
    const { board, control, content, mapId, notes } = await boardWith(["pain-point", "pain-point", "opportunity"]);
    const editor = await linkFor(app, board, "editor");
    const ana = await voter(editor);
    const secondTab = connect(app, ana.key);
    await synced(secondTab);
    const voteId = await openVote(board, mapId, { budget: 3, multiple: true });
    await notesReached(ana.socket, notes);

    const placed = await Promise.all(
      Array.from({ length: 20 }, (_, i) => dot(ana.key, voteId, "place", notes[i % notes.length])),
    );
    expect(
      placed
        .filter((r) => r.status === 200)
        .map((r) => r.body.left)
        .sort(),
    ).toEqual([0, 1, 2]);
    expect(placed.filter((r) => r.status === 409).map((r) => r.body.error)).toEqual(
      Array(17).fill("you have placed all 3 of your dots: remove one to place it elsewhere"),
    );
    await eventually(() => {
      const counts = readVote(control.doc)?.counts ?? {};
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(3);
    });
    expect(readVote(control.doc)?.voters).toBe(1);
    leave(control, content, ana.socket, secondTab);
  });

  it("while hidden, sends nobody another participant's dots: a stock socket on the control document sees none until the close", async () => {
    const { board, control, content, mapId, notes } = await boardWith(["pain-point", "opportunity", "note"]);
    const [painPoint, opportunity, plain] = notes as [string, string, string];
    const editor = await linkFor(app, board, "editor");
    const [ana, ben] = await Promise.all([voter(editor), voter(editor)]);
    await notesReached(ana.socket, notes);
    // Ben's browser, as raw frames: everything the relay sends it on the control document.
    const bensControl = await openRaw(socketUrl(app, ben.key, "/control"));
    bensControl.ws.send(SYNC_REQUEST);
    const voteId = await openVote(board, mapId, { budget: 3, hidden: true });
    await eventually(() => expect(readVote(control.doc)?.status).toBe("open"));

    expect((await dot(ana.key, voteId, "place", painPoint)).body).toEqual({ voteId, dots: [painPoint], left: 2 });
    expect((await dot(ana.key, voteId, "place", opportunity)).status).toBe(200);
    expect((await dot(ben.key, voteId, "place", plain)).status).toBe(200);
    // Each sees their own dots only; the control document tells how many voted, nothing of where.
    expect((await dot(ben.key, voteId, "list")).body).toEqual({ voteId, dots: [plain], left: 2 });
    await eventually(() => expect(readVote(control.doc)?.voters).toBe(2));
    expect(readVote(control.doc)?.counts).toBeNull();
    const received = () => Buffer.concat(bensControl.received.map((f) => Buffer.from(f)));
    await eventually(() => expect(received().includes(Buffer.from(voteId))).toBe(true));
    expect([painPoint, opportunity].filter((id) => received().includes(Buffer.from(id)))).toEqual([]);

    expect((await call(board, "voting", { action: "close" })).status).toBe(200);
    // The same check sees the ids once the result is published: it would have seen them before.
    await eventually(() =>
      expect([painPoint, opportunity].every((id) => received().includes(Buffer.from(id)))).toBe(true),
    );
    expect(readVote(control.doc)?.ranking).toEqual(
      [
        { noteId: painPoint, dots: 1, rank: 1 },
        { noteId: opportunity, dots: 1, rank: 1 },
        { noteId: plain, dots: 1, rank: 1 },
      ].sort((a, b) => (a.noteId < b.noteId ? -1 : 1)),
    );
    bensControl.ws.close();
    leave(control, content, ana.socket, ben.socket);
  });

  it("refuses opening and closing a vote to an editor and a viewer, and dots to a viewer", async () => {
    const { board, control, content, mapId, notes } = await boardWith(["pain-point"]);
    const editor = await linkFor(app, board, "editor");
    const viewer = await linkFor(app, board, "viewer");
    for (const key of [editor, viewer]) {
      expect(await call(key, "voting", { action: "open", mapId })).toEqual({
        status: 403,
        body: { error: "only a facilitator can open or close a vote" },
      });
    }
    const voteId = await openVote(board, mapId, {});
    for (const key of [editor, viewer]) expect((await call(key, "voting", { action: "close" })).status).toBe(403);
    const watcher = await voter(viewer);
    await notesReached(watcher.socket, notes);
    expect(await dot(watcher.key, voteId, "place", notes[0])).toEqual({
      status: 403,
      body: { error: "viewers watch the vote: only facilitators and editors place dots" },
    });
    // The control reader hears of the opening over its own socket, possibly after the refusals.
    await eventually(() => expect(readVote(control.doc)?.status).toBe("open"));
    expect(app.logs.filter((l) => l.event === "vote action refused").map((l) => l.role)).toEqual([
      "editor",
      "viewer",
      "editor",
      "viewer",
    ]);
    leave(control, content, watcher.socket);
  });

  it("applies the vote's rules and counts only relay-issued participants on the board", async () => {
    const { board, control, content, mapId, notes } = await boardWith(["pain-point", "touchpoint", "opportunity"]);
    const [painPoint, touchpoint, opportunity] = notes as [string, string, string];
    const editor = await linkFor(app, board, "editor");
    const ana = await voter(editor);
    await notesReached(ana.socket, notes);
    const refused = await call(board, "voting", { action: "open", mapId, budget: 21 });
    expect(refused).toEqual({ status: 400, body: { error: "budget must be a whole number of dots from 1 to 20" } });
    const voteId = await openVote(board, mapId, { budget: 2, kinds: ["pain-point", "opportunity"] });
    expect((await call(board, "voting", { action: "open", mapId })).status).toBe(409);

    expect((await dot(ana.key, voteId, "place", touchpoint)).body.error).toBe(
      "this kind of note does not get dots in this vote",
    );
    expect((await dot(ana.key, voteId, "place", painPoint)).status).toBe(200);
    expect((await dot(ana.key, voteId, "place", painPoint)).body.error).toBe("one dot per note in this vote");
    expect((await dot(ana.key, voteId, "place", "no-such-note")).body.error).toBe("no such note on the vote's map");
    expect((await dot(ana.key, voteId, "remove", opportunity)).body.error).toBe("you have no dot on this note");
    expect((await dot(ana.key, voteId, "place", "x".repeat(65))).status).toBe(400);
    const invented = await call(editor, "voting/dots", {
      voteId,
      participantId: "me",
      action: "place",
      noteId: painPoint,
    });
    expect(invented.status).toBe(401);
    const absent = await joinAsParticipant(app, editor);
    expect((await dot(absent, voteId, "place", opportunity)).status).toBe(409);
    const big = await call(editor, "voting/dots", { voteId, participant: ana.key.participant, pad: "x".repeat(5000) });
    expect(big.status).toBe(413);

    // A note deleted during the vote does not count; removing a dot frees it for another note.
    expect((await dot(ana.key, voteId, "remove", painPoint)).body).toEqual({ voteId, dots: [], left: 2 });
    expect((await dot(ana.key, voteId, "place", opportunity)).status).toBe(200);
    expect((await dot(ana.key, voteId, "place", painPoint)).status).toBe(200);
    deleteNotes(firstMap(content.doc), [painPoint]);
    await eventually(() => expect(noteIds(firstMap(ana.socket.doc))).not.toContain(painPoint));
    const closed = await call(board, "voting", { action: "close" });
    expect(closed.body).toMatchObject({ status: "closed", counts: { [opportunity]: 1 }, voters: 1 });
    expect((await dot(ana.key, voteId, "list")).body.error).toBe("this vote is not open");
    leave(control, content, ana.socket);
  });

  it("refuses dot actions past MAX_DOTS_PER_SECOND with 429 before doing any work", async () => {
    const slow = await startTestApp(httpWith({ dotsPerSecond: 1 }));
    apps.push(slow);
    const { board, control, content, mapId, notes } = await boardWith(["note"], slow);
    const ana = await voter(board, slow);
    const voteId = await openVote(board, mapId, {}, slow);
    const answers = await Promise.all([1, 2, 3].map(() => dot(ana.key, voteId, "list", undefined, slow)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(notes).toHaveLength(1);
    leave(control, content, ana.socket);
  });
});
