import type { Grid, Point } from "@journeyboard/shared";
import type { HeaderRef } from "../ui-state.js";

/**
 * Editing the map's structure by its headers, pure: a press near a header's far edge resizes that
 * stage or lane, anywhere else on it drags it to a new place among the others.
 */
export type StructureDrag =
  | { kind: "resize"; header: HeaderRef; start: number; from: Point }
  | { kind: "reorder"; header: HeaderRef; from: Point };

/** How close to the far edge, in screen pixels, a press resizes instead of reordering. */
export const EDGE_PIXELS = 8;

export function pressHeader(grid: Grid, header: HeaderRef, at: Point, scale: number): StructureDrag | null {
  const edge = EDGE_PIXELS / scale;
  if (header.kind === "stage") {
    const column = grid.columns.find((c) => c.stage.id === header.id);
    if (!column) return null;
    return column.x + column.stage.width - at.x <= edge
      ? { kind: "resize", header, start: column.stage.width, from: at }
      : { kind: "reorder", header, from: at };
  }
  const row = grid.rows.find((r) => r.lane.id === header.id);
  if (!row) return null;
  return row.y + row.lane.height - at.y <= edge
    ? { kind: "resize", header, start: row.lane.height, from: at }
    : { kind: "reorder", header, from: at };
}

/** The size a resize drag asks for at a pointer position (the model clamps it). */
export function resizedTo(drag: Extract<StructureDrag, { kind: "resize" }>, at: Point): number {
  return drag.start + (drag.header.kind === "stage" ? at.x - drag.from.x : at.y - drag.from.y);
}

/** Where a dragged stage or lane would land: its index among the others, by the pointer's position. */
export function dropIndex(grid: Grid, header: HeaderRef, at: Point): number {
  if (header.kind === "stage") {
    return grid.columns.filter((c) => c.stage.id !== header.id && c.x + c.stage.width / 2 < at.x).length;
  }
  return grid.rows.filter((r) => r.lane.id !== header.id && r.y + r.lane.height / 2 < at.y).length;
}

/** The line showing where a dragged stage or lane would land, as [x1, y1, x2, y2]. */
export function dropMarker(grid: Grid, header: HeaderRef, at: Point): [number, number, number, number] {
  const index = dropIndex(grid, header, at);
  if (header.kind === "stage") {
    const others = grid.columns.filter((c) => c.stage.id !== header.id);
    const next = others[index];
    const last = others.at(-1);
    const x = next ? next.x : last ? last.x + last.stage.width : 0;
    return [x, 0, x, grid.height];
  }
  const others = grid.rows.filter((r) => r.lane.id !== header.id);
  const next = others[index];
  const last = others.at(-1);
  const y = next ? next.y : last ? last.y + last.lane.height : 0;
  return [0, y, grid.width, y];
}
