import type { Point, Rect } from "@journeyboard/shared";
import { boundsOf, toBoard, type Viewport } from "./viewport.js";

/** The minimap's size and inner margin, in CSS pixels. */
export const MINIMAP = { w: 216, h: 128, padding: 6 } as const;

/**
 * How the minimap draws the board (minimap = board × scale + (x, y)): the map and the current view,
 * both whole and centred, so that the view's rectangle shows even when it has wandered off the map.
 */
export function minimapFrame(map: Rect, view: Rect, size: { w: number; h: number; padding: number } = MINIMAP) {
  const all = boundsOf([map, view]) ?? map;
  const scale = Math.min(
    (size.w - 2 * size.padding) / Math.max(all.w, 1),
    (size.h - 2 * size.padding) / Math.max(all.h, 1),
  );
  return {
    scale,
    x: (size.w - all.w * scale) / 2 - all.x * scale,
    y: (size.h - all.h * scale) / 2 - all.y * scale,
  } satisfies Viewport;
}

/** A board rectangle as the minimap draws it. */
export function onMinimap(frame: Viewport, rect: Rect): Rect {
  return {
    x: rect.x * frame.scale + frame.x,
    y: rect.y * frame.scale + frame.y,
    w: rect.w * frame.scale,
    h: rect.h * frame.scale,
  };
}

/** The view, at the same zoom, centred on the board point under a point of the minimap. */
export function viewCentredAt(view: Viewport, screen: { w: number; h: number }, frame: Viewport, at: Point): Viewport {
  const centre = toBoard(frame, at);
  return { scale: view.scale, x: screen.w / 2 - centre.x * view.scale, y: screen.h / 2 - centre.y * view.scale };
}

/** The view once its rectangle on the minimap is dragged by (dx, dy) minimap pixels from where it started. */
export function viewDragged(start: Viewport, frame: Viewport, dx: number, dy: number): Viewport {
  const boardPerPixel = 1 / frame.scale;
  return { ...start, x: start.x - dx * boardPerPixel * start.scale, y: start.y - dy * boardPerPixel * start.scale };
}

/** Whether a minimap point falls in a rectangle drawn on it, with a few pixels' slack for a small one. */
export function within(rect: Rect, at: Point, slack = 3): boolean {
  return (
    at.x >= rect.x - slack &&
    at.x <= rect.x + rect.w + slack &&
    at.y >= rect.y - slack &&
    at.y <= rect.y + rect.h + slack
  );
}
