import type { Point, Rect } from "@journeyboard/shared";

/** The view of the board: screen = board × scale + (x, y). Pure functions, no canvas needed. */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export const ZOOM = { min: 0.1, max: 4, step: 1.2 } as const;

export function toBoard(view: Viewport, screen: Point): Point {
  return { x: (screen.x - view.x) / view.scale, y: (screen.y - view.y) / view.scale };
}

export function toScreen(view: Viewport, board: Point): Point {
  return { x: board.x * view.scale + view.x, y: board.y * view.scale + view.y };
}

/** Zooms by `factor`, keeping the board point under `screen` where it is. */
export function zoomAround(view: Viewport, screen: Point, factor: number): Viewport {
  return zoomTo(view, screen, view.scale * factor);
}

/** Zooms to `scale` exactly (within the zoom's bounds), keeping the board point under `screen` where it is. */
export function zoomTo(view: Viewport, screen: Point, wanted: number): Viewport {
  const scale = Math.min(ZOOM.max, Math.max(ZOOM.min, wanted));
  const anchor = toBoard(view, screen);
  return { scale, x: screen.x - anchor.x * scale, y: screen.y - anchor.y * scale };
}

/** The view that shows `rect` whole and centered in a screen of the given size. */
export function fitRect(rect: Rect, screen: { w: number; h: number }, padding = 48): Viewport {
  const scale = Math.min(
    ZOOM.max,
    Math.max(
      ZOOM.min,
      Math.min((screen.w - 2 * padding) / Math.max(rect.w, 1), (screen.h - 2 * padding) / Math.max(rect.h, 1)),
    ),
  );
  return {
    scale,
    x: (screen.w - rect.w * scale) / 2 - rect.x * scale,
    y: (screen.h - rect.h * scale) / 2 - rect.y * scale,
  };
}

/** The part of the board a screen of the given size shows, grown by `margin` screens on each side. */
export function visibleArea(view: Viewport, screen: { w: number; h: number }, margin = 0): Rect {
  const topLeft = toBoard(view, { x: -screen.w * margin, y: -screen.h * margin });
  return {
    x: topLeft.x,
    y: topLeft.y,
    w: (screen.w * (1 + 2 * margin)) / view.scale,
    h: (screen.h * (1 + 2 * margin)) / view.scale,
  };
}

/** The smallest rectangle holding all of `rects`, or undefined for none. */
export function boundsOf(rects: readonly Rect[]): Rect | undefined {
  if (rects.length === 0) return undefined;
  let [left, top, right, bottom] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, -Infinity, -Infinity];
  for (const r of rects) {
    left = Math.min(left, r.x);
    top = Math.min(top, r.y);
    right = Math.max(right, r.x + r.w);
    bottom = Math.max(bottom, r.y + r.h);
  }
  return { x: left, y: top, w: right - left, h: bottom - top };
}

/** The view a fraction `t` (0..1) of the way from `from` to `to`, eased in and out; zoom moves evenly in scale's log. */
export function between(from: Viewport, to: Viewport, t: number): Viewport {
  const e = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
  const scale = from.scale * (to.scale / from.scale) ** e;
  // The board point at the screen's origin moves in board units, so the view does not swing while zooming.
  const start = { x: -from.x / from.scale, y: -from.y / from.scale };
  const end = { x: -to.x / to.scale, y: -to.y / to.scale };
  const origin = { x: start.x + (end.x - start.x) * e, y: start.y + (end.y - start.y) * e };
  return { scale, x: -origin.x * scale, y: -origin.y * scale };
}
