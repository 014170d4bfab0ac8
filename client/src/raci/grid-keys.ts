import { isRaciLetter, type RaciLetter } from "@journeyboard/shared";

/**
 * The RACI grid's keyboard, as a pure function of the key, the cell it is pressed on and the grid's
 * shape: arrows move between cells (Home and End to the row's ends, with Ctrl/⌘ to the grid's corners,
 * Page Up and Down by a page of rows), R A C I toggle a letter of a role's cell, Delete or Backspace
 * clear it, Space does what a click does, Enter edits (the activity's title, or the cell's own field).
 * Keys with Ctrl, ⌘ or Alt are left to the board (undo, redo), as are keys this grid has no use for.
 */
export interface GridPosition {
  row: number;
  col: number;
}

export interface GridShape {
  rows: number;
  cols: number;
  /** The columns that hold letters (the roles'): `firstRole` up to `firstRole + roles - 1`. */
  firstRole: number;
  roles: number;
}

export type GridKeyAction =
  | { kind: "move"; to: GridPosition }
  | { kind: "toggle"; letter: RaciLetter }
  | { kind: "clear" }
  | { kind: "click" }
  | { kind: "edit" };

export type GridKey = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">;

/** Rows Page Up and Page Down move by. */
export const PAGE_ROWS = 10;

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(value, high));

/** A position inside the grid (the nearest cell), or null when the grid has no cell. */
export function clampPosition(at: GridPosition, shape: Pick<GridShape, "rows" | "cols">): GridPosition | null {
  if (shape.rows <= 0 || shape.cols <= 0) return null;
  return { row: clamp(at.row, 0, shape.rows - 1), col: clamp(at.col, 0, shape.cols - 1) };
}

export function isRoleColumn(col: number, shape: GridShape): boolean {
  return col >= shape.firstRole && col < shape.firstRole + shape.roles;
}

function moveBy(at: GridPosition, shape: GridShape, rows: number, cols: number): GridKeyAction {
  const to = clampPosition({ row: at.row + rows, col: at.col + cols }, shape) ?? at;
  return { kind: "move", to };
}

/** What a key pressed on cell `at` does, or null when the grid leaves it alone. */
export function gridKeyAction(event: GridKey, at: GridPosition, shape: GridShape): GridKeyAction | null {
  const mod = event.ctrlKey || event.metaKey;
  if (event.altKey) return null;
  switch (event.key) {
    case "ArrowUp":
      return mod ? null : moveBy(at, shape, -1, 0);
    case "ArrowDown":
      return mod ? null : moveBy(at, shape, 1, 0);
    case "ArrowLeft":
      return mod ? null : moveBy(at, shape, 0, -1);
    case "ArrowRight":
      return mod ? null : moveBy(at, shape, 0, 1);
    case "PageUp":
      return moveBy(at, shape, -PAGE_ROWS, 0);
    case "PageDown":
      return moveBy(at, shape, PAGE_ROWS, 0);
    case "Home":
      return { kind: "move", to: { row: mod ? 0 : at.row, col: 0 } };
    case "End":
      return {
        kind: "move",
        to: { row: mod ? Math.max(0, shape.rows - 1) : at.row, col: Math.max(0, shape.cols - 1) },
      };
    case "Enter":
      return mod ? null : { kind: "edit" };
  }
  if (mod || !isRoleColumn(at.col, shape)) return null;
  if (event.key === "Delete" || event.key === "Backspace") return { kind: "clear" };
  if (event.key === " ") return { kind: "click" };
  const letter = event.key.toUpperCase();
  return isRaciLetter(letter) ? { kind: "toggle", letter } : null;
}
