import { computeGrid, LANE_HEADER_WIDTH, type Lane, STAGE_HEADER_HEIGHT, type Stage } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import { headerAt, headerRect, pinnedOffset } from "../src/canvas/headers.js";

const stages: Stage[] = [
  { id: "need", title: "Need", phase: "pre-sale", width: 300, order: "a0" },
  { id: "use", title: "Use", phase: "post-sale", width: 300, order: "a1" },
];
const lanes: Lane[] = [{ id: "pains", title: "Pain points", kind: "pain-points", height: 200, order: "a0" }];
const grid = computeGrid(stages, lanes);

describe("sticky headers", () => {
  it("are pinned to the screen's top-left edge once it is past the board origin", () => {
    expect(pinnedOffset({ x: 100, y: 50, scale: 1 })).toEqual({ x: 0, y: 0 });
    expect(pinnedOffset({ x: -400, y: -100, scale: 2 })).toEqual({ x: 200, y: 50 });
  });

  it("find the stage or lane header under a point, where the headers are pinned", () => {
    const origin = { x: 0, y: 0 };
    expect(headerAt(grid, { x: LANE_HEADER_WIDTH + 350, y: 10 }, origin)).toEqual({ kind: "stage", id: "use" });
    expect(headerAt(grid, { x: 10, y: STAGE_HEADER_HEIGHT + 10 }, origin)).toEqual({ kind: "lane", id: "pains" });
    expect(headerAt(grid, { x: 10, y: 10 }, origin)).toBeNull();
    expect(headerAt(grid, { x: LANE_HEADER_WIDTH + 10, y: STAGE_HEADER_HEIGHT + 10 }, origin)).toBeNull();
    const pinned = { x: 400, y: 120 };
    expect(headerAt(grid, { x: 410, y: 250 }, pinned)).toEqual({ kind: "lane", id: "pains" });
    expect(headerRect(grid, { kind: "lane", id: "pains" }, pinned)).toEqual({
      x: 400,
      y: STAGE_HEADER_HEIGHT,
      w: LANE_HEADER_WIDTH,
      h: 200,
    });
  });
});
