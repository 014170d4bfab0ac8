import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  cleanPrivateAuthor,
  cleanPrivateNote,
  countPrivateNotes,
  MAX_NOTE_TEXT,
  mayWritePrivately,
  OUTSIDE_CELLS,
  type PrivateNote,
  type PrivateWriting,
  readPrivateWriting,
  writePrivateWriting,
} from "../src/index.js";

const writing = (changes: Partial<PrivateWriting> = {}): PrivateWriting => ({
  status: "on",
  scope: "board",
  mapId: "m1",
  stageId: null,
  startedAt: 1000,
  counts: {},
  ...changes,
});

const note = (id: string, stageId: string | null): PrivateNote => ({
  id,
  cell: stageId ? { stageId, laneId: "l1" } : null,
  x: 0,
  y: 0,
  kind: "note",
  text: id,
});

describe("private notes from a request", () => {
  it("keep a cell, rounded coordinates, the kind and the text; default to a plain empty note", () => {
    expect(
      cleanPrivateNote(
        { cell: { stageId: "s1", laneId: "l1" }, x: 10.4, y: 20.6, kind: "pain-point", text: "slow" },
        "n1",
      ),
    ).toEqual({
      id: "n1",
      cell: { stageId: "s1", laneId: "l1" },
      x: 10,
      y: 21,
      kind: "pain-point",
      text: "slow",
    });
    expect(cleanPrivateNote({ cell: null, x: 0, y: 0 }, "n2")).toEqual({ ...note("n2", null), text: "" });
  });

  it("are refused with the reason past their bounds", () => {
    expect(cleanPrivateNote({ x: "1", y: 0 }, "n")).toMatch(/x and y/);
    expect(cleanPrivateNote({ x: 2e6, y: 0 }, "n")).toMatch(/x and y/);
    expect(cleanPrivateNote({ x: 0, y: 0, kind: "secret" }, "n")).toMatch(/kind/);
    expect(cleanPrivateNote({ x: 0, y: 0, text: "a".repeat(MAX_NOTE_TEXT + 1) }, "n")).toMatch(/at most/);
    expect(cleanPrivateNote({ x: 0, y: 0, cell: { stageId: "s1" } }, "n")).toMatch(/cell/);
    expect(cleanPrivateNote({ x: 0, y: 0, cell: { stageId: "x".repeat(65), laneId: "l" } }, "n")).toMatch(/cell/);
  });

  it("name their author by a bounded name and a color only when it is one", () => {
    expect(cleanPrivateAuthor("  Ana  ", "#12abEF")).toEqual({ name: "Ana", color: "#12abEF" });
    expect(cleanPrivateAuthor("b".repeat(100), "red")).toEqual({ name: "b".repeat(40), color: null });
    expect(cleanPrivateAuthor(7, undefined)).toEqual({ name: "Participant", color: null });
  });
});

describe("where a private note may be written", () => {
  it("anywhere on the map when the scope is the board", () => {
    expect(mayWritePrivately(writing(), "m1", null)).toBeNull();
    expect(mayWritePrivately(writing(), "m1", { stageId: "s9", laneId: "l1" })).toBeNull();
  });

  it("only in the stage when the scope is a stage", () => {
    const stage = writing({ scope: "stage", stageId: "s1" });
    expect(mayWritePrivately(stage, "m1", { stageId: "s1", laneId: "l1" })).toBeNull();
    expect(mayWritePrivately(stage, "m1", { stageId: "s2", laneId: "l1" })).toMatch(/one stage/);
    expect(mayWritePrivately(stage, "m1", null)).toMatch(/one stage/);
  });

  it("nowhere when it is off or on another map", () => {
    expect(mayWritePrivately(null, "m1", null)).toMatch(/not on/);
    expect(mayWritePrivately(writing({ status: "off" }), "m1", null)).toMatch(/not on/);
    expect(mayWritePrivately(writing(), "m2", null)).toMatch(/another map/);
  });
});

describe("private note counts", () => {
  it("count every participant's notes per stage, outside cells apart", () => {
    expect(countPrivateNotes([[note("a", "s1"), note("b", "s2")], [note("c", "s1"), note("d", null)], []])).toEqual({
      s1: 2,
      s2: 1,
      [OUTSIDE_CELLS]: 1,
    });
  });
});

describe("private writing in the control document", () => {
  it("reads back what was written, and nothing from a record of another version", () => {
    const control = new Y.Doc();
    expect(readPrivateWriting(control)).toBeNull();
    const on = writing({ scope: "stage", stageId: "s1", counts: { s1: 3 } });
    writePrivateWriting(control, on, "relay");
    expect(readPrivateWriting(control)).toEqual(on);
    control.getMap("privateWriting").set("version", 99);
    expect(readPrivateWriting(control)).toBeNull();
  });

  it("writes only the fields that changed", () => {
    const control = new Y.Doc();
    writePrivateWriting(control, writing(), "relay");
    const changed: string[] = [];
    control.getMap("privateWriting").observe((event) => changed.push(...event.keysChanged));
    writePrivateWriting(control, writing({ counts: { s1: 1 } }), "relay");
    expect(changed).toEqual(["counts"]);
  });
});
