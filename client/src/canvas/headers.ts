import { type Grid, LANE_HEADER_WIDTH, type Point, type Rect, STAGE_HEADER_HEIGHT } from "@journeyboard/shared";
import type { HeaderRef } from "../ui-state.js";
import { fitRect, type Viewport } from "./viewport.js";

/**
 * The narrowest the lane headers' column is drawn on screen. Zoomed out, the column is drawn wider than
 * its place on the board, reaching left past the board's edge, so that a lane title reads at a readable
 * size without breaking a word; the fitted view (fitBoard) leaves it that room.
 */
export const MIN_LANE_COLUMN_PX = 112;

/** The lane headers' width in board units at a zoom. */
export function laneColumnWidth(scale: number): number {
  return Math.max(LANE_HEADER_WIDTH, MIN_LANE_COLUMN_PX / scale);
}

/** Where the sticky headers are for a view: pinned at the screen's top-left edge, and the lane column's width. */
export interface Pinned extends Point {
  laneWidth: number;
}

export function pinnedOffset(view: Viewport): Pinned {
  const laneWidth = laneColumnWidth(view.scale);
  // A column wider than its place ends where the first stage starts, reaching left past the board's edge.
  return {
    x: Math.max(LANE_HEADER_WIDTH - laneWidth, -view.x / view.scale),
    y: Math.max(0, -view.y / view.scale),
    laneWidth,
  };
}

/** The stage or lane header under a board point, given where the headers are pinned. */
export function headerAt(grid: Grid, point: Point, pinned: Pinned): HeaderRef | null {
  const inStageHeaders = point.y >= pinned.y && point.y < pinned.y + STAGE_HEADER_HEIGHT;
  const inLaneHeaders = point.x >= pinned.x && point.x < pinned.x + pinned.laneWidth;
  if (inStageHeaders && !inLaneHeaders) {
    const column = grid.columns.find((c) => point.x >= c.x && point.x < c.x + c.stage.width);
    return column ? { kind: "stage", id: column.stage.id } : null;
  }
  if (inLaneHeaders && !inStageHeaders) {
    const row = grid.rows.find((r) => point.y >= r.y && point.y < r.y + r.lane.height);
    return row ? { kind: "lane", id: row.lane.id } : null;
  }
  return null;
}

/** The board rectangle a header is drawn in, given where the headers are pinned. */
export function headerRect(grid: Grid, header: HeaderRef, pinned: Pinned): Rect | null {
  if (header.kind === "stage") {
    const column = grid.columns.find((c) => c.stage.id === header.id);
    return column ? { x: column.x, y: pinned.y, w: column.stage.width, h: STAGE_HEADER_HEIGHT } : null;
  }
  const row = grid.rows.find((r) => r.lane.id === header.id);
  return row ? { x: pinned.x, y: row.y, w: pinned.laneWidth, h: row.lane.height } : null;
}

/**
 * The view that shows a map's `bounds` whole (the board origin at their left edge), with room at the
 * left for the lane column where, zoomed out, it is drawn wider than its place on the board: no stage
 * is fitted under it.
 */
export function fitBoard(bounds: Rect, screen: { w: number; h: number }): Viewport {
  let view = fitRect(bounds, screen);
  // Each pass leaves the room the last one's zoom needs; the zoom only shrinks, so two passes settle it.
  for (let pass = 0; pass < 2; pass++) {
    const room = Math.max(0, MIN_LANE_COLUMN_PX - LANE_HEADER_WIDTH * view.scale);
    if (room === 0) break;
    const fitted = fitRect(bounds, { w: screen.w - room, h: screen.h });
    view = { ...fitted, x: fitted.x + room };
  }
  return view;
}
