import {
  addNote,
  addSegment,
  addStage,
  deleteLane,
  listLanes,
  listNotes,
  listSegments,
  listStages,
  moveNotes,
  noteText,
  readLocks,
  renameStage,
} from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  type BoardKey,
  connect,
  createBoardOn,
  eventually,
  firstMap,
  leave,
  linkFor,
  type Participant,
  postToBoard,
  relayEachTest,
  synced,
  type TestApp,
} from "./helpers.js";

let app: TestApp;
relayEachTest((started) => {
  app = started;
});

const call = (path: string, key: BoardKey, body: unknown) => postToBoard(app, key, path, body);

/** Everything of a board the locks cover, as plain values. */
function shapeOf(doc: Y.Doc) {
  const map = firstMap(doc);
  return {
    stages: listStages(map).map((s) => `${s.id}:${s.title}`),
    lanes: listLanes(map).map((l) => `${l.id}:${l.title}`),
    segments: listSegments(map).map((s) => s.id),
    notes: listNotes(map)
      .map((n) => `${n.id}:${n.cell?.stageId}:${n.text}`)
      .sort(),
  };
}

/** A board with a facilitator, an editor (a stock client writing the document directly) and an editor watching. */
async function boardWithEditors() {
  const board = await createBoardOn(app);
  const editorLink = await linkFor(app, board, "editor");
  const facilitator = connect(app, board);
  const writer = connect(app, editorLink);
  const watcher = connect(app, editorLink);
  await Promise.all([synced(facilitator), synced(writer), synced(watcher)]);
  const map = firstMap(facilitator.doc);
  const [first, second] = listStages(map);
  const [lane] = listLanes(map);
  if (!first || !second || !lane) throw new Error("the template has stages and lanes");
  const cell = (stageId: string) => ({ stageId, laneId: lane.id });
  const inFirst = addNote(map, { cell: cell(first.id), x: 0, y: 0, author: "F", text: "first" });
  const inSecond = addNote(map, { cell: cell(second.id), x: 0, y: 0, author: "F", text: "second" });
  await eventually(() => expect(shapeOf(writer.doc)).toEqual(shapeOf(facilitator.doc)));
  await eventually(() => expect(shapeOf(watcher.doc)).toEqual(shapeOf(facilitator.doc)));
  return { board, editorLink, facilitator, writer, watcher, first, second, lane, cell, inFirst, inSecond };
}

/** Every title of a stage the participant ever held, from each update it applied. */
function stageTitlesSeen(participant: Participant): Set<string> {
  const seen = new Set<string>();
  participant.doc.on("afterTransaction", () => {
    for (const stage of listStages(firstMap(participant.doc))) seen.add(stage.title);
  });
  return seen;
}

/** The board as stored: read by a fresh client once everyone has left and the relay has released it. */
async function storedShape(board: BoardKey) {
  await eventually(() =>
    expect(app.logs.some((l) => l.event === "board released" && l.board === board.id && l.doc === "board")).toBe(true),
  );
  const reader = connect(app, board);
  await synced(reader);
  const shape = shapeOf(reader.doc);
  leave(reader);
  return shape;
}

