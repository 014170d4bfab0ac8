import * as Y from "yjs";
import { readChild } from "./fields.js";
import { MAX_TITLE } from "./protocol.js";

/**
 * Document primitives every part of the model builds on: the board document, its maps and their
 * containers, and one transaction per change.
 */

/**
 * A board document and the origin its changes are made with. The client passes its own origin so that
 * its undo manager tracks only the changes this participant made.
 */
export interface Board {
  readonly doc: Y.Doc;
  readonly origin: unknown;
}

/** One journey map of a board (a tab): its stages, lanes and notes. */
export interface JourneyMap {
  readonly board: Board;
  readonly id: string;
  readonly y: Y.Map<unknown>;
}

/** The containers every map holds; later features fill the ones still empty today. */
export const MAP_CONTAINERS = ["stages", "lanes", "notes", "segments", "raci"] as const;
export type MapContainer = (typeof MAP_CONTAINERS)[number];

export function openBoard(doc: Y.Doc, origin: unknown = null): Board {
  return { doc, origin };
}

/** Runs `fn` as one transaction with the board's origin: one update on the wire, one step to undo. */
export function change<T>(board: Board, fn: () => T): T {
  let result: T | undefined;
  board.doc.transact(() => {
    result = fn();
  }, board.origin);
  return result as T;
}

export function metaOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap("meta");
}

export function mapsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap("maps");
}

/** The container of a map, e.g. its notes. Created with the map, so always there in a valid board. */
export function containerOf(map: JourneyMap, name: MapContainer): Y.Map<unknown> {
  const container = readChild(map.y, name);
  if (!container) throw new Error(`map ${map.id} has no ${name}`);
  return container;
}

/** A new record holding `fields`. */
export function record(fields: Record<string, unknown>): Y.Map<unknown> {
  const y = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) y.set(key, value);
  return y;
}

export function cleanTitle(title: string, fallback: string): string {
  const trimmed = title.trim().slice(0, MAX_TITLE);
  return trimmed.length > 0 ? trimmed : fallback;
}
