import {
  containerOf,
  type Grid,
  type JourneyMap,
  NOTE_COLORS,
  type Note,
  noteRect,
  placedMoments,
  readNote,
} from "@journeyboard/shared";
import { useCallback, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { NoteIndex } from "./note-index.js";

/**
 * Every note of a map, read once and then kept from each note's own events: a note that moves is read
 * again alone, and a note's text or tags changing does not move it at all. The canvas asks it which notes
 * meet the view (a spatial index), and the emotion curves ask it for the moments of truth placed.
 */
export class NoteStore {
  private readonly notes = new Map<string, Note>();
  private readonly listeners = new Set<(changed: ReadonlySet<string>) => void>();
  private index = new NoteIndex();
  /** The layout the index was built for, and its grid (to place notes that change). */
  private layout = "";
  private grid: Grid | null = null;
  private moments: Map<string, Note[]> | null = null;
  private readonly container: Y.Map<unknown>;

  constructor(private readonly map: JourneyMap) {
    this.container = containerOf(map, "notes");
  }

  /** Calls `listener` with the ids of the notes changed by each transaction, while subscribed. */
  subscribe(listener: (changed: ReadonlySet<string>) => void): () => void {
    if (this.listeners.size === 0) this.start();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** The index of note rectangles for a layout of the map; rebuilt only when stages or lanes change. */
  indexFor(grid: Grid): NoteIndex {
    const layout = layoutKey(grid);
    if (layout !== this.layout) {
      this.layout = layout;
      this.index = new NoteIndex();
      for (const note of this.notes.values()) this.index.set(placed(grid, note));
      this.grid = grid;
    }
    return this.index;
  }

  /** The moment-of-truth notes placed in each stage, re-derived only when such a note changes. */
  placedMoments(): Map<string, Note[]> {
    this.moments ??= placedMoments([...this.notes.values()].filter(isMoment));
    return this.moments;
  }

  private readonly changed = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const ids = new Set<string>();
    for (const event of events) {
      if (event.target === this.container) for (const key of event.keys.keys()) ids.add(key);
      else {
        const [id, part] = event.path;
        // A note's text and tags do not move it, and a moment of truth is known by its kind and cell.
        if (typeof id === "string" && part !== "text" && part !== "segments") ids.add(id);
      }
    }
    if (ids.size === 0) return;
    for (const id of ids) this.read(id);
    for (const listener of this.listeners) listener(ids);
  };

  private read(id: string): void {
    const before = this.notes.get(id);
    const note = readNote(this.map, id);
    if (note) this.notes.set(id, note);
    else this.notes.delete(id);
    if (this.grid && note) this.index.set(placed(this.grid, note));
    else this.index.delete(id);
    if ((before && isMoment(before)) || (note && isMoment(note))) this.moments = null;
  }

  private start(): void {
    for (const id of this.container.keys()) {
      const note = readNote(this.map, id);
      if (note) this.notes.set(id, note);
    }
    this.layout = "";
    this.moments = null;
    this.container.observeDeep(this.changed);
  }

  private stop(): void {
    this.container.unobserveDeep(this.changed);
    this.notes.clear();
    this.index = new NoteIndex();
    this.layout = "";
    this.grid = null;
  }
}

function isMoment(note: Note): boolean {
  return note.kind === "moment-of-truth";
}

function placed(grid: Grid, note: Note) {
  return { id: note.id, rect: noteRect(grid, note), fill: NOTE_COLORS[note.color], createdAt: note.createdAt };
}

/** What note rectangles depend on: each stage's and lane's place and size, and the grid's height. */
function layoutKey(grid: Grid): string {
  const columns = grid.columns.map((c) => `${c.stage.id}:${c.x}:${c.stage.width}`).join(",");
  const rows = grid.rows.map((r) => `${r.lane.id}:${r.y}:${r.lane.height}`).join(",");
  return `${columns}|${rows}|${grid.height}`;
}

const stores = new WeakMap<Y.Map<unknown>, NoteStore>();

/** The one store of a map's notes, shared by every view of this page that reads them. */
export function noteStoreOf(map: JourneyMap): NoteStore {
  const container = containerOf(map, "notes");
  let store = stores.get(container);
  if (!store) {
    store = new NoteStore(map);
    stores.set(container, store);
  }
  return store;
}

/** The moment-of-truth notes placed in each stage; a view using it re-renders only when one changes. */
export function usePlacedMoments(map: JourneyMap): Map<string, Note[]> {
  const store = noteStoreOf(map);
  const subscribe = useCallback((onChange: () => void) => store.subscribe(onChange), [store]);
  return useSyncExternalStore(subscribe, () => store.placedMoments());
}
