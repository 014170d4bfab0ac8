import { describe, expect, it } from "vitest";
import {
  cellAt,
  cellOrigin,
  computeGrid,
  intersects,
  LANE_HEADER_WIDTH,
  type Lane,
  noteRect,
  placeAt,
  rectFromCorners,
  STAGE_HEADER_HEIGHT,
  type Stage,
} from "../src/index.js";

const stages: Stage[] = [
  { id: "s1", title: "Need", phase: "pre-sale", width: 300, order: "a0" },
  { id: "s2", title: "Use", phase: "post-sale", width: 400, order: "a1" },
];
const lanes: Lane[] = [
  { id: "l1", title: "Actions", kind: "actions", height: 200, order: "a0" },
  { id: "l2", title: "Pain points", kind: "pain-points", height: 100, order: "a1" },
];
const grid = computeGrid(stages, lanes);

describe("grid layout", () => {
  it("lays stages left to right after the lane headers and lanes top to bottom under the stage headers", () => {
    expect(grid.columns.map((c) => c.x)).toEqual([LANE_HEADER_WIDTH, LANE_HEADER_WIDTH + 300]);
    expect(grid.rows.map((r) => r.y)).toEqual([STAGE_HEADER_HEIGHT, STAGE_HEADER_HEIGHT + 200]);
    expect(grid.width).toBe(LANE_HEADER_WIDTH + 700);
    expect(grid.height).toBe(STAGE_HEADER_HEIGHT + 300);
  });

  it("finds the cell under a point, and none outside the cells", () => {
    expect(cellAt(grid, { x: LANE_HEADER_WIDTH + 350, y: STAGE_HEADER_HEIGHT + 250 })).toEqual({
      stageId: "s2",
      laneId: "l2",
    });
    expect(cellAt(grid, { x: 10, y: STAGE_HEADER_HEIGHT + 10 })).toBeNull();
    expect(cellAt(grid, { x: LANE_HEADER_WIDTH + 10, y: 10 })).toBeNull();
    expect(cellOrigin(grid, { stageId: "gone", laneId: "l1" })).toBeNull();
  });

  it("places a note in the cell under its center and draws it back at the same place", () => {
    const topLeft = { x: LANE_HEADER_WIDTH + 280, y: STAGE_HEADER_HEIGHT + 20 };
    const placement = placeAt(grid, topLeft, { w: 160, h: 100 });
    expect(placement.cell).toEqual({ stageId: "s2", laneId: "l1" });
    expect(placement.x).toBe(-20);
    expect(noteRect(grid, { ...placement, w: 160, h: 100 })).toEqual({ ...topLeft, w: 160, h: 100 });
  });

  it("a note follows its cell when an earlier stage grows", () => {
    const note = { cell: { stageId: "s2", laneId: "l1" }, x: 10, y: 10, w: 100, h: 100 };
    const wider = computeGrid([{ ...stages[0], width: 500 } as Stage, stages[1] as Stage], lanes);
    expect(noteRect(wider, note).x - noteRect(grid, note).x).toBe(200);
  });

  it("intersects rectangles and builds a rubber band from any two corners", () => {
    const band = rectFromCorners({ x: 100, y: 100 }, { x: 0, y: 0 });
    expect(band).toEqual({ x: 0, y: 0, w: 100, h: 100 });
    expect(intersects(band, { x: 90, y: 90, w: 50, h: 50 })).toBe(true);
    expect(intersects(band, { x: 100, y: 0, w: 50, h: 50 })).toBe(false);
  });
});
