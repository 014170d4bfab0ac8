import { computeGrid, LANE_HEADER_WIDTH, type Lane, STAGE_HEADER_HEIGHT, type Stage } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import {
  fitBoard,
  headerAt,
  headerRect,
  laneColumnWidth,
  MIN_LANE_COLUMN_PX,
  pinnedOffset,
} from "../src/canvas/headers.js";

const stages: Stage[] = [
  { id: "need", title: "Need", phase: "pre-sale", width: 300, order: "a0" },
  { id: "use", title: "Use", phase: "post-sale", width: 300, order: "a1" },
];
const lanes: Lane[] = [{ id: "pains", title: "Pain points", kind: "pain-points", height: 200, order: "a0" }];
const grid = computeGrid(stages, lanes);

describe("sticky headers", () => {
  it("are pinned to the screen's top-left edge once it is past the board origin", () => {
    expect(pinnedOffset({ x: 100, y: 50, scale: 1 })).toEqual({ x: 0, y: 0, laneWidth: LANE_HEADER_WIDTH });
    expect(pinnedOffset({ x: -400, y: -100, scale: 2 })).toEqual({ x: 200, y: 50, laneWidth: LANE_HEADER_WIDTH });
  });

  it("find the stage or lane header under a point, where the headers are pinned", () => {
    const origin = { x: 0, y: 0, laneWidth: LANE_HEADER_WIDTH };
    expect(headerAt(grid, { x: LANE_HEADER_WIDTH + 350, y: 10 }, origin)).toEqual({ kind: "stage", id: "use" });
    expect(headerAt(grid, { x: 10, y: STAGE_HEADER_HEIGHT + 10 }, origin)).toEqual({ kind: "lane", id: "pains" });
    expect(headerAt(grid, { x: 10, y: 10 }, origin)).toBeNull();
    expect(headerAt(grid, { x: LANE_HEADER_WIDTH + 10, y: STAGE_HEADER_HEIGHT + 10 }, origin)).toBeNull();
    const pinned = { x: 400, y: 120, laneWidth: LANE_HEADER_WIDTH };
    expect(headerAt(grid, { x: 410, y: 250 }, pinned)).toEqual({ kind: "lane", id: "pains" });
    expect(headerRect(grid, { kind: "lane", id: "pains" }, pinned)).toEqual({
      x: 400,
      y: STAGE_HEADER_HEIGHT,
      w: LANE_HEADER_WIDTH,
      h: 200,
    });
  });

  it("zoomed out, the lane column keeps a readable width on screen and ends where the first stage starts", () => {
    expect(laneColumnWidth(1)).toBe(LANE_HEADER_WIDTH);
    expect(laneColumnWidth(0.33) * 0.33).toBeCloseTo(MIN_LANE_COLUMN_PX);
    // At rest it reaches left past the board's edge; panned, it sits at the screen's left edge.
    const resting = pinnedOffset({ x: 80, y: 0, scale: 0.33 });
    expect(resting.x + resting.laneWidth).toBeCloseTo(LANE_HEADER_WIDTH);
    const panned = pinnedOffset({ x: -330, y: 0, scale: 0.33 });
    expect(panned.x).toBeCloseTo(1000);
    expect(headerAt(grid, { x: -100, y: STAGE_HEADER_HEIGHT + 10 }, resting)).toEqual({ kind: "lane", id: "pains" });
  });

  it("fitting a wide map leaves the widened lane column room on screen, left of the board", () => {
    const screen = { w: 1280, h: 700 };
    const bounds = { x: 0, y: 0, w: LANE_HEADER_WIDTH + 9 * 300, h: 1200 };
    const view = fitBoard(bounds, screen);
    const columnLeft = pinnedOffset(view).x * view.scale + view.x;
    expect(view.scale).toBeLessThan(0.5);
    expect(columnLeft).toBeGreaterThanOrEqual(0);
    // The whole map still shows, right of the column.
    expect(view.x + bounds.w * view.scale).toBeLessThanOrEqual(screen.w);
    // A map small enough to show at 100 % is fitted as before.
    expect(fitBoard({ x: 0, y: 0, w: 600, h: 400 }, screen).scale).toBeGreaterThan(1);
  });
});
