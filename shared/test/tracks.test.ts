import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import {
  addLane,
  addNote,
  addStage,
  computeGrid,
  containerOf,
  deleteLane,
  deleteStage,
  isUnplaced,
  LANE_HEADER_WIDTH,
  LANE_HEIGHT,
  LANE_KINDS,
  listLanes,
  listNotes,
  listStages,
  moveLane,
  moveStage,
  noteKindOfLane,
  noteRect,
  Phase,
  readNote,
  renameStage,
  resizeLane,
  resizeStage,
  STAGE_WIDTH,
  saleBoundaries,
  setStagePhase,
  UNPLACED_GAP,
} from "../src/index.js";
import { contentOf, newBoard, peerOf, sync } from "./helpers.js";

const titles = (map: Parameters<typeof listStages>[0]) => listStages(map).map((s) => s.title);

describe("stages", () => {
  it("are added after a given stage or at the end", () => {
    const { map } = newBoard();
    const [first] = listStages(map);
    addStage(map, { title: "I compare", phase: "pre-sale" }, first?.id ?? null);
    addStage(map, { title: "I recommend", phase: "post-sale" });
    expect(titles(map).slice(0, 3)).toEqual(["I have a job to do / pain point", "I compare", "I am aware"]);
    expect(titles(map).at(-1)).toBe("I recommend");
    expect(listStages(map)).toHaveLength(11);
  });

  it("move to any position, resize within bounds, and change phase", () => {
    const { map } = newBoard();
    const stages = listStages(map);
    const help = stages.at(-1);
    if (!help) throw new Error("no stages");
    moveStage(map, help.id, 0);
    expect(titles(map)[0]).toBe("I get help");
    moveStage(map, help.id, 3);
    expect(titles(map)[3]).toBe("I get help");
    resizeStage(map, help.id, 10_000);
    expect(listStages(map)[3]?.width).toBe(STAGE_WIDTH.max);
    setStagePhase(map, help.id, "pre-sale");
    expect(listStages(map)[3]?.phase).toBe("pre-sale");
  });

  it("deleting a stage moves its notes to the stage before it (the first stage's to the next), never drops them", () => {
    const { map } = newBoard();
    const [need, aware, shop] = listStages(map);
    const [lane] = listLanes(map);
    if (!need || !aware || !shop || !lane) throw new Error("template");
    const a = addNote(map, { cell: { stageId: shop.id, laneId: lane.id }, x: 12, y: 30, author: "" });
    const b = addNote(map, { cell: { stageId: need.id, laneId: lane.id }, x: 5, y: 5, author: "" });
    expect(deleteStage(map, shop.id)).toBe(1);
    expect(readNote(map, a)).toMatchObject({ cell: { stageId: aware.id, laneId: lane.id }, x: 12, y: 30 });
    expect(deleteStage(map, need.id)).toBe(1);
    expect(readNote(map, b)?.cell?.stageId).toBe(aware.id);
    expect(listNotes(map)).toHaveLength(2);
  });

  it("concurrent moves of different stages both land, in either merge order", () => {
    for (const order of ["a-first", "b-first"] as const) {
      const a = newBoard();
      const b = peerOf(a.doc);
      const stages = listStages(a.map);
      moveStage(a.map, stages[8]?.id ?? "", 0);
      moveStage(b.map, stages[1]?.id ?? "", 8);
      sync(a.doc, b.doc, order);
      expect(contentOf(a.doc)).toEqual(contentOf(b.doc));
      expect(titles(a.map)[0]).toBe("I get help");
      expect(titles(a.map).at(-1)).toBe("I am aware");
      expect(new Set(titles(a.map)).size).toBe(9);
    }
  });

  it("one deletes a stage while another adds a note in it: nothing is lost, both converge, the note shows unplaced", () => {
    for (const order of ["a-first", "b-first"] as const) {
      const a = newBoard();
      const b = peerOf(a.doc);
      const shop = listStages(a.map)[2];
      const lane = listLanes(a.map)[0];
      if (!shop || !lane) throw new Error("template");
      deleteStage(a.map, shop.id);
      const id = addNote(b.map, {
        cell: { stageId: shop.id, laneId: lane.id },
        x: 20,
        y: 10,
        author: "Bo",
        text: "Bundle offer",
      });
      sync(a.doc, b.doc, order);
      expect(contentOf(a.doc)).toEqual(contentOf(b.doc));
      const note = readNote(a.map, id);
      expect(note?.text).toBe("Bundle offer");
      const grid = computeGrid(listStages(a.map), listLanes(a.map));
      expect(note && isUnplaced(grid, note)).toBe(true);
      expect(note && noteRect(grid, note)).toMatchObject({
        x: LANE_HEADER_WIDTH + 20,
        y: grid.height + UNPLACED_GAP + 10,
      });
    }
  });

  it("one renames a stage while another deletes it: the stage is gone for both, its notes kept", () => {
    const a = newBoard();
    const b = peerOf(a.doc);
    const aware = listStages(a.map)[1];
    const lane = listLanes(a.map)[0];
    if (!aware || !lane) throw new Error("template");
    addNote(a.map, { cell: { stageId: aware.id, laneId: lane.id }, x: 0, y: 0, author: "" });
    sync(a.doc, b.doc);
    renameStage(a.map, aware.id, "I hear about it");
    deleteStage(b.map, aware.id);
    sync(a.doc, b.doc);
    expect(contentOf(a.doc)).toEqual(contentOf(b.doc));
    expect(titles(a.map)).not.toContain("I hear about it");
    expect(listNotes(a.map)).toHaveLength(1);
  });
});

