import { describe, expect, it } from "vitest";
import { visibleNotes } from "../src/canvas/culling.js";
import { FACE_BELOW_SCALE, NOTE_BLOCKS_ABOVE } from "../src/canvas/legibility.js";
import { NoteIndex } from "../src/canvas/note-index.js";
import { boundsOf, fitRect, toBoard, toScreen, visibleArea, ZOOM, zoomAround, zoomTo } from "../src/canvas/viewport.js";

describe("viewport", () => {
  it("converts between screen and board points", () => {
    const view = { x: 100, y: 50, scale: 2 };
    expect(toBoard(view, { x: 300, y: 250 })).toEqual({ x: 100, y: 100 });
    expect(toScreen(view, { x: 100, y: 100 })).toEqual({ x: 300, y: 250 });
  });

  it("zooms around the pointer: the board point under it stays put", () => {
    const view = { x: 10, y: 20, scale: 1 };
    const pointer = { x: 400, y: 300 };
    const zoomed = zoomAround(view, pointer, 2);
    expect(zoomed.scale).toBe(2);
    expect(toScreen(zoomed, toBoard(view, pointer))).toEqual(pointer);
    expect(zoomAround(view, pointer, 1000).scale).toBe(ZOOM.max);
    expect(zoomAround(view, pointer, 0.0001).scale).toBe(ZOOM.min);
  });

  it("zooms to 100 % exactly from any zoom, where a factor of 1/scale would land a rounding off", () => {
    const view = { x: 104.6, y: 20, scale: 0.3136243933441829 };
    expect(view.scale * (1 / view.scale)).not.toBe(1);
    const actual = zoomTo(view, { x: 640, y: 400 }, 1);
    expect(actual.scale).toBe(1);
    expect(toScreen(actual, toBoard(view, { x: 640, y: 400 }))).toEqual({ x: 640, y: 400 });
  });

  it("fits a rectangle centered in the screen", () => {
    const fitted = fitRect({ x: 0, y: 0, w: 2000, h: 1000 }, { w: 1096, h: 800 }, 48);
    expect(fitted.scale).toBe(0.5);
    expect(toScreen(fitted, { x: 1000, y: 500 })).toEqual({ x: 548, y: 400 });
  });

  it("computes the visible area with a margin, and bounds of rectangles", () => {
    expect(visibleArea({ x: 0, y: 0, scale: 2 }, { w: 800, h: 600 }, 0.5)).toEqual({
      x: -200,
      y: -150,
      w: 800,
      h: 600,
    });
    expect(boundsOf([])).toBeUndefined();
    expect(
      boundsOf([
        { x: 0, y: 0, w: 10, h: 10 },
        { x: -5, y: 20, w: 10, h: 10 },
      ]),
    ).toEqual({ x: -5, y: 0, w: 15, h: 30 });
  });
});

describe("culling", () => {
  const indexOf = (notes: { id: string; x: number; createdAt: number }[]) => {
    const index = new NoteIndex();
    for (const { id, x, createdAt } of notes)
      index.set({ id, rect: { x, y: 0, w: 100, h: 100 }, fill: "#FFF3BF", createdAt });
    return index;
  };
  const view = { x: 0, y: 0, w: 500, h: 500 };

  it("mounts only notes near the view, always the selected ones, oldest first", () => {
    const index = indexOf([
      { id: "far", x: 5000, createdAt: 1 },
      { id: "near", x: 50, createdAt: 3 },
      { id: "edge", x: 490, createdAt: 2 },
      { id: "picked", x: 9000, createdAt: 0 },
    ]);
    expect(visibleNotes(index, view, 1, new Set(["picked"]))).toEqual({
      ids: ["picked", "edge", "near"],
      blocks: false,
    });
  });

  it("zoomed out over a crowded view, draws blocks and mounts the selected notes alone", () => {
    const crowd = Array.from({ length: NOTE_BLOCKS_ABOVE + 1 }, (_, i) => ({ id: `n${i}`, x: i % 400, createdAt: i }));
    const index = indexOf(crowd);
    const zoomedOut = FACE_BELOW_SCALE * 0.9;
    expect(visibleNotes(index, view, zoomedOut, new Set(["n7"]))).toEqual({ ids: ["n7"], blocks: true });
    // Close enough to read them, or with one note fewer in view, every note is mounted as before.
    expect(visibleNotes(index, view, FACE_BELOW_SCALE, new Set()).ids).toHaveLength(crowd.length);
    index.delete("n0");
    expect(visibleNotes(index, view, zoomedOut, new Set())).toMatchObject({ blocks: false });
  });
});
