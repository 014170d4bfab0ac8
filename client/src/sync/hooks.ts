import {
  type BoardMeta,
  type CrowdResult,
  computeGrid,
  containerOf,
  type EmotionPoint,
  type Grid,
  getMap,
  type Journey,
  type JourneyMap,
  journeyOf,
  listLanes,
  listMaps,
  listNotes,
  listSegments,
  listStages,
  type MapSummary,
  mapsOf,
  metaOf,
  type Note,
  noteIds,
  readCrowd,
  readCurve,
  readMeta,
  readNote,
  readScoring,
  readVote,
  type ScoringRound,
  type Segment,
  type Vote,
} from "@journeyboard/shared";
import { useCallback, useMemo, useSyncExternalStore } from "react";
import * as Y from "yjs";
import type { BoardConnection, ConnectionState } from "./connection.js";

/**
 * Views derive from the Y.Doc through these hooks: each observes only the part of the document it
 * reads and recomputes when that part changes, so a note that moves re-renders that note alone.
 * `read` is memoised by the caller on everything it reads besides the observed types (the map, an id),
 * so a view switched to another map or note reads that one at once.
 */
export function useObserved<T>(
  first: Y.AbstractType<unknown> | undefined,
  second: Y.AbstractType<unknown> | undefined,
  read: () => T,
  deep = true,
): T {
  const store = useMemo(() => {
    const targets = [first, second];
    let value = read();
    return {
      subscribe(onChange: () => void) {
        const handler = () => {
          value = read();
          onChange();
        };
        value = read();
        for (const target of targets) {
          if (deep) target?.observeDeep(handler);
          else target?.observe(handler);
        }
        return () => {
          for (const target of targets) {
            if (deep) target?.unobserveDeep(handler);
            else target?.unobserve(handler);
          }
        };
      },
      get: () => value,
    };
  }, [first, second, read, deep]);
  return useSyncExternalStore(store.subscribe, store.get);
}

export function useConnectionState(connection: BoardConnection): ConnectionState {
  return useSyncExternalStore(connection.subscribe, connection.getState);
}

export function useBoardMeta(connection: BoardConnection): BoardMeta {
  const read = useCallback(() => readMeta(connection.board), [connection]);
  return useObserved(metaOf(connection.doc) as Y.AbstractType<unknown>, undefined, read);
}

export function useMaps(connection: BoardConnection): MapSummary[] {
  const read = useCallback(() => listMaps(connection.board), [connection]);
  return useObserved(mapsOf(connection.doc) as Y.AbstractType<unknown>, undefined, read);
}

/** The map with this id, once it exists in the document. */
export function useJourneyMap(connection: BoardConnection, mapId: string | null): JourneyMap | undefined {
  const maps = useMaps(connection);
  const present = mapId !== null && maps.some((m) => m.id === mapId);
  return useMemo(() => (present && mapId ? getMap(connection.board, mapId) : undefined), [connection, mapId, present]);
}

/** The map's layout; recomputed when a stage or lane changes, never when a note does. */
export function useGrid(map: JourneyMap): Grid {
  const stages = containerOf(map, "stages") as Y.AbstractType<unknown>;
  const lanes = containerOf(map, "lanes") as Y.AbstractType<unknown>;
  const read = useCallback(() => computeGrid(listStages(map), listLanes(map)), [map]);
  return useObserved(stages, lanes, read);
}

/** Everything the derived figures read of a map, re-read when anything in the map changes. */
export function useJourney(map: JourneyMap): Journey {
  const read = useCallback(() => journeyOf(map), [map]);
  return useObserved(map.y as Y.AbstractType<unknown>, undefined, read);
}

/** The map's segments and their curves; re-read when a segment or a point changes, not a note. */
export function useSegments(map: JourneyMap): { segments: Segment[]; curves: Map<string, EmotionPoint[]> } {
  const read = useCallback(() => {
    const segments = listSegments(map);
    return { segments, curves: new Map(segments.map((s) => [s.id, readCurve(map, s.id)])) };
  }, [map]);
  return useObserved(containerOf(map, "segments") as Y.AbstractType<unknown>, undefined, read);
}

/** The crowd-scoring round the facilitator opened, if any, from the control document. */
export function useScoring(connection: BoardConnection): ScoringRound | null {
  const read = useCallback(() => readScoring(connection.control), [connection]);
  return useObserved(connection.control.getMap("scoring") as Y.AbstractType<unknown>, undefined, read);
}

/** The last crowd-scoring result of each segment of a map (from the control document). */
export function useCrowd(connection: Pick<BoardConnection, "control">, map: JourneyMap): Map<string, CrowdResult> {
  const { control } = connection;
  const read = useCallback(() => {
    const results = new Map<string, CrowdResult>();
    for (const segment of listSegments(map)) {
      const result = readCrowd(control, map.id, segment.id);
      if (result) results.set(segment.id, result);
    }
    return results;
  }, [control, map]);
  return useObserved(control.getMap("crowd") as Y.AbstractType<unknown>, undefined, read);
}

/** The open or last vote (from the control document). */
export function useVote(connection: Pick<BoardConnection, "control">): Vote | null {
  const read = useCallback(() => readVote(connection.control), [connection]);
  return useObserved(connection.control.getMap("vote") as Y.AbstractType<unknown>, undefined, read);
}

/** Every note of the map, re-read when any note changes (for views over all of them, e.g. the vote). */
export function useNotes(map: JourneyMap): Note[] {
  const read = useCallback(() => listNotes(map), [map]);
  return useObserved(containerOf(map, "notes") as Y.AbstractType<unknown>, undefined, read);
}

/** The ids of the map's notes; changes only when a note is added or removed. */
export function useNoteIds(map: JourneyMap): string[] {
  const read = useCallback(() => noteIds(map), [map]);
  return useObserved(containerOf(map, "notes") as Y.AbstractType<unknown>, undefined, read, false);
}

/** One note, re-read when that note (its text included) changes. */
export function useNote(map: JourneyMap, id: string): Note | undefined {
  const record = containerOf(map, "notes").get(id);
  const target = record instanceof Y.Map ? (record as Y.AbstractType<unknown>) : undefined;
  const read = useCallback(() => readNote(map, id), [map, id]);
  return useObserved(target, undefined, read);
}
