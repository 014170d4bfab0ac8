import type * as Y from "yjs";
import { change, containerOf, type JourneyMap, record } from "./doc.js";
import { readChild, readString, records } from "./fields.js";
import { newId } from "./ids.js";
import { byOrder, type Ordered, orderKeyAt } from "./order.js";

/**
 * Stages (columns) and lanes (rows) are both tracks: ordered records of a map that can be added,
 * moved, resized and deleted. Order is a fractional key (order.ts), so two people moving tracks at once
 * never duplicate or lose one; deleting a track moves its notes to the neighbouring track, never drops them.
 */
export interface TrackKind {
  container: "stages" | "lanes";
  /** The note field that names a note's track of this kind. */
  noteKey: "stageId" | "laneId";
  sizeKey: "width" | "height";
  clampSize(size: number): number;
}

function ordered(map: JourneyMap, kind: TrackKind): { id: string; order: string; y: Y.Map<unknown> }[] {
  return [...records(containerOf(map, kind.container))]
    .map(([id, y]) => ({ id, order: readString(y, "order", ""), y }))
    .sort(byOrder);
}

/** Writes the order key that lands a track at `index` among `others`, and any neighbour's new key. */
function place(map: JourneyMap, kind: TrackKind, y: Y.Map<unknown>, others: readonly Ordered[], index: number): void {
  const { key, rekeyed } = orderKeyAt(others, index);
  y.set("order", key);
  for (const { id, order } of rekeyed) readChild(containerOf(map, kind.container), id)?.set("order", order);
}

/** Adds a track after `afterId` (at the end when null or unknown); returns its id. */
export function addTrack(
  map: JourneyMap,
  kind: TrackKind,
  fields: Record<string, unknown>,
  afterId: string | null,
  id: string = newId(),
): string {
  change(map.board, () => {
    const tracks = ordered(map, kind);
    const at = afterId === null ? -1 : tracks.findIndex((t) => t.id === afterId);
    const y = record(fields);
    containerOf(map, kind.container).set(id, y);
    place(map, kind, y, tracks, at >= 0 ? at + 1 : tracks.length);
  });
  return id;
}

/** Moves a track to position `toIndex` among the tracks (0 is first). */
export function moveTrack(map: JourneyMap, kind: TrackKind, id: string, toIndex: number): void {
  change(map.board, () => {
    const y = readChild(containerOf(map, kind.container), id);
    if (!y) return;
    place(
      map,
      kind,
      y,
      ordered(map, kind).filter((t) => t.id !== id),
      toIndex,
    );
  });
}

export function resizeTrack(map: JourneyMap, kind: TrackKind, id: string, size: number): void {
  change(map.board, () => readChild(containerOf(map, kind.container), id)?.set(kind.sizeKey, kind.clampSize(size)));
}

/**
 * Deletes a track. Its notes move, at the same offset, to the track before it (or after it, for the
 * first); with no track left they keep pointing at the deleted one and show as unplaced.
 * Returns how many notes moved.
 */
export function deleteTrack(map: JourneyMap, kind: TrackKind, id: string): number {
  return change(map.board, () => {
    const tracks = ordered(map, kind);
    const at = tracks.findIndex((t) => t.id === id);
    if (at < 0) return 0;
    const neighbour = tracks[at - 1] ?? tracks[at + 1];
    let moved = 0;
    if (neighbour) {
      for (const [, note] of records(containerOf(map, "notes"))) {
        if (note.get(kind.noteKey) === id) {
          note.set(kind.noteKey, neighbour.id);
          moved++;
        }
      }
    }
    containerOf(map, kind.container).delete(id);
    return moved;
  });
}
