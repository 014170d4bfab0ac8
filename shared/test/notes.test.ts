import { describe, expect, it } from "vitest";
import {
  addNote,
  deleteNotes,
  duplicateNotes,
  listLanes,
  listNotes,
  listStages,
  MAX_NOTE_TEXT,
  moveNotes,
  NOTE_SIZE,
  noteIds,
  noteText,
  readNote,
  resizeNote,
  setNoteColor,
  setNoteKind,
} from "../src/index.js";
import { contentOf, newBoard, peerOf, sync } from "./helpers.js";

function firstCell(map: Parameters<typeof listStages>[0]) {
  const stage = listStages(map)[0];
  const lane = listLanes(map)[0];
  if (!stage || !lane) throw new Error("template has cells");
  return { stageId: stage.id, laneId: lane.id };
}

describe("notes", () => {
  it("adds a note in a cell with its kind's color, text, author and time", () => {
    const { map } = newBoard();
    const cell = firstCell(map);
    const id = addNote(map, { cell, x: 10, y: 20, author: "Ana", kind: "pain-point", text: "Hold music" });
    const note = readNote(map, id);
    expect(note).toMatchObject({
      id,
      cell,
      x: 10,
      y: 20,
      w: NOTE_SIZE.w,
      h: NOTE_SIZE.h,
      kind: "pain-point",
      color: "red",
      text: "Hold music",
      author: "Ana",
    });
    expect(note?.createdAt).toBeGreaterThan(0);
    expect(noteIds(map)).toEqual([id]);
  });

  it("cuts oversized text to the note limit and clamps sizes", () => {
    const { map } = newBoard();
    const id = addNote(map, { cell: null, x: 0, y: 0, author: "", text: "a".repeat(MAX_NOTE_TEXT + 50), w: 5 });
    expect(readNote(map, id)?.text).toHaveLength(MAX_NOTE_TEXT);
    expect(readNote(map, id)?.w).toBe(NOTE_SIZE.min);
  });

  it("moves several notes at once, to other cells or off the grid", () => {
    const { map } = newBoard();
    const cell = firstCell(map);
    const a = addNote(map, { cell, x: 0, y: 0, author: "" });
    const b = addNote(map, { cell, x: 0, y: 0, author: "" });
    const other = { stageId: listStages(map)[3]?.id ?? "", laneId: cell.laneId };
    moveNotes(map, [
      { id: a, cell: other, x: 5.4, y: 6.6 },
      { id: b, cell: null, x: -40, y: 900 },
      { id: "gone", cell, x: 1, y: 1 },
    ]);
    expect(readNote(map, a)).toMatchObject({ cell: other, x: 5, y: 7 });
    expect(readNote(map, b)).toMatchObject({ cell: null, x: -40, y: 900 });
    expect(readNote(map, "gone")).toBeUndefined();
  });

  it("changes kind (with its color) and color", () => {
    const { map } = newBoard();
    const id = addNote(map, { cell: null, x: 0, y: 0, author: "" });
    setNoteKind(map, [id], "opportunity");
    expect(readNote(map, id)).toMatchObject({ kind: "opportunity", color: "green" });
    setNoteColor(map, [id], "violet");
    expect(readNote(map, id)).toMatchObject({ kind: "opportunity", color: "violet" });
  });

  it("deletes and duplicates notes, text included", () => {
    const { map } = newBoard();
    const a = addNote(map, { cell: null, x: 0, y: 0, author: "Ana", text: "Unboxing" });
    const b = addNote(map, { cell: null, x: 0, y: 0, author: "Ana" });
    const [copy] = duplicateNotes(map, [a, "gone"], { x: 16, y: 16 }, "Bo");
    expect(copy).toBeDefined();
    expect(readNote(map, copy ?? "")).toMatchObject({ text: "Unboxing", x: 16, y: 16, author: "Bo" });
    deleteNotes(map, [a, b]);
    expect(noteIds(map)).toEqual([copy]);
  });

  it("two people adding, moving and typing at once converge, whatever the merge order", () => {
    const results = (["a-first", "b-first"] as const).map((order) => {
      const a = newBoard();
      const shared = addNote(a.map, { cell: null, x: 0, y: 0, author: "Ana", text: "Wait" });
      const b = peerOf(a.doc);
      addNote(a.map, { cell: null, x: 100, y: 0, author: "Ana", text: "from a" });
      addNote(b.map, { cell: null, x: 200, y: 0, author: "Bo", text: "from b" });
      moveNotes(a.map, [{ id: shared, cell: null, x: 50, y: 50 }]);
      noteText(a.map, shared)?.insert(0, "Long ");
      noteText(b.map, shared)?.insert(4, " time");
      sync(a.doc, b.doc, order);
      expect(contentOf(a.doc)).toEqual(contentOf(b.doc));
      const note = readNote(b.map, shared);
      expect(note).toMatchObject({ x: 50, y: 50, text: "Long Wait time" });
      return listNotes(a.map)
        .map((n) => n.text)
        .sort();
    });
    expect(results[0]).toEqual(["Long Wait time", "from a", "from b"]);
    expect(results[1]).toEqual(results[0]);
  });

  it("a note moved by one person while another deletes it stays deleted for both", () => {
    const a = newBoard();
    const id = addNote(a.map, { cell: null, x: 0, y: 0, author: "" });
    const b = peerOf(a.doc);
    deleteNotes(a.map, [id]);
    moveNotes(b.map, [{ id, cell: null, x: 9, y: 9 }]);
    sync(a.doc, b.doc);
    expect(readNote(a.map, id)).toBeUndefined();
    expect(readNote(b.map, id)).toBeUndefined();
  });

  it("resizes a note in its cell, clamped to the note limits", () => {
    const { map } = newBoard();
    const cell = firstCell(map);
    const id = addNote(map, { cell, x: 12, y: 8, author: "" });
    resizeNote(map, id, { w: 240.4, h: 180.6 });
    expect(readNote(map, id)).toMatchObject({ cell, x: 12, y: 8, w: 240, h: 181 });
    resizeNote(map, id, { w: 1, h: 99_999 });
    expect(readNote(map, id)).toMatchObject({ w: NOTE_SIZE.min, h: NOTE_SIZE.max });
    deleteNotes(map, [id]);
    resizeNote(map, id, { w: 200, h: 200 });
    expect(noteIds(map)).toEqual([]);
  });

  it("two people resizing one note at once end with one of their sizes, whatever the merge order", () => {
    const sizes = { a: { w: 300, h: 90 }, b: { w: 120, h: 400 } };
    for (const order of ["a-first", "b-first"] as const) {
      // Several pairs of client ids: the winner is decided by them, and must be the same for w and h.
      for (let round = 0; round < 8; round++) {
        const a = newBoard();
        const id = addNote(a.map, { cell: firstCell(a.map), x: 0, y: 0, author: "Ana" });
        const b = peerOf(a.doc);
        resizeNote(a.map, id, sizes.a);
        resizeNote(b.map, id, sizes.b);
        sync(a.doc, b.doc, order);
        expect(contentOf(a.doc)).toEqual(contentOf(b.doc));
        const note = readNote(a.map, id);
        expect([sizes.a, sizes.b]).toContainEqual({ w: note?.w, h: note?.h });
      }
    }
  });

  it("a note resized by one person while another moves it keeps both changes", () => {
    for (const order of ["a-first", "b-first"] as const) {
      const a = newBoard();
      const cell = firstCell(a.map);
      const id = addNote(a.map, { cell, x: 0, y: 0, author: "" });
      const b = peerOf(a.doc);
      resizeNote(a.map, id, { w: 220, h: 150 });
      moveNotes(b.map, [{ id, cell, x: 30, y: 40 }]);
      sync(a.doc, b.doc, order);
      expect(readNote(a.map, id)).toMatchObject({ x: 30, y: 40, w: 220, h: 150 });
      expect(readNote(b.map, id)).toEqual(readNote(a.map, id));
    }
  });
});
