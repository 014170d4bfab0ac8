import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addNote,
  applyRepaired,
  containerOf,
  duplicateMap,
  duplicateNotes,
  getMap,
  listMaps,
  listNotes,
  MAX_NAME,
  readNote,
  repairBoard,
} from "../src/index.js";
import { newBoard, peerOf, sync } from "./helpers.js";

/** A note as another client may have written it: only the fields given, as given. */
function written(fields: Record<string, unknown>): Y.Map<unknown> {
  const note = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) note.set(key, value);
  return note;
}

describe("who added a note", () => {
  it("keeps the author's name and color; a copy is by whoever copies it", () => {
    const { map } = newBoard();
    const id = addNote(map, { cell: null, x: 0, y: 0, author: " Ana ", authorColor: "#1971C2", text: "Queue" });
    expect(readNote(map, id)).toMatchObject({ author: "Ana", authorColor: "#1971C2" });
    const [copy] = duplicateNotes(map, [id], { x: 16, y: 16 }, "Bo", "#e03131");
    expect(readNote(map, copy ?? "")).toMatchObject({ text: "Queue", author: "Bo", authorColor: "#e03131" });
  });

  it("bounds what it writes: the name to MAX_NAME characters, the color to #rrggbb or nothing", () => {
    const { map } = newBoard();
    const long = addNote(map, { cell: null, x: 0, y: 0, author: "A".repeat(MAX_NAME + 30), authorColor: "#2F9E44" });
    expect(readNote(map, long)?.author).toBe("A".repeat(MAX_NAME));
    for (const authorColor of ["red", "#fff", "#12345g", "#1971C2; background:url(x)", "", null]) {
      const id = addNote(map, { cell: null, x: 0, y: 0, author: "Ana", authorColor });
      expect(readNote(map, id)?.authorColor).toBeNull();
      expect(containerOf(map, "notes").get(id)).toBeInstanceOf(Y.Map);
      expect((containerOf(map, "notes").get(id) as Y.Map<unknown>).has("authorColor")).toBe(false);
    }
  });

  it("reads what a script or an older page wrote: no color, a bad color, an over-long name", () => {
    const { map } = newBoard();
    const notes = containerOf(map, "notes");
    notes.set("old", written({ x: 0, y: 0, author: "Ana", text: new Y.Text("from before colors") }));
    notes.set("bad", written({ author: "N".repeat(500), authorColor: 0xff0000, text: new Y.Text("") }));
    notes.set("odd", written({ author: 42, authorColor: "rgb(255, 0, 0)" }));
    expect(readNote(map, "old")).toMatchObject({ author: "Ana", authorColor: null, text: "from before colors" });
    expect(readNote(map, "bad")).toMatchObject({ author: "N".repeat(MAX_NAME), authorColor: null });
    expect(readNote(map, "odd")).toMatchObject({ author: "", authorColor: null });
  });

  it("the relay's repair keeps the color of a note it mends", () => {
    const relay = newBoard();
    const stock = peerOf(relay.doc);
    containerOf(stock.map, "notes").set("bare", written({ author: "Bo", authorColor: "#9C36B5", text: "by a script" }));
    const update = Y.encodeStateAsUpdate(stock.doc, Y.encodeStateVector(relay.doc));
    expect(applyRepaired(relay.doc, update, "stock")).toBe(1);
    expect(repairBoard(relay.doc)).toBe(0);
    expect(readNote(relay.map, "bare")).toMatchObject({ text: "by a script", author: "Bo", authorColor: "#9C36B5" });
  });

  it("a copied map keeps each note's author and color", () => {
    const { board, map } = newBoard();
    addNote(map, { cell: null, x: 0, y: 0, author: "Ana", authorColor: "#1971C2" });
    const future = duplicateMap(board, map.id, "Future", "future");
    expect(future && listNotes(future).map((n) => [n.author, n.authorColor])).toEqual([["Ana", "#1971C2"]]);
  });

  it("two people adding notes at once each keep their own name and color, in both merge orders", () => {
    for (const order of ["a-first", "b-first"] as const) {
      const a = newBoard();
      const b = peerOf(a.doc);
      addNote(a.map, { cell: null, x: 10, y: 10, author: "Ana", authorColor: "#1971C2" });
      addNote(b.map, { cell: null, x: 10, y: 10, author: "Bo", authorColor: "#E03131" });
      sync(a.doc, b.doc, order);
      for (const side of [a, b]) {
        const first = listMaps(side.board)[0];
        const map = first && getMap(side.board, first.id);
        const authors = (map ? listNotes(map) : []).map((n) => `${n.author} ${n.authorColor}`).sort();
        expect(authors).toEqual(["Ana #1971C2", "Bo #E03131"]);
      }
    }
  });
});
