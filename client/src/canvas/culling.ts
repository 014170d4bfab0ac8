import type { Grid, JourneyMap, Rect } from "@journeyboard/shared";
import { useEffect, useState } from "react";
import { useUi } from "../ui-state.js";
import { NOTE_BLOCKS_ABOVE, notesAsBlocks } from "./legibility.js";
import { drawingOrder, type NoteIndex, type PlacedNote } from "./note-index.js";
import { noteStoreOf } from "./note-store.js";
import { visibleArea } from "./viewport.js";

/** Screens of margin around the view within which notes stay mounted, so a small pan mounts nothing. */
const MARGIN = 0.25;

/** The notes to mount, and whether the others near the view are drawn as blocks instead (see notesAsBlocks). */
export interface Mounted {
  ids: string[];
  blocks: boolean;
}

/**
 * The notes to mount: those near the view, plus the selected ones (a drag must never unmount its note).
 * Zoomed out over more notes than are worth drawing one by one, only the selected ones are mounted.
 */
export function visibleNotes(index: NoteIndex, area: Rect, scale: number, always: ReadonlySet<string>): Mounted {
  const blocks = notesAsBlocks(scale, index.moreThan(area, NOTE_BLOCKS_ABOVE));
  const near = blocks ? [] : index.within(area);
  const nearIds = new Set(near.map((n) => n.id));
  const kept = [...always].flatMap((id): PlacedNote[] => {
    const note = index.get(id);
    return note && !nearIds.has(id) ? [note] : [];
  });
  const ids = (kept.length > 0 ? [...near, ...kept].sort(drawingOrder) : near).map((n) => n.id);
  return { ids, blocks };
}

function same(a: Mounted, b: Mounted): boolean {
  return a.blocks === b.blocks && a.ids.length === b.ids.length && a.ids.every((id, i) => id === b.ids[i]);
}

/** Keeps the mounted notes current as notes move and the view pans, at most once a frame. */
export function useVisibleNotes(map: JourneyMap, grid: Grid): Mounted {
  const [mounted, setMounted] = useState<Mounted>({ ids: [], blocks: false });
  useEffect(() => {
    const store = noteStoreOf(map);
    let frame = 0;
    const recompute = () => {
      frame = 0;
      const { viewport, screen, selection } = useUi.getState();
      const area = visibleArea(viewport, screen, MARGIN);
      const next = visibleNotes(store.indexFor(grid), area, viewport.scale, new Set(selection));
      setMounted((current) => (same(current, next) ? current : next));
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(recompute);
    };
    const unsubscribeNotes = store.subscribe(schedule);
    recompute();
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
      unsubscribeNotes();
      unsubscribe();
    };
  }, [map, grid]);
  return mounted;
}
