import { intersects, type Rect } from "@journeyboard/shared";

/** A note as the canvas places it: where it is drawn, in which color, and when it was made (drawing order). */
export interface PlacedNote {
  id: string;
  rect: Rect;
  fill: string;
  createdAt: number;
}

/** Board units per bucket side: a few notes across, so a view asks a few dozen buckets, not every note. */
const BUCKET = 512;

/**
 * A spatial index of note rectangles: notes are kept in square buckets of the board, so asking which
 * notes meet an area reads only the buckets it covers. Each note is set or deleted on its own, so a
 * moved note costs one update, not a pass over the map.
 */
export class NoteIndex {
  private readonly notes = new Map<string, PlacedNote>();
  private readonly buckets = new Map<string, Set<PlacedNote>>();

  get size(): number {
    return this.notes.size;
  }

  get(id: string): PlacedNote | undefined {
    return this.notes.get(id);
  }

  all(): IterableIterator<PlacedNote> {
    return this.notes.values();
  }

  set(note: PlacedNote): void {
    this.delete(note.id);
    this.notes.set(note.id, note);
    for (const key of bucketsOf(note.rect)) {
      let bucket = this.buckets.get(key);
      if (!bucket) {
        bucket = new Set();
        this.buckets.set(key, bucket);
      }
      bucket.add(note);
    }
  }

  delete(id: string): void {
    const note = this.notes.get(id);
    if (!note) return;
    this.notes.delete(id);
    for (const key of bucketsOf(note.rect)) {
      const bucket = this.buckets.get(key);
      bucket?.delete(note);
      if (bucket?.size === 0) this.buckets.delete(key);
    }
  }

  /** The notes that meet `area`, each once, in drawing order (oldest first, then by id). */
  within(area: Rect): PlacedNote[] {
    const found = new Set<PlacedNote>();
    // An area wider than the board asks only the buckets that exist.
    const keys = bucketCount(area) > this.buckets.size ? this.buckets.keys() : bucketsOf(area);
    for (const key of keys) {
      for (const note of this.buckets.get(key) ?? []) if (intersects(note.rect, area)) found.add(note);
    }
    return [...found].sort(drawingOrder);
  }

  /** Whether more than `count` notes meet `area`; it stops looking once they do. */
  moreThan(area: Rect, count: number): boolean {
    if (this.notes.size <= count) return false;
    const found = new Set<string>();
    const keys = bucketCount(area) > this.buckets.size ? this.buckets.keys() : bucketsOf(area);
    for (const key of keys) {
      for (const note of this.buckets.get(key) ?? []) {
        if (intersects(note.rect, area)) found.add(note.id);
        if (found.size > count) return true;
      }
    }
    return false;
  }

  /** The topmost note at a board point, if any (the one drawn last). */
  at(point: { x: number; y: number }): PlacedNote | undefined {
    return this.within({ x: point.x, y: point.y, w: 0.001, h: 0.001 }).at(-1);
  }
}

export function drawingOrder(a: PlacedNote, b: PlacedNote): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function span(rect: Rect): [number, number, number, number] {
  return [
    Math.floor(rect.x / BUCKET),
    Math.floor(rect.y / BUCKET),
    Math.floor((rect.x + rect.w) / BUCKET),
    Math.floor((rect.y + rect.h) / BUCKET),
  ];
}

function bucketCount(rect: Rect): number {
  const [left, top, right, bottom] = span(rect);
  return (right - left + 1) * (bottom - top + 1);
}

function* bucketsOf(rect: Rect): Generator<string> {
  const [left, top, right, bottom] = span(rect);
  for (let x = left; x <= right; x++) for (let y = top; y <= bottom; y++) yield `${x},${y}`;
}
