import { NOTE_SIZE } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import { handleSide, NoteResize, type ResizePreview, type Size, sizeAt } from "../src/canvas/note-resize.js";

function resizer() {
  const previews: (ResizePreview | null)[] = [];
  const stored: { id: string; size: Size }[] = [];
  const resize = new NoteResize(
    (preview) => previews.push(preview),
    (id, size) => stored.push({ id, size }),
  );
  return { resize, previews, stored };
}

describe("resizing a note by its handle", () => {
  it("the note's corner follows the handle, rounded and clamped to the note limits", () => {
    expect(sizeAt({ x: 188.4, y: 128.6 }, 12)).toEqual({ w: 200, h: 141 });
    expect(sizeAt({ x: -50, y: 5000 }, 12)).toEqual({ w: NOTE_SIZE.min, h: NOTE_SIZE.max });
  });

  it("the handle keeps a constant size on screen, but stays small on a small note", () => {
    expect(handleSide(1, { w: 160, h: 112 })).toBe(12);
    expect(handleSide(2, { w: 160, h: 112 })).toBe(6);
    expect(handleSide(0.25, { w: 160, h: 112 })).toBe(112 / 3);
  });

  it("shows the size to this participant while dragging and stores it once at the end", () => {
    const { resize, previews, stored } = resizer();
    resize.start("n1", { w: 160, h: 112 });
    expect(resize.active).toBe(true);
    expect(resize.move({ x: 200, y: 120 }, 12)).toEqual({ w: 212, h: 132 });
    expect(resize.move({ x: 250, y: 20 }, 12)).toEqual({ w: 262, h: NOTE_SIZE.min });
    expect(stored).toEqual([]);
    resize.end();
    expect(stored).toEqual([{ id: "n1", size: { w: 262, h: NOTE_SIZE.min } }]);
    expect(previews).toEqual([
      { id: "n1", w: 160, h: 112 },
      { id: "n1", w: 212, h: 132 },
      { id: "n1", w: 262, h: NOTE_SIZE.min },
      null,
    ]);
    expect(resize.active).toBe(false);
  });

  it("stores nothing when the handle comes back to where it started, or when no resize began", () => {
    const { resize, previews, stored } = resizer();
    expect(resize.move({ x: 300, y: 300 }, 12)).toBeUndefined();
    resize.end();
    resize.start("n1", { w: 160, h: 112 });
    resize.move({ x: 300, y: 300 }, 12);
    resize.move({ x: 148, y: 100 }, 12);
    resize.end();
    expect(stored).toEqual([]);
    expect(previews.at(-1)).toBeNull();
  });
});
