import { intersects, type Rect } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import { BAR_GAP, placeBar } from "../src/panels/bar-placement.js";

const bar = { w: 400, h: 40 };
/** A canvas 884 px wide: a 1280 px window less the toolbar and an open side panel. */
const canvas = { w: 884, h: 744 };
const note = (x: number, y: number): Rect => ({ x, y, w: 160, h: 112 });
const placed = (selection: Rect) => ({ ...placeBar(selection, bar, canvas), ...bar });
const inside = (box: Rect) => box.x >= 0 && box.y >= 0 && box.x + box.w <= canvas.w && box.y + box.h <= canvas.h;

describe("the note bar's place", () => {
  it("is centred above the selection when there is room", () => {
    expect(placeBar(note(300, 300), bar, canvas)).toEqual({ x: 180, y: 300 - BAR_GAP - 40 });
  });

  it("is below a selection at the top of the canvas", () => {
    const selection = note(300, 20);
    const box = placed(selection);
    expect(box.y).toBe(20 + 112 + BAR_GAP);
    expect(intersects(box, selection)).toBe(false);
  });

  it("stays inside the canvas, left of an open panel, for a selection at its right edge", () => {
    const selection = note(canvas.w - 170, 200);
    const box = placed(selection);
    expect(inside(box)).toBe(true);
    expect(intersects(box, selection)).toBe(false);
  });

  it("goes beside a selection as tall as the canvas, and over it only when there is no room anywhere", () => {
    const tall = { x: 100, y: 0, w: 200, h: canvas.h };
    const box = placed(tall);
    expect(box.x).toBe(300 + BAR_GAP);
    expect(intersects(box, tall)).toBe(false);
    const right = { x: 500, y: 0, w: 380, h: canvas.h };
    expect(intersects(placed(right), right)).toBe(false);
    const everywhere = { x: 0, y: 0, w: canvas.w, h: canvas.h };
    expect(inside(placed(everywhere))).toBe(true);
  });

  it("keeps a bar wider than the canvas at its left edge", () => {
    expect(placeBar(note(10, 300), { w: 1000, h: 40 }, canvas).x).toBe(8);
  });
});
