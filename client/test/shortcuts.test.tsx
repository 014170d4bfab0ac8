import { addNote, noteIds, readNote } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import { handleShortcut } from "../src/commands/shortcuts.js";
import { useUi } from "../src/ui-state.js";
import { localBoard } from "./board.js";

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(event, "target", { value: target });
  return event;
}

describe("keyboard shortcuts", () => {
  it("Delete and Backspace delete the selected notes; undo brings them back", () => {
    const { ctx, map } = localBoard();
    const a = addNote(map, { cell: null, x: 0, y: 0, author: "Ana" });
    const b = addNote(map, { cell: null, x: 0, y: 0, author: "Ana" });
    ctx.connection.undo.stopCapturing();
    useUi.getState().select([a]);
    expect(handleShortcut(press("Delete"), ctx)).toBe(true);
    ctx.connection.undo.stopCapturing();
    expect(noteIds(map)).toEqual([b]);
    useUi.getState().select([b]);
    handleShortcut(press("Backspace"), ctx);
    expect(noteIds(map)).toEqual([]);
    ctx.connection.undo.undo();
    expect(noteIds(map)).toEqual([b]);
    ctx.connection.undo.undo();
    expect(noteIds(map).sort()).toEqual([a, b].sort());
  });

  it("Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo", () => {
    const { ctx, map } = localBoard();
    ctx.connection.undo.stopCapturing();
    addNote(map, { cell: null, x: 0, y: 0, author: "Ana" });
    handleShortcut(press("z", { ctrlKey: true }), ctx);
    expect(noteIds(map)).toHaveLength(0);
    handleShortcut(press("Z", { ctrlKey: true, shiftKey: true }), ctx);
    expect(noteIds(map)).toHaveLength(1);
    handleShortcut(press("z", { ctrlKey: true }), ctx);
    handleShortcut(press("y", { ctrlKey: true }), ctx);
    expect(noteIds(map)).toHaveLength(1);
  });

  it("Ctrl+D duplicates and selects the copies; Ctrl+A selects all", () => {
    const { ctx, map } = localBoard();
    const a = addNote(map, { cell: null, x: 0, y: 0, author: "Ana", text: "Unboxing" });
    useUi.getState().select([a]);
    handleShortcut(press("d", { ctrlKey: true }), ctx);
    const [copy] = useUi.getState().selection;
    expect(copy).not.toBe(a);
    expect(readNote(map, copy ?? "")).toMatchObject({ text: "Unboxing", x: 24, y: 24 });
    handleShortcut(press("a", { ctrlKey: true }), ctx);
    expect([...useUi.getState().selection].sort()).toEqual(noteIds(map).sort());
  });

  it("arrows nudge the selection by the 8 px grid, Shift+arrows by five steps", () => {
    const { ctx, map } = localBoard();
    const a = addNote(map, { cell: null, x: 100, y: 100, author: "Ana" });
    useUi.getState().select([a]);
    handleShortcut(press("ArrowRight"), ctx);
    handleShortcut(press("ArrowDown", { shiftKey: true }), ctx);
    expect(readNote(map, a)).toMatchObject({ x: 108, y: 140 });
  });

  it("tool keys, Enter to edit, Escape to clear, ? for the shortcut list", () => {
    const { ctx, map } = localBoard();
    const a = addNote(map, { cell: null, x: 0, y: 0, author: "Ana" });
    handleShortcut(press("n"), ctx);
    expect(useUi.getState().tool).toBe("note");
    handleShortcut(press("v"), ctx);
    expect(useUi.getState().tool).toBe("select");
    useUi.getState().select([a]);
    handleShortcut(press("Enter"), ctx);
    expect(useUi.getState().editingNoteId).toBe(a);
    handleShortcut(press("?", { shiftKey: true }), ctx);
    expect(useUi.getState().panel).toBe("shortcuts");
    handleShortcut(press("Escape"), ctx);
    expect(useUi.getState().panel).toBeNull();
    handleShortcut(press("Escape"), ctx);
    expect(useUi.getState().selection).toEqual([]);
  });

  it("Shift+1 fits the map, and zoom keys zoom around the screen center", () => {
    const { ctx } = localBoard();
    useUi.getState().setScreen({ w: 1000, h: 800 });
    handleShortcut(press("!", { shiftKey: true, code: "Digit1" }), ctx);
    const fitted = useUi.getState().viewport;
    expect(fitted.scale).toBeLessThan(1);
    handleShortcut(press("+", { shiftKey: true }), ctx);
    expect(useUi.getState().viewport.scale).toBeCloseTo(fitted.scale * 1.2);
  });

  it("leaves keys alone while the participant types in a field, and on a read-only board refuses edits", () => {
    const { ctx, map } = localBoard();
    const a = addNote(map, { cell: null, x: 0, y: 0, author: "Ana" });
    useUi.getState().select([a]);
    expect(handleShortcut(press("Delete", {}, document.createElement("textarea")), ctx)).toBe(false);
    expect(noteIds(map)).toEqual([a]);
    handleShortcut(press("Delete"), { ...ctx, readOnly: true });
    expect(noteIds(map)).toEqual([a]);
  });
});