describe("lanes", () => {
  it("are added, moved, resized and deleted with their notes moved to the lane above", () => {
    const { map } = newBoard();
    const lanes = listLanes(map);
    const [actions, touchpoints] = lanes;
    const stage = listStages(map)[0];
    if (!actions || !touchpoints || !stage) throw new Error("template");
    const added = addLane(map, { title: "Devices", kind: "channels" }, actions.id);
    expect(listLanes(map)[1]?.id).toBe(added);
    moveLane(map, added, 100);
    expect(listLanes(map).at(-1)?.id).toBe(added);
    resizeLane(map, added, 1);
    expect(listLanes(map).at(-1)?.height).toBe(LANE_HEIGHT.min);
    const note = addNote(map, { cell: { stageId: stage.id, laneId: touchpoints.id }, x: 0, y: 0, author: "" });
    expect(deleteLane(map, touchpoints.id)).toBe(1);
    expect(readNote(map, note)?.cell?.laneId).toBe(actions.id);
  });
});

describe("what a lane makes a note", () => {
  it("is a touchpoint in Touchpoints and Channels, a pain point, an opportunity, or else a plain note", () => {
    const kinds = Object.fromEntries(LANE_KINDS.map((kind) => [kind, noteKindOfLane(kind)]));
    expect(kinds).toEqual({
      actions: "note",
      touchpoints: "touchpoint",
      channels: "touchpoint",
      thoughts: "note",
      "pain-points": "pain-point",
      opportunities: "opportunity",
      backstage: "note",
      emotion: "note",
    });
  });
});

describe("order keys", () => {
  it("two people adding a stage at the same place both land there, with distinct keys, in either merge order", () => {
    for (const order of ["a-first", "b-first"] as const) {
      const a = newBoard();
      const b = peerOf(a.doc);
      const first = listStages(a.map)[0]?.id ?? null;
      const x = addStage(a.map, { title: "X", phase: "pre-sale" }, first);
      const y = addStage(b.map, { title: "Y", phase: "pre-sale" }, first);
      sync(a.doc, b.doc, order);
      const stages = listStages(a.map);
      expect(new Set([stages[1]?.id, stages[2]?.id])).toEqual(new Set([x, y]));
      expect(new Set(stages.map((s) => s.order)).size).toBe(stages.length);
      expect(listStages(b.map)).toEqual(stages);
    }
  });

  it("between stages whose keys tie (written before keys were jittered), a move and an add land at their index", () => {
    const { map } = newBoard();
    const stages = containerOf(map, "stages") as Y.Map<Y.Map<unknown>>;
    const [, second, third, fourth] = listStages(map);
    // Two concurrent inserts by an older version left the second and third stages with one key.
    stages.get(third?.id ?? "")?.set("order", second?.order);
    const tied = listStages(map).map((s) => s.id);
    const last = tied.at(-1) ?? "";
    moveStage(map, last, 2);
    const afterMove = listStages(map);
    expect(afterMove.findIndex((s) => s.id === last)).toBe(2);
    expect(afterMove.map((s) => s.id)).toEqual([...tied.slice(0, 2), last, ...tied.slice(2, -1)]);
    expect(new Set(afterMove.map((s) => s.order)).size).toBe(afterMove.length);
    const added = addStage(map, { title: "Z", phase: "pre-sale" }, fourth?.id ?? null);
    expect(listStages(map).findIndex((s) => s.id === added)).toBe(afterMove.findIndex((s) => s.id === fourth?.id) + 1);
  });

  it("an empty key (a peer wrote nonsense) does not stop a move: every stage gets a fresh key in today's order", () => {
    const { map } = newBoard();
    const before = listStages(map);
    const stages = containerOf(map, "stages") as Y.Map<Y.Map<unknown>>;
    stages.get(before[4]?.id ?? "")?.set("order", "");
    // The stage with the empty key now sorts first; another lands right after it.
    const ids = listStages(map).map((s) => s.id);
    const moving = ids[6] ?? "";
    moveStage(map, moving, 1);
    const after = listStages(map).map((s) => s.id);
    expect(after.indexOf(moving)).toBe(1);
    expect(after.filter((id) => id !== moving)).toEqual(ids.filter((id) => id !== moving));
  });
});

describe("the sale", () => {
  it("is crossed wherever the phase changes; a pre-sale stage after a post-sale one is out of order", () => {
    const pre = (id: string) => ({ id, phase: Phase.preSale });
    const post = (id: string) => ({ id, phase: Phase.postSale });
    expect(saleBoundaries([pre("a"), pre("b"), post("c"), post("d")])).toEqual({ changes: [2], outOfOrder: [] });
    expect(saleBoundaries([pre("a"), post("b"), pre("c"), post("d")])).toEqual({
      changes: [1, 2, 3],
      outOfOrder: ["c"],
    });
    expect(saleBoundaries([post("a"), pre("b")])).toEqual({ changes: [1], outOfOrder: ["b"] });
    expect(saleBoundaries([])).toEqual({ changes: [], outOfOrder: [] });
  });
});
