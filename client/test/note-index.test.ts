import { intersects, type Rect } from "@journeyboard/shared";
import { describe, expect, it } from "vitest";
import { drawingOrder, NoteIndex, type PlacedNote } from "../src/canvas/note-index.js";

/** A seeded sequence, so that a failure can be replayed. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function note(id: string, rect: Rect, createdAt = 0): PlacedNote {
  return { id, rect, fill: "#FFF3BF", createdAt };
}

/** What a pass over every note finds: the index must find the same. */
function byScan(notes: Iterable<PlacedNote>, area: Rect): string[] {
  return [...notes]
    .filter((n) => intersects(n.rect, area))
    .sort(drawingOrder)
    .map((n) => n.id);
}

describe("the spatial index of note rectangles", () => {
  it("finds what a pass over every note finds, as notes are added, moved, resized and deleted", () => {
    const next = sequence(42);
    const index = new NoteIndex();
    const kept = new Map<string, PlacedNote>();
    const randomRect = (): Rect => ({
      x: next() * 8000 - 500,
      y: next() * 5000 - 300,
      w: 48 + next() * 900,
      h: 48 + next() * 600,
    });
    for (let step = 0; step < 3000; step++) {
      const id = `n${Math.floor(next() * 600)}`;
      if (next() < 0.2) {
        index.delete(id);
        kept.delete(id);
      } else {
        const placed = note(id, randomRect(), Math.floor(next() * 50));
        index.set(placed);
        kept.set(id, placed);
      }
      if (step % 50 === 0) {
        const area = { x: next() * 8000 - 1000, y: next() * 5000 - 1000, w: next() * 4000, h: next() * 3000 };
        expect(index.within(area).map((n) => n.id)).toEqual(byScan(kept.values(), area));
      }
    }
    expect(index.size).toBe(kept.size);
    const everything = { x: -1e6, y: -1e6, w: 2e6, h: 2e6 };
    expect(index.within(everything).map((n) => n.id)).toEqual(byScan(kept.values(), everything));
  });

  it("forgets where a moved note was: it is found only where it is now", () => {
    const index = new NoteIndex();
    index.set(note("a", { x: 0, y: 0, w: 160, h: 112 }));
    index.set(note("a", { x: 5000, y: 3000, w: 160, h: 112 }));
    expect(index.within({ x: 0, y: 0, w: 1000, h: 1000 })).toEqual([]);
    expect(index.within({ x: 4900, y: 2900, w: 300, h: 300 }).map((n) => n.id)).toEqual(["a"]);
  });

  it("names the topmost note at a point: the later of two overlapping notes, or the larger id at the same time", () => {
    const index = new NoteIndex();
    index.set(note("b", { x: 0, y: 0, w: 200, h: 200 }, 2));
    index.set(note("a", { x: 100, y: 100, w: 200, h: 200 }, 1));
    index.set(note("c", { x: 150, y: 150, w: 200, h: 200 }, 2));
    expect(index.at({ x: 120, y: 120 })?.id).toBe("b");
    expect(index.at({ x: 160, y: 160 })?.id).toBe("c");
    expect(index.at({ x: 290, y: 110 })?.id).toBe("a");
    expect(index.at({ x: 900, y: 900 })).toBeUndefined();
  });
});
