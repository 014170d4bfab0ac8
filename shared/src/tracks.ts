import { generateKeyBetween } from "fractional-indexing";
import type * as Y from "yjs";
import { change, containerOf, type JourneyMap, record } from "./board.js";
import { byOrder, readChild, readString, records } from "./fields.js";
import { newId } from "./ids.js";

/**
 * Stages (columns) and lanes (rows) are both tracks: ordered records of a map that can be added,
 * moved, resized and deleted. Order is a fractional key, so two people moving tracks at once never
 * duplicate or lose one; deleting a track moves its notes to the neighbouring track, never drops them.
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

/**
 * An order key for a track placed at `index` among `others`. Two people inserting at the same place at
 * once get equal keys (they then sort by id); with no room between equal neighbours, the key goes just
 * before the next greater one instead of failing.
 */
function keyAt(others: readonly { order: string }[], index: number): string {
  const before = others[index - 1]?.order ?? null;
  const after = others[index]?.order ?? null;
  if (before === null || after === null || before < after) return generateKeyBetween(before, after);
  const next = others.slice(index).find((t) => t.order > before)?.order ?? null;
  return generateKeyBetween(before, next);
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
    const order = keyAt(tracks, at >= 0 ? at + 1 : tracks.length);
    containerOf(map, kind.container).set(id, record({ ...fields, order }));
  });
  return id;
}

/** Moves a track to position `toIndex` among the tracks (0 is first). */
export function moveTrack(map: JourneyMap, kind: TrackKind, id: string, toIndex: number): void {
  change(map.board, () => {
    const others = ordered(map, kind).filter((t) => t.id !== id);
    const y = readChild(containerOf(map, kind.container), id);
    if (!y) return;
    const index = Math.max(0, Math.min(others.length, Math.round(toIndex)));
    const before = others[index - 1]?.order ?? null;
    const after = others[index]?.order ?? null;
    // Equal neighbouring keys (two concurrent inserts) leave no room between them: go just past.
    y.set(
      "order",
      before !== null && before === after ? generateKeyBetween(before, null) : generateKeyBetween(before, after),
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
