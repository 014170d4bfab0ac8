import {
  activitiesPerStage,
  containerOf,
  type JourneyMap,
  listActivities,
  listStages,
  type RaciGrid,
  readGrid,
  readNote,
  type Stage,
} from "@journeyboard/shared";
import { useCallback, useMemo } from "react";
import type * as Y from "yjs";
import { useObserved } from "../sync/hooks.js";

/** A map's RACI grid and its stages, re-read when either changes (never when a note moves). */
export function useRaciGrid(map: JourneyMap): { grid: RaciGrid; stages: Stage[] } {
  const raci = containerOf(map, "raci") as Y.AbstractType<unknown>;
  const stages = containerOf(map, "stages") as Y.AbstractType<unknown>;
  const read = useCallback(() => ({ grid: readGrid(map), stages: listStages(map) }), [map]);
  return useObserved(raci, stages, read);
}

/** How many activities each stage of the map has, for the stage headers. */
export function useActivitiesPerStage(map: JourneyMap): Record<string, number> {
  const raci = containerOf(map, "raci") as Y.AbstractType<unknown>;
  const stages = containerOf(map, "stages") as Y.AbstractType<unknown>;
  const read = useMemo(
    () => unchangedWhileEqual(() => activitiesPerStage({ activities: listActivities(map, []) })),
    [map],
  );
  return useObserved(raci, stages, read);
}

/** The text of each note the grid links to (id → text), re-read when a note changes. */
export function useNoteTexts(map: JourneyMap, noteIds: readonly string[]): Record<string, string> {
  const notes = containerOf(map, "notes") as Y.AbstractType<unknown>;
  const wanted = noteIds.join(" ");
  const read = useMemo(
    () =>
      unchangedWhileEqual(() =>
        Object.fromEntries(
          wanted.split(" ").flatMap((id) => {
            const note = id ? readNote(map, id) : undefined;
            return note ? [[id, note.text]] : [];
          }),
        ),
      ),
    [map, wanted],
  );
  return useObserved(notes, undefined, read);
}

/**
 * A reader that gives the same object while what it reads is equal, so views that take it (the canvas's
 * headers, the grid's rows) render again only when it really changed, not on every keystroke elsewhere.
 */
function unchangedWhileEqual<T>(read: () => T): () => T {
  let last: { json: string; value: T } | undefined;
  return () => {
    const value = read();
    const json = JSON.stringify(value);
    if (last?.json !== json) last = { json, value };
    return last.value;
  };
}
