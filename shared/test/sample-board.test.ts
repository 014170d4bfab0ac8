import { describe, expect, it } from "vitest";
import {
  computeGrid,
  DEFAULT_LANES,
  listLanes,
  listNotes,
  listSegments,
  listStages,
  noteRect,
  readCurve,
  sampleBoardPlan,
  writeSampleBoard,
} from "../src/index.js";
import { newBoard } from "./helpers.js";

const lanes = DEFAULT_LANES.map((lane) => lane.kind);

describe("sample boards for the canvas benchmark", () => {
  it("gives the same plan for the same seed, and another for another seed", () => {
    const one = sampleBoardPlan({ count: 300, seed: 7, stages: 9, lanes });
    expect(sampleBoardPlan({ count: 300, seed: 7, stages: 9, lanes })).toEqual(one);
    expect(sampleBoardPlan({ count: 300, seed: 8, stages: 9, lanes }).notes.map((n) => n.text)).not.toEqual(
      one.notes.map((n) => n.text),
    );
  });

  it("spreads notes with varied text over every stage and lane, tags some, and draws each segment's curve", () => {
    const { map } = newBoard();
    const plan = sampleBoardPlan({ count: 1000, seed: 1, stages: listStages(map).length, lanes });
    writeSampleBoard(map, plan);
    const notes = listNotes(map);
    expect(notes).toHaveLength(1000);
    const cells = new Set(notes.map((n) => `${n.cell?.stageId}/${n.cell?.laneId}`));
    expect(cells.size).toBe(listStages(map).length * listLanes(map).length);
    expect(new Set(notes.map((n) => n.text)).size).toBeGreaterThan(500);
    const tagged = notes.filter((n) => n.segmentIds.length > 0).length;
    expect(tagged).toBeGreaterThan(100);
    expect(tagged).toBeLessThan(400);
    const added = listSegments(map).slice(-3);
    expect(added.map((s) => s.name)).toEqual(plan.segments.map((s) => s.name));
    for (const segment of added) expect(readCurve(map, segment.id)).toHaveLength(listStages(map).length);
  });

  it("keeps every note inside its cell, even when the cells are full", () => {
    const { map } = newBoard();
    writeSampleBoard(map, sampleBoardPlan({ count: 12_000, seed: 3, stages: listStages(map).length, lanes }));
    const grid = computeGrid(listStages(map), listLanes(map));
    for (const note of listNotes(map)) {
      const rect = noteRect(grid, note);
      const column = grid.columns.find((c) => c.stage.id === note.cell?.stageId);
      const row = grid.rows.find((r) => r.lane.id === note.cell?.laneId);
      expect(rect.x + rect.w).toBeLessThanOrEqual((column?.x ?? 0) + (column?.stage.width ?? 0));
      expect(rect.y + rect.h).toBeLessThanOrEqual((row?.y ?? 0) + (row?.lane.height ?? 0));
    }
  });
});
