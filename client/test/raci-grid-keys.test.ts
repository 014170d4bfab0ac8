import { describe, expect, it } from "vitest";
import { clampPosition, type GridKey, type GridShape, gridKeyAction, PAGE_ROWS } from "../src/raci/grid-keys.js";

/** Title, stage, three roles, systems: five rows of activities. */
const SHAPE: GridShape = { rows: 5, cols: 6, firstRole: 2, roles: 3 };

const key = (name: string, mods: Partial<GridKey> = {}): GridKey => ({
  key: name,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("the RACI grid's keyboard", () => {
  it("moves with the arrows, and stops at the grid's edges", () => {
    expect(gridKeyAction(key("ArrowRight"), { row: 0, col: 0 }, SHAPE)).toEqual({
      kind: "move",
      to: { row: 0, col: 1 },
    });
    expect(gridKeyAction(key("ArrowDown"), { row: 1, col: 3 }, SHAPE)).toEqual({
      kind: "move",
      to: { row: 2, col: 3 },
    });
    expect(gridKeyAction(key("ArrowLeft"), { row: 2, col: 0 }, SHAPE)).toEqual({
      kind: "move",
      to: { row: 2, col: 0 },
    });
    expect(gridKeyAction(key("ArrowUp"), { row: 0, col: 4 }, SHAPE)).toEqual({ kind: "move", to: { row: 0, col: 4 } });
    expect(gridKeyAction(key("ArrowRight"), { row: 4, col: 5 }, SHAPE)).toEqual({
      kind: "move",
      to: { row: 4, col: 5 },
    });
  });

  it("goes to the row's ends with Home and End, to the grid's corners with Ctrl, by a page with Page Up and Down", () => {
    expect(gridKeyAction(key("Home"), { row: 3, col: 4 }, SHAPE)).toEqual({ kind: "move", to: { row: 3, col: 0 } });
    expect(gridKeyAction(key("End"), { row: 3, col: 1 }, SHAPE)).toEqual({ kind: "move", to: { row: 3, col: 5 } });
    expect(gridKeyAction(key("Home", { ctrlKey: true }), { row: 3, col: 4 }, SHAPE)).toEqual({
      kind: "move",
      to: { row: 0, col: 0 },
    });
    expect(gridKeyAction(key("End", { metaKey: true }), { row: 0, col: 0 }, SHAPE)).toEqual({
      kind: "move",
      to: { row: 4, col: 5 },
    });
    const tall = { ...SHAPE, rows: 30 };
    expect(gridKeyAction(key("PageDown"), { row: 2, col: 2 }, tall)).toEqual({
      kind: "move",
      to: { row: 2 + PAGE_ROWS, col: 2 },
    });
    expect(gridKeyAction(key("PageUp"), { row: 2, col: 2 }, tall)).toEqual({ kind: "move", to: { row: 0, col: 2 } });
  });

  it("toggles R, A, C and I in either case, clears with Delete or Backspace, clicks with Space, on a role's cell only", () => {
    for (const [pressed, letter] of [
      ["r", "R"],
      ["A", "A"],
      ["c", "C"],
      ["i", "I"],
    ]) {
      expect(gridKeyAction(key(pressed ?? ""), { row: 0, col: 2 }, SHAPE)).toEqual({ kind: "toggle", letter });
    }
    expect(gridKeyAction(key("Delete"), { row: 0, col: 4 }, SHAPE)).toEqual({ kind: "clear" });
    expect(gridKeyAction(key("Backspace"), { row: 0, col: 3 }, SHAPE)).toEqual({ kind: "clear" });
    expect(gridKeyAction(key(" "), { row: 0, col: 3 }, SHAPE)).toEqual({ kind: "click" });
    // The title, the stage and the systems hold no letters.
    for (const col of [0, 1, 5]) {
      expect(gridKeyAction(key("r"), { row: 0, col }, SHAPE)).toBeNull();
      expect(gridKeyAction(key("Delete"), { row: 0, col }, SHAPE)).toBeNull();
    }
    expect(gridKeyAction(key("x"), { row: 0, col: 2 }, SHAPE)).toBeNull();
  });

  it("edits with Enter anywhere; leaves Ctrl, ⌘ and Alt combos (undo, redo) to the board", () => {
    expect(gridKeyAction(key("Enter"), { row: 1, col: 3 }, SHAPE)).toEqual({ kind: "edit" });
    expect(gridKeyAction(key("z", { ctrlKey: true }), { row: 1, col: 3 }, SHAPE)).toBeNull();
    expect(gridKeyAction(key("r", { metaKey: true }), { row: 1, col: 3 }, SHAPE)).toBeNull();
    expect(gridKeyAction(key("ArrowDown", { altKey: true }), { row: 1, col: 3 }, SHAPE)).toBeNull();
    expect(gridKeyAction(key("ArrowDown", { ctrlKey: true }), { row: 1, col: 3 }, SHAPE)).toBeNull();
  });

  it("keeps the active cell inside a grid that shrank, and has none in an empty grid", () => {
    expect(clampPosition({ row: 9, col: 9 }, SHAPE)).toEqual({ row: 4, col: 5 });
    expect(clampPosition({ row: 0, col: 0 }, { rows: 0, cols: 6 })).toBeNull();
  });
});
