import type { Viewport } from "./viewport.js";

/**
 * Each participant's view of a board (the map tab they were on, and where they looked on each map), kept
 * in this browser so that a reload brings them back where they were.
 */
interface SavedView {
  mapId: string | null;
  views: Record<string, Viewport>;
}

/** Where a board opens for someone who has not looked at it yet: 100 %, on the start of the journey. */
export const OPENING_VIEW: Viewport = { x: 24, y: 24, scale: 1 };

const key = (boardId: string) => `journeyboard:view:${boardId}`;

function read(boardId: string): SavedView {
  try {
    const saved = JSON.parse(localStorage.getItem(key(boardId)) ?? "null") as Partial<SavedView> | null;
    return { mapId: typeof saved?.mapId === "string" ? saved.mapId : null, views: saved?.views ?? {} };
  } catch {
    return { mapId: null, views: {} };
  }
}

function isViewport(value: unknown): value is Viewport {
  const view = value as Partial<Viewport> | undefined;
  return (
    [view?.x, view?.y, view?.scale].every((n) => typeof n === "number" && Number.isFinite(n)) && (view?.scale ?? 0) > 0
  );
}

export function savedMapId(boardId: string): string | null {
  return read(boardId).mapId;
}

/** The view this participant last had of a map, if they have looked at it in this browser. */
export function savedViewport(boardId: string, mapId: string): Viewport | undefined {
  const view = read(boardId).views[mapId];
  return isViewport(view) ? view : undefined;
}

export function saveView(boardId: string, mapId: string, viewport: Viewport): void {
  const saved = read(boardId);
  saved.mapId = mapId;
  saved.views[mapId] = viewport;
  localStorage.setItem(key(boardId), JSON.stringify(saved));
}
