import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addMap,
  createBoard,
  DEFAULT_LANES,
  DEFAULT_STAGES,
  deleteMap,
  duplicateMap,
  isCreated,
  listLanes,
  listMaps,
  listSegments,
  listStages,
  moveMap,
  openBoard,
  readMeta,
  renameBoard,
  renameLane,
  renameMap,
  renameStage,
  SCHEMA_VERSION,
} from "../src/index.js";
import { contentOf, newBoard, peerOf, sync } from "./helpers.js";

describe("a new board", () => {
  it("carries the schema version, title and creation time", () => {
    const { board, doc } = newBoard();
    expect(isCreated(doc)).toBe(true);
    expect(readMeta(board)).toEqual({ schemaVersion: SCHEMA_VERSION, title: "Test board", createdAt: 1 });
  });

  it("starts from the method's journey: nine stages in order, four pre-sale then five post-sale", () => {
    const { map } = newBoard();
    const stages = listStages(map);
    expect(stages.map((s) => s.title)).toEqual([
      "I have a job to do / pain point",
      "I am aware",
      "I shop",
      "I buy",
      "I receive",
      "I install",
      "I use",
      "I continue or renew",
      "I get help",
    ]);
    expect(stages.map((s) => s.phase)).toEqual([...Array(4).fill("pre-sale"), ...Array(5).fill("post-sale")]);
    expect(stages).toHaveLength(DEFAULT_STAGES.length);
  });

  it("has the swimlanes of a journey map, an emotion lane among them, and one segment", () => {
    const { map } = newBoard();
    expect(listLanes(map).map((l) => l.kind)).toEqual(DEFAULT_LANES.map((l) => l.kind));
    expect(listLanes(map).map((l) => l.kind)).toContain("emotion");
    expect(listLanes(map).at(-1)?.title).toBe("Backstage / owner");
    expect(listSegments(map).map((s) => s.name)).toEqual(["Typical customer"]);
  });

  it("an empty doc is not a created board", () => {
    expect(isCreated(new Y.Doc())).toBe(false);
  });
});

describe("board mutations", () => {
  it("renames the board, trimming and bounding the title and refusing an empty one", () => {
    const { board } = newBoard();
    renameBoard(board, "  Onboarding journey  ");
    expect(readMeta(board).title).toBe("Onboarding journey");
    renameBoard(board, "   ");
    expect(readMeta(board).title).toBe("Customer journey");
    renameBoard(board, "x".repeat(500));
    expect(readMeta(board).title).toHaveLength(120);
  });

  it("adds maps after the existing ones", () => {
    const { board } = newBoard();
    addMap(board, { title: "Future state", state: "future", stages: DEFAULT_STAGES, lanes: DEFAULT_LANES });
    expect(listMaps(board).map((m) => [m.title, m.state])).toEqual([
      ["Current state", "current"],
      ["Future state", "future"],
    ]);
  });

  it("renames, moves and deletes map tabs; a second copy gets a title of its own; the last map stays", () => {
    const { board, map } = newBoard();
    const first = duplicateMap(board, map.id, "Future state", "future");
    const second = duplicateMap(board, map.id, "Future state", "future");
    expect(listMaps(board).map((m) => m.title)).toEqual(["Current state", "Future state", "Future state 2"]);
    renameMap(board, second?.id ?? "", "  Future state, bold  ");
    renameMap(board, first?.id ?? "", "   ");
    moveMap(board, second?.id ?? "", 0);
    expect(listMaps(board).map((m) => m.title)).toEqual(["Future state, bold", "Current state", "Future state"]);
    expect(deleteMap(board, first?.id ?? "")).toBe(true);
    expect(deleteMap(board, second?.id ?? "")).toBe(true);
    expect(deleteMap(board, map.id)).toBe(false);
    expect(listMaps(board).map((m) => m.id)).toEqual([map.id]);
  });

  it("two people moving map tabs at once both land, and keys stay distinct", () => {
    const a = newBoard();
    const x = duplicateMap(a.board, a.map.id, "X", "future");
    const y = duplicateMap(a.board, a.map.id, "Y", "future");
    const b = peerOf(a.doc);
    moveMap(a.board, x?.id ?? "", 0);
    moveMap(b.board, y?.id ?? "", 0);
    sync(a.doc, b.doc);
    const orders = listMaps(a.board).map((m) => m.order);
    expect(new Set(orders).size).toBe(3);
    expect(listMaps(a.board)).toEqual(listMaps(b.board));
    expect(listMaps(a.board).at(-1)?.id).toBe(a.map.id);
  });

  it("renames stages and lanes", () => {
    const { map } = newBoard();
    const [stage] = listStages(map);
    const [lane] = listLanes(map);
    if (!stage || !lane) throw new Error("template has stages and lanes");
    renameStage(map, stage.id, "I need a new phone");
    renameLane(map, lane.id, "What the customer does");
    expect(listStages(map)[0]?.title).toBe("I need a new phone");
    expect(listLanes(map)[0]?.title).toBe("What the customer does");
  });

  it("concurrent renames of different stages both land, whatever the merge order", () => {
    for (const order of ["a-first", "b-first"] as const) {
      const a = newBoard();
      const b = peerOf(a.doc);
      const [first, second] = listStages(a.map);
      if (!first || !second) throw new Error("template has stages");
      renameStage(a.map, first.id, "Need");
      renameStage(b.map, second.id, "Aware");
      renameBoard(b.board, "Renamed by b");
      sync(a.doc, b.doc, order);
      expect(contentOf(a.doc)).toEqual(contentOf(b.doc));
      expect(
        listStages(a.map)
          .slice(0, 2)
          .map((s) => s.title),
      ).toEqual(["Need", "Aware"]);
      expect(readMeta(openBoard(a.doc)).title).toBe("Renamed by b");
    }
  });

  it("each change is one transaction with the board's origin", () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr) => origins.push(tr.origin));
    createBoard(doc);
    renameBoard(openBoard(doc, "me"), "Mine");
    expect(origins).toEqual([null, "me"]);
  });
});
