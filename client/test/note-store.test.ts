import {
  addNote,
  computeGrid,
  deleteNotes,
  getMap,
  type JourneyMap,
  listLanes,
  listMaps,
  listStages,
  moveNotes,
  noteText,
  openBoard,
} from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { NoteStore } from "../src/canvas/note-store.js";
import { localBoard } from "./board.js";

function gridOf(map: JourneyMap) {
  return computeGrid(listStages(map), listLanes(map));
}

/** Another participant's copy of the board, and a way to exchange updates in either order. */
function peerOf(doc: Y.Doc): { doc: Y.Doc; map: JourneyMap } {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
  const board = openBoard(peer, "peer");
  const map = getMap(board, listMaps(board)[0]?.id ?? "");
  if (!map) throw new Error("the peer sees the map");
  return { doc: peer, map };
}

function exchange(a: Y.Doc, b: Y.Doc, order: "a-first" | "b-first"): void {
  const [toB, toA] = [
    Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)),
    Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)),
  ];
  if (order === "a-first") {
    Y.applyUpdate(b, toB);
    Y.applyUpdate(a, toA);
  } else {
    Y.applyUpdate(a, toA);
    Y.applyUpdate(b, toB);
  }
}

describe("the note store behind the canvas", () => {
  it("moves a note in the index from the note's own change, and names only that note", () => {
    const { map } = localBoard();
    const grid = gridOf(map);
    const cell = { stageId: listStages(map)[0]?.id ?? "", laneId: listLanes(map)[0]?.id ?? "" };
    const ids = Array.from({ length: 50 }, (_, i) => addNote(map, { cell, x: i, y: 8, author: "Ana" }));
    const store = new NoteStore(map);
    const seen: string[][] = [];
    const stop = store.subscribe((changed) => seen.push([...changed]));
    const index = store.indexFor(grid);
    const moved = ids[7] ?? "";
    moveNotes(map, [{ id: moved, cell: null, x: 9000, y: 9000 }]);
    expect(seen).toEqual([[moved]]);
    expect(index.within({ x: 8990, y: 8990, w: 50, h: 50 }).map((n) => n.id)).toEqual([moved]);
    // Typing in a note moves nothing: nobody drawing rectangles is told.
    noteText(map, ids[3] ?? "")?.insert(0, "Waits for the invoice");
    expect(seen).toHaveLength(1);
    stop();
  });

  it("keeps the moments of truth the same object while other notes change, and new when one changes", () => {
    const { map } = localBoard();
    const cell = { stageId: listStages(map)[1]?.id ?? "", laneId: listLanes(map)[0]?.id ?? "" };
    const plain = addNote(map, { cell, x: 8, y: 8, author: "Ana" });
    const store = new NoteStore(map);
    const stop = store.subscribe(() => undefined);
    const before = store.placedMoments();
    moveNotes(map, [{ id: plain, cell, x: 100, y: 40 }]);
    expect(store.placedMoments()).toBe(before);
    const moment = addNote(map, { cell, x: 8, y: 8, author: "Ana", kind: "moment-of-truth", polarity: "negative" });
    expect(
      store
        .placedMoments()
        .get(cell.stageId)
        ?.map((n) => n.id),
    ).toEqual([moment]);
    stop();
  });

  for (const order of ["a-first", "b-first"] as const) {
    it(`ends with the same rectangles on both sides when two people move the same note at once (${order})`, () => {
      const { doc, map } = localBoard();
      const cell = { stageId: listStages(map)[0]?.id ?? "", laneId: listLanes(map)[0]?.id ?? "" };
      const id = addNote(map, { cell, x: 8, y: 8, author: "Ana" });
      const other = peerOf(doc);
      const [mine, theirs] = [new NoteStore(map), new NoteStore(other.map)];
      const stops = [mine.subscribe(() => undefined), theirs.subscribe(() => undefined)];
      const [myIndex, theirIndex] = [mine.indexFor(gridOf(map)), theirs.indexFor(gridOf(other.map))];
      moveNotes(map, [{ id, cell: null, x: 3000, y: 100 }]);
      moveNotes(other.map, [{ id, cell: null, x: 100, y: 3000 }]);
      exchange(doc, other.doc, order);
      expect(myIndex.get(id)?.rect).toEqual(theirIndex.get(id)?.rect);
      const everything = { x: -1e5, y: -1e5, w: 2e5, h: 2e5 };
      expect(myIndex.within(everything).map((n) => n.id)).toEqual([id]);
      expect(theirIndex.within(everything).map((n) => n.id)).toEqual([id]);
      for (const stop of stops) stop();
    });
  }

  it("drops a note deleted by one while another moves it, on both sides", () => {
    const { doc, map } = localBoard();
    const cell = { stageId: listStages(map)[0]?.id ?? "", laneId: listLanes(map)[0]?.id ?? "" };
    const id = addNote(map, { cell, x: 8, y: 8, author: "Ana" });
    const other = peerOf(doc);
    const [mine, theirs] = [new NoteStore(map), new NoteStore(other.map)];
    const stops = [mine.subscribe(() => undefined), theirs.subscribe(() => undefined)];
    const [myIndex, theirIndex] = [mine.indexFor(gridOf(map)), theirs.indexFor(gridOf(other.map))];
    deleteNotes(map, [id]);
    moveNotes(other.map, [{ id, cell: null, x: 500, y: 500 }]);
    exchange(doc, other.doc, "b-first");
    expect([myIndex.size, theirIndex.size]).toEqual([0, 0]);
    for (const stop of stops) stop();
  });
});
