/**
 * What participants meant, recorded as they act, and what each had seen when acting: the oracle the
 * invariants hold the merged board to. "Seen" is the participant's Yjs state vector, so an action
 * happened before another exactly when the second participant had received the first one's change.
 */
export interface Stamp {
  /** Position in the run. */
  seq: number;
  client: number;
  /** The actor's own clock after acting. */
  clock: number;
  /** The actor's state vector before acting. */
  seen: Map<number, number>;
}

export function happenedBefore(a: Stamp, b: Stamp): boolean {
  if (a.seq >= b.seq) return false;
  return a.client === b.client || (b.seen.get(a.client) ?? 0) >= a.clock;
}

interface Write<T> {
  stamp: Stamp;
  value: T;
}

/** Writes to one field by several people; after a merge it holds the value of a write nobody had overwritten. */
class Register<T> {
  private readonly entries = new Map<string, Write<T>[]>();

  write(key: string, stamp: Stamp, value: T): void {
    this.entries.set(key, [...(this.entries.get(key) ?? []), { stamp, value }]);
  }

  writes(key: string): readonly Write<T>[] {
    return this.entries.get(key) ?? [];
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** The values the field may hold once everything is merged: those of writes no later write saw. */
  allowed(key: string): T[] {
    const writes = this.writes(key);
    return writes.filter((w) => !writes.some((later) => happenedBefore(w.stamp, later.stamp))).map((w) => w.value);
  }
}

export const key = (...parts: string[]): string => parts.join("/");

export interface TrackDeletion {
  stamp: Stamp;
  /** Whether another track was left to take its notes. */
  hadNeighbour: boolean;
}

export class History {
  /** mapId/noteId of every note added (or copied with a map) and of every note deleted. */
  readonly addedNotes = new Set<string>();
  readonly deletedNotes = new Set<string>();
  /** mapId/trackId → its deletions. */
  readonly trackDeletions = new Map<string, TrackDeletion[]>();
  /** mapId/noteId/stageId|laneId → the track the note was put in (by adding, moving, or its track's deletion). */
  readonly placements = new Register<string | null>();
  /** mapId/segmentId/stageId/score|label. */
  readonly emotion = new Register<number | string>();
  /** mapId/segmentId/stageId → when the point was cleared. */
  readonly clears = new Map<string, Stamp[]>();
  /** mapId/noteId/segmentId → tagged or not. */
  readonly tags = new Register<boolean>();
  /** mapId/activityId/roleId/letter → set or not (in the RACI grid). */
  readonly letters = new Register<boolean>();
  /** Operations or readers that threw, with what they were doing. */
  readonly failures: string[] = [];

  deleteTrack(mapId: string, trackId: string, deletion: TrackDeletion): void {
    const at = key(mapId, trackId);
    this.trackDeletions.set(at, [...(this.trackDeletions.get(at) ?? []), deletion]);
  }

  /** A copied map keeps the source's deleted tracks: notes copied unplaced stay excused. */
  copyTrackDeletions(fromMapId: string, toMapId: string): void {
    for (const [at, deletions] of [...this.trackDeletions]) {
      const [mapId, trackId = ""] = at.split("/");
      if (mapId === fromMapId) this.trackDeletions.set(key(toMapId, trackId), [...deletions]);
    }
  }

  /** A note put in a cell (or off the grid) by adding, moving or copying it. */
  place(mapId: string, noteId: string, cell: { stageId: string; laneId: string } | null, stamp: Stamp): void {
    this.placements.write(key(mapId, noteId, "stageId"), stamp, cell?.stageId ?? null);
    this.placements.write(key(mapId, noteId, "laneId"), stamp, cell?.laneId ?? null);
  }

  clear(point: string, stamp: Stamp): void {
    this.clears.set(point, [...(this.clears.get(point) ?? []), stamp]);
  }

  /** Every emotion point someone wrote: mapId, segmentId, stageId. */
  points(): [string, string, string][] {
    const points = new Set(this.emotion.keys().map((k) => k.split("/").slice(0, 3).join("/")));
    return [...points].map((p) => p.split("/") as [string, string, string]);
  }
}
