import {
  containerOf,
  type Grid,
  intersects,
  type JourneyMap,
  noteIds,
  noteRect,
  type Rect,
  readNote,
} from "@journeyboard/shared";
import { useEffect, useState } from "react";
import { useUi } from "../ui-state.js";
import { visibleArea } from "./viewport.js";

/** Screens of margin around the view within which notes stay mounted, so a small pan mounts nothing. */
const MARGIN = 0.5;

interface Placed {
  id: string;
  rect: Rect;
  createdAt: number;
}

/** The notes to mount: those near the view, plus the selected ones (a drag must never unmount its note). */
export function visibleNoteIds(notes: readonly Placed[], area: Rect, always: ReadonlySet<string>): string[] {
  return notes
    .filter((n) => always.has(n.id) || intersects(n.rect, area))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
    .map((n) => n.id);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** Keeps the list of mounted notes current as notes move and the view pans, at most once a frame. */
export function useVisibleNoteIds(map: JourneyMap, grid: Grid): string[] {
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => {
    let frame = 0;
    const recompute = () => {
      frame = 0;
      const { viewport, screen, selection } = useUi.getState();
      const placed = noteIds(map).flatMap((id) => {
        const note = readNote(map, id);
        return note ? [{ id, rect: noteRect(grid, note), createdAt: note.createdAt }] : [];
      });
      const next = visibleNoteIds(placed, visibleArea(viewport, screen, MARGIN), new Set(selection));
      setIds((current) => (sameIds(current, next) ? current : next));
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(recompute);
    };
    recompute();
    const notes = containerOf(map, "notes");
    notes.observeDeep(schedule);
    const unsubscribe = useUi.subscribe((state, previous) => {
      if (
        state.viewport !== previous.viewport ||
        state.screen !== previous.screen ||
        state.selection !== previous.selection
      ) {
        schedule();
      }
    });
    return () => {
      cancelAnimationFrame(frame);
      notes.unobserveDeep(schedule);
      unsubscribe();
    };
  }, [map, grid]);
  return ids;
}
