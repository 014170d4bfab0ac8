import { describe, expect, it } from "vitest";
import {
  MINIMAP,
  minimapFrame,
  onMinimap,
  viewCentredAt,
  viewDragged,
  within,
} from "../src/canvas/minimap-geometry.js";
import { toBoard, visibleArea } from "../src/canvas/viewport.js";

const map = { x: 0, y: 0, w: 2700, h: 1500 };
const screen = { w: 1224, h: 744 };

describe("the minimap", () => {
  it("draws the whole map, centred, within its margin", () => {
    const frame = minimapFrame(map, { x: 100, y: 100, w: 500, h: 300 });
    const drawn = onMinimap(frame, map);
    expect(drawn.w).toBeCloseTo(MINIMAP.w - 2 * MINIMAP.padding);
    expect(drawn.h).toBeLessThanOrEqual(MINIMAP.h - 2 * MINIMAP.padding);
    expect(drawn.x).toBeCloseTo(MINIMAP.padding);
    expect(drawn.y + drawn.h / 2).toBeCloseTo(MINIMAP.h / 2);
  });

  it("takes in a view that has wandered off the map, so its rectangle still shows", () => {
    const away = { x: 5000, y: -800, w: 1000, h: 600 };
    const frame = minimapFrame(map, away);
    for (const rect of [onMinimap(frame, map), onMinimap(frame, away)]) {
      expect(rect.x).toBeGreaterThanOrEqual(MINIMAP.padding - 1e-9);
      expect(rect.y).toBeGreaterThanOrEqual(MINIMAP.padding - 1e-9);
      expect(rect.x + rect.w).toBeLessThanOrEqual(MINIMAP.w - MINIMAP.padding + 1e-9);
      expect(rect.y + rect.h).toBeLessThanOrEqual(MINIMAP.h - MINIMAP.padding + 1e-9);
    }
  });

  it("shows the current view as a rectangle of the screen's proportions", () => {
    const view = { x: -400, y: -200, scale: 0.5 };
    const rect = onMinimap(minimapFrame(map, visibleArea(view, screen)), visibleArea(view, screen));
    expect(rect.w / rect.h).toBeCloseTo(screen.w / screen.h);
  });

  it("moves the view by as much of the board as its rectangle is dragged, at the same zoom", () => {
    const start = { x: -300, y: -100, scale: 0.8 };
    const frame = minimapFrame(map, visibleArea(start, screen));
    const moved = viewDragged(start, frame, 10, -4);
    expect(moved.scale).toBe(start.scale);
    const before = visibleArea(start, screen);
    const after = visibleArea(moved, screen);
    expect(after.x - before.x).toBeCloseTo(10 / frame.scale);
    expect(after.y - before.y).toBeCloseTo(-4 / frame.scale);
    // The view's rectangle, drawn in the same frame, moved by exactly the drag.
    expect(onMinimap(frame, after).x - onMinimap(frame, before).x).toBeCloseTo(10);
  });

  it("centres the view on the spot pressed, at the same zoom", () => {
    const view = { x: 24, y: 24, scale: 1 };
    const frame = minimapFrame(map, visibleArea(view, screen));
    const at = { x: 150, y: 70 };
    const centred = viewCentredAt(view, screen, frame, at);
    expect(centred.scale).toBe(1);
    const middle = toBoard(centred, { x: screen.w / 2, y: screen.h / 2 });
    const pressed = toBoard(frame, at);
    expect(middle.x).toBeCloseTo(pressed.x);
    expect(middle.y).toBeCloseTo(pressed.y);
  });

  it("grabs the view's rectangle within a few pixels of it", () => {
    const rect = { x: 10, y: 10, w: 4, h: 3 };
    expect(within(rect, { x: 15, y: 12 })).toBe(true);
    expect(within(rect, { x: 20, y: 12 })).toBe(false);
  });
});
