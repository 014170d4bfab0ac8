import { MAX_NAME } from "@journeyboard/shared";
import { useMemo, useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import { CURSOR_INTERVAL_MS } from "../sync/presence.js";

/**
 * Which cell of a map's RACI grid each participant is on, shared as the `raciCell` field of their
 * presence (y-protocols awareness), as cursors are. What others send is checked before it is shown: a
 * malformed or oversized field reads as no cell.
 */
export interface CellRef {
  mapId: string;
  activityId: string;
  /** A role's id, or one of the activity's own columns ("title", "stage", "systems"). */
  column: string;
}

export interface CellVisitor {
  clientId: number;
  name: string;
  color: string;
}

/** Ids the model makes (newId) and the grid's own column names; anything else is not a cell. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const COLOR = /^#[0-9A-Fa-f]{6}$/;

export function readCellRef(value: unknown): CellRef | null {
  if (typeof value !== "object" || value === null) return null;
  const { mapId, activityId, column } = value as Record<string, unknown>;
  const valid = [mapId, activityId, column].every((part) => typeof part === "string" && ID.test(part));
  return valid ? { mapId: mapId as string, activityId: activityId as string, column: column as string } : null;
}

function readVisitor(clientId: number, state: unknown): (CellVisitor & { cell: CellRef }) | null {
  if (typeof state !== "object" || state === null) return null;
  const { user, raciCell } = state as { user?: unknown; raciCell?: unknown };
  const cell = readCellRef(raciCell);
  if (!cell || typeof user !== "object" || user === null) return null;
  const { name, color } = user as { name?: unknown; color?: unknown };
  if (typeof name !== "string" || typeof color !== "string" || !COLOR.test(color)) return null;
  return { clientId, name: name.slice(0, MAX_NAME), color, cell };
}

/** The key a cell is found under in `cellVisitors`' answer. */
export function cellId(activityId: string, column: string): string {
  return `${activityId}/${column}`;
}

/** Everyone else on a cell of this map's grid, by cell (cellId), in client order. */
export function cellVisitors(awareness: Awareness, mapId: string): Map<string, CellVisitor[]> {
  const byCell = new Map<string, CellVisitor[]>();
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const visitor = readVisitor(clientId, state);
    if (!visitor || visitor.cell.mapId !== mapId) continue;
    const key = cellId(visitor.cell.activityId, visitor.cell.column);
    byCell.set(key, [...(byCell.get(key) ?? []), { clientId, name: visitor.name, color: visitor.color }]);
  }
  return byCell;
}

export function useCellVisitors(awareness: Awareness, mapId: string): Map<string, CellVisitor[]> {
  const store = useMemo(() => {
    let value = cellVisitors(awareness, mapId);
    return {
      subscribe(onChange: () => void) {
        const handler = () => {
          value = cellVisitors(awareness, mapId);
          onChange();
        };
        awareness.on("change", handler);
        return () => awareness.off("change", handler);
      },
      get: () => value,
    };
  }, [awareness, mapId]);
  return useSyncExternalStore(store.subscribe, store.get);
}

/**
 * Sends the cell this participant is on (null: none), at most every CURSOR_INTERVAL_MS and always ending
 * on the latest, so a held arrow key stays within the relay's presence rate.
 */
export function cellSender(awareness: Awareness): (cell: CellRef | null) => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: CellRef | null = null;
  const flush = () => {
    timer = undefined;
    last = performance.now();
    if (awareness.getLocalState() !== null) awareness.setLocalStateField("raciCell", pending);
  };
  return (cell) => {
    pending = cell;
    if (timer !== undefined) return;
    const wait = CURSOR_INTERVAL_MS - (performance.now() - last);
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  };
}
