import { containerOf, type JourneyMap, noteRect, type Point, type Rect, readNote } from "@journeyboard/shared";
import { type RefObject, useCallback, useEffect, useLayoutEffect } from "react";
import { boundsOf, toScreen } from "../canvas/viewport.js";
import { useGrid } from "../sync/hooks.js";
import { useUi } from "../ui-state.js";

/** Space between the bar and the notes it edits. */
export const BAR_GAP = 12;
/** Space kept between the bar and the canvas's edges. */
const EDGE = 8;

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(value, high));

/**
 * Where the note bar goes (its top-left corner, in canvas pixels): centred above the selection, below it
 * when there is no room above, beside it when there is none below either, and always inside the canvas,
 * which ends where an open side panel begins. Only a selection that leaves no room anywhere is covered.
 */
export function placeBar(selection: Rect, bar: { w: number; h: number }, canvas: { w: number; h: number }): Point {
  const centred = clamp(selection.x + selection.w / 2 - bar.w / 2, EDGE, canvas.w - bar.w - EDGE);
  const above = selection.y - BAR_GAP - bar.h;
  if (above >= EDGE) return { x: centred, y: above };
  const below = selection.y + selection.h + BAR_GAP;
  if (below + bar.h <= canvas.h - EDGE) return { x: centred, y: below };
  const beside = clamp(selection.y + selection.h / 2 - bar.h / 2, EDGE, canvas.h - bar.h - EDGE);
  const right = selection.x + selection.w + BAR_GAP;
  if (right + bar.w <= canvas.w - EDGE) return { x: right, y: beside };
  const left = selection.x - BAR_GAP - bar.w;
  if (left >= EDGE) return { x: left, y: beside };
  return { x: centred, y: EDGE };
}

/**
 * Keeps the note bar next to the selected notes as they move, the view pans or zooms, the canvas resizes
 * or the bar's own content changes. It writes the bar's position directly: a pan renders nothing.
 */
export function useBarPlacement(bar: RefObject<HTMLElement | null>, map: JourneyMap, shown: boolean): void {
  const grid = useGrid(map);
  const place = useCallback(() => {
    const element = bar.current;
    const { selection, viewport, screen } = useUi.getState();
    const bounds = boundsOf(selection.flatMap((id) => readNote(map, id) ?? []).map((note) => noteRect(grid, note)));
    if (!element || !bounds) return;
    const topLeft = toScreen(viewport, bounds);
    const at = placeBar(
      { ...topLeft, w: bounds.w * viewport.scale, h: bounds.h * viewport.scale },
      { w: element.offsetWidth, h: element.offsetHeight },
      screen,
    );
    element.style.left = `${Math.round(at.x)}px`;
    element.style.top = `${Math.round(at.y)}px`;
  }, [bar, map, grid]);
  // After every render of the bar: its content, and so its size, may have changed.
  useLayoutEffect(place);
  useEffect(() => {
    if (!shown) return;
    let frame = 0;
    const schedule = () => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0;
          place();
        });
    };
    const notes = containerOf(map, "notes");
    notes.observeDeep(schedule);
    const unsubscribe = useUi.subscribe((state, previous) => {
      if (state.viewport !== previous.viewport || state.screen !== previous.screen) schedule();
    });
    return () => {
      cancelAnimationFrame(frame);
      notes.unobserveDeep(schedule);
      unsubscribe();
    };
  }, [map, shown, place]);
}