describe("locks", () => {
  it("refuses an editor's change to locked structure; the writer ends with the board, its other edits stay", async () => {
    const { board, facilitator, writer, watcher, first, lane } = await boardWithEditors();
    expect((await call("locks", board, { structure: true })).status).toBe(200);
    await eventually(() => expect(app.logs.some((l) => l.event === "locks changed")).toBe(true));
    const before = shapeOf(facilitator.doc);
    const seen = stageTitlesSeen(watcher);
    const map = firstMap(writer.doc);
    renameStage(map, first.id, "Renamed by a locked-out editor");
    addStage(map, { title: "Added by a locked-out editor", phase: "pre-sale" });
    deleteLane(map, lane.id);
    addSegment(map);
    // One update that breaks the lock and adds a note outside every stage: only the breach is taken back.
    writer.doc.transact(() => {
      renameStage(map, first.id, "Renamed again");
      addNote(map, { cell: null, x: 0, y: 0, author: "E", text: "kept" });
    });
    await eventually(() => expect(listNotes(firstMap(watcher.doc)).map((n) => n.text)).toContain("kept"));
    const expected = { ...before, notes: shapeOf(watcher.doc).notes };
    expect(expected.notes.length).toBe(before.notes.length + 1);
    for (const participant of [writer, watcher, facilitator]) {
      await eventually(() => expect(shapeOf(participant.doc)).toEqual(expected));
    }
    expect([...seen].filter((title) => title.includes("again") || title.includes("locked-out"))).toEqual([]);
    const refusals = app.logs.filter((l) => l.event === "update refused");
    expect(refusals.length).toBe(5);
    expect(refusals[0]).toMatchObject({
      board: board.id,
      role: "editor",
      reason: "the facilitator has locked the board's structure",
    });
    leave(facilitator, writer, watcher);
    expect(await storedShape(board)).toEqual(expected);
  });

  it("lets the facilitator change locked structure, and the editor once it is unlocked", async () => {
    const { board, facilitator, writer, watcher, first } = await boardWithEditors();
    await call("locks", board, { structure: true });
    renameStage(firstMap(facilitator.doc), first.id, "By the facilitator");
    await eventually(() => expect(listStages(firstMap(watcher.doc))[0]?.title).toBe("By the facilitator"));
    await call("locks", board, { structure: false });
    renameStage(firstMap(writer.doc), first.id, "By the editor");
    await eventually(() => expect(listStages(firstMap(watcher.doc))[0]?.title).toBe("By the editor"));
    leave(facilitator, writer, watcher);
  });

  it("refuses moving or editing a note in a locked stage; the current stage stays open", async () => {
    const { board, facilitator, writer, watcher, first, second, cell, inFirst, inSecond } = await boardWithEditors();
    const mapId = firstMap(facilitator.doc).id;
    expect((await call("locks", board, { stages: true, mapId, stageId: first.id })).status).toBe(200);
    const map = firstMap(writer.doc);
    const before = shapeOf(facilitator.doc);
    moveNotes(map, [{ id: inSecond, cell: cell(first.id), x: 1, y: 1 }]);
    moveNotes(map, [{ id: inFirst, cell: cell(second.id), x: 1, y: 1 }]);
    noteText(map, inSecond)?.insert(0, "locked ");
    await eventually(() => expect(app.logs.filter((l) => l.event === "update refused").length).toBe(3));
    for (const participant of [writer, watcher]) {
      await eventually(() => expect(shapeOf(participant.doc)).toEqual(before));
    }
    noteText(map, inFirst)?.insert(0, "open ");
    await eventually(() => expect(noteText(firstMap(watcher.doc), inFirst)?.toString()).toBe("open first"));
    noteText(firstMap(facilitator.doc), inSecond)?.insert(0, "facilitator ");
    await eventually(() => expect(noteText(firstMap(watcher.doc), inSecond)?.toString()).toBe("facilitator second"));
    // The walk-through's stage is the current one while it runs.
    await call("walkthrough", board, { action: "start", mapId, roundName: "Internal experts" });
    await call("walkthrough", board, { action: "go", stageId: second.id });
    await eventually(async () => {
      noteText(map, inSecond)?.insert(0, "x");
      await eventually(
        () => expect(noteText(firstMap(watcher.doc), inSecond)?.toString()).toMatch(/^x+facilitator/),
        500,
      );
    });
    leave(facilitator, writer, watcher);
  });

  it("refuses every lock action to an editor and a viewer", async () => {
    const board = await createBoardOn(app);
    const control = connect(app, board, new Y.Doc(), `${board.id}/control`);
    await synced(control);
    for (const role of ["editor", "viewer"] as const) {
      const other = await linkFor(app, board, role);
      for (const body of [{ structure: true }, { stages: true }, { structure: false }]) {
        const answer = await call("locks", other, body);
        expect(answer.status).toBe(403);
        expect(answer.body.error).toBe("only a facilitator can lock parts of the board");
      }
    }
    expect(readLocks(control.doc)).toMatchObject({ structure: false, stages: false });
    expect((await call("locks", board, { structure: "yes" })).status).toBe(400);
    expect((await call("locks", board, { stages: true, mapId: "nope", stageId: "nope" })).status).toBe(409);
    leave(control);
  });
});
