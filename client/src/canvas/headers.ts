import { type Grid, LANE_HEADER_WIDTH, type Point, type Rect, STAGE_HEADER_HEIGHT } from "@journeyboard/shared";
import type { HeaderRef } from "../ui-state.js";
import type { Viewport } from "./viewport.js";

/** Where the sticky headers are pinned for a view: the board coordinates of the screen's top-left edge. */
export function pinnedOffset(view: Viewport): Point {
  return { x: Math.max(0, -view.x / view.scale), y: Math.max(0, -view.y / view.scale) };
}

/** The stage or lane header under a board point, given where the headers are pinned. */
export function headerAt(grid: Grid, point: Point, pinned: Point): HeaderRef | null {
  const inStageHeaders = point.y >= pinned.y && point.y < pinned.y + STAGE_HEADER_HEIGHT;
  const inLaneHeaders = point.x >= pinned.x && point.x < pinned.x + LANE_HEADER_WIDTH;
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
export function headerRect(grid: Grid, header: HeaderRef, pinned: Point): Rect | null {
  if (header.kind === "stage") {
    const column = grid.columns.find((c) => c.stage.id === header.id);
    return column ? { x: column.x, y: pinned.y, w: column.stage.width, h: STAGE_HEADER_HEIGHT } : null;
  }
  const row = grid.rows.find((r) => r.lane.id === header.id);
  return row ? { x: pinned.x, y: row.y, w: LANE_HEADER_WIDTH, h: row.lane.height } : null;
}
