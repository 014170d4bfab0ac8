import type { Cell, Lane, Note, Stage } from "./schema.js";

/**
 * Geometry of a map, pure: where each stage column and lane row sits on the board, which cell a point
 * falls in, and where a note is drawn. Notes are stored relative to their cell, so they follow it when
 * stages or lanes are resized or reordered.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Rect extends Point {
  w: number;
  h: number;
}

export const STAGE_HEADER_HEIGHT = 64;
export const LANE_HEADER_WIDTH = 176;

export interface GridColumn {
  stage: Stage;
  x: number;
}

export interface GridRow {
  lane: Lane;
  y: number;
}

export interface Grid {
  columns: GridColumn[];
  rows: GridRow[];
  /** The whole map, headers included. */
  width: number;
  height: number;
}

export function computeGrid(stages: readonly Stage[], lanes: readonly Lane[]): Grid {
  let x = LANE_HEADER_WIDTH;
  const columns = stages.map((stage) => {
    const column = { stage, x };
    x += stage.width;
    return column;
  });
  let y = STAGE_HEADER_HEIGHT;
  const rows = lanes.map((lane) => {
    const row = { lane, y };
    y += lane.height;
    return row;
  });
  return { columns, rows, width: x, height: y };
}

/** The cell under a board point, or null outside the grid's cells. */
export function cellAt(grid: Grid, point: Point): Cell | null {
  const column = grid.columns.find((c) => point.x >= c.x && point.x < c.x + c.stage.width);
  const row = grid.rows.find((r) => point.y >= r.y && point.y < r.y + r.lane.height);
  return column && row ? { stageId: column.stage.id, laneId: row.lane.id } : null;
}

/** The top-left corner of a cell on the board, or null when its stage or lane no longer exists. */
export function cellOrigin(grid: Grid, cell: Cell): Point | null {
  const column = grid.columns.find((c) => c.stage.id === cell.stageId);
  const row = grid.rows.find((r) => r.lane.id === cell.laneId);
  return column && row ? { x: column.x, y: row.y } : null;
}

/** Notes whose stage or lane was deleted meanwhile (by someone else) wait in a strip under the grid. */
export const UNPLACED_GAP = 96;

/** Whether a note's cell no longer exists, so it shows in the unplaced strip. */
export function isUnplaced(grid: Grid, note: Pick<Note, "cell">): boolean {
  return note.cell !== null && cellOrigin(grid, note.cell) === null;
}

/**
 * Where a note is drawn on the board: in its cell; at its own board position when it has none; in the
 * unplaced strip, at its old offset, when its cell is gone. Nothing is ever hidden.
 */
export function noteRect(grid: Grid, note: Pick<Note, "cell" | "x" | "y" | "w" | "h">): Rect {
  const size = { w: note.w, h: note.h };
  if (!note.cell) return { x: note.x, y: note.y, ...size };
  const origin = cellOrigin(grid, note.cell);
  if (origin) return { x: origin.x + note.x, y: origin.y + note.y, ...size };
  return { x: LANE_HEADER_WIDTH + note.x, y: grid.height + UNPLACED_GAP + note.y, ...size };
}

export interface Placement {
  cell: Cell | null;
  x: number;
  y: number;
}

/** Stores a note drawn at a board point: in the cell under its center, relative to that cell. */
export function placeAt(grid: Grid, topLeft: Point, size: { w: number; h: number }): Placement {
  const cell = cellAt(grid, { x: topLeft.x + size.w / 2, y: topLeft.y + size.h / 2 });
  const origin = cell ? cellOrigin(grid, cell) : null;
  return { cell, x: topLeft.x - (origin?.x ?? 0), y: topLeft.y - (origin?.y ?? 0) };
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The rectangle spanned by two corners, in any order (a rubber band). */
export function rectFromCorners(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}
