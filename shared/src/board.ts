import { generateKeyBetween } from "fractional-indexing";
import * as Y from "yjs";
import { byOrder, clamp, readChild, readNumber, readString, records } from "./fields.js";
import { newId } from "./ids.js";
import { MAX_TITLE } from "./protocol.js";
import {
  type BoardMeta,
  LANE_HEIGHT,
  type LaneKind,
  type MapState,
  type MapSummary,
  type Phase,
  SCHEMA_VERSION,
  STAGE_WIDTH,
} from "./schema.js";
import { addSegment } from "./segments.js";
import { DEFAULT_BOARD_TITLE, DEFAULT_LANES, DEFAULT_MAP_TITLE, DEFAULT_STAGES } from "./template.js";

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

export function readMeta(board: Board): BoardMeta {
  const meta = metaOf(board.doc);
  return {
    schemaVersion: readNumber(meta, "schemaVersion", 0),
    title: readString(meta, "title", DEFAULT_BOARD_TITLE),
    createdAt: readNumber(meta, "createdAt", 0),
  };
}

/** A board exists once its creator has written its schema version. */
export function isCreated(doc: Y.Doc): boolean {
  return typeof metaOf(doc).get("schemaVersion") === "number";
}

export function renameBoard(board: Board, title: string): void {
  change(board, () => metaOf(board.doc).set("title", cleanTitle(title, DEFAULT_BOARD_TITLE)));
}

export function cleanTitle(title: string, fallback: string): string {
  const trimmed = title.trim().slice(0, MAX_TITLE);
  return trimmed.length > 0 ? trimmed : fallback;
}

export function listMaps(board: Board): MapSummary[] {
  const maps: MapSummary[] = [];
  for (const [id, record] of records(mapsOf(board.doc))) {
    maps.push({
      id,
      title: readString(record, "title", DEFAULT_MAP_TITLE),
      state: readString(record, "state", "current") as MapState,
      order: readString(record, "order", ""),
    });
  }
  return maps.sort(byOrder);
}

export function getMap(board: Board, mapId: string): JourneyMap | undefined {
  const y = readChild(mapsOf(board.doc), mapId);
  return y ? { board, id: mapId, y } : undefined;
}

/** The container of a map, e.g. its notes. Created with the map, so always there in a valid board. */
export function containerOf(map: JourneyMap, name: MapContainer): Y.Map<unknown> {
  const container = readChild(map.y, name);
  if (!container) throw new Error(`map ${map.id} has no ${name}`);
  return container;
}

export interface MapTemplate {
  title: string;
  state: MapState;
  stages: readonly { title: string; phase: Phase }[];
  lanes: readonly { title: string; kind: LaneKind }[];
}

/** A new map's fields; its order comes after the last map. */
function newMapRecord(board: Board, title: string, state: MapState): Y.Map<unknown> {
  const y = new Y.Map<unknown>();
  y.set("title", cleanTitle(title, DEFAULT_MAP_TITLE));
  y.set("state", state);
  y.set("order", generateKeyBetween(listMaps(board).at(-1)?.order ?? null, null));
  return y;
}

/**
 * Copies a map, notes and curves included, to start its future state. Stages, lanes, segments and
 * notes keep their ids, so the two maps can be compared stage by stage.
 */
export function duplicateMap(board: Board, mapId: string, title: string, state: MapState): JourneyMap | undefined {
  const source = getMap(board, mapId);
  if (!source) return undefined;
  return change(board, () => {
    const id = newId();
    const y = newMapRecord(board, title, state);
    for (const name of MAP_CONTAINERS) {
      const copy = new Y.Map<unknown>();
      for (const [key, value] of containerOf(source, name).entries()) {
        copy.set(key, value instanceof Y.AbstractType ? value.clone() : value);
      }
      y.set(name, copy);
    }
    mapsOf(board.doc).set(id, y);
    return { board, id, y };
  });
}

/** Adds a map after the last one, with its stages and lanes laid out in order. */
export function addMap(board: Board, template: MapTemplate): JourneyMap {
  return change(board, () => {
    const id = newId();
    const y = newMapRecord(board, template.title, template.state);
    for (const name of MAP_CONTAINERS) y.set(name, new Y.Map<unknown>());
    mapsOf(board.doc).set(id, y);
    const map = { board, id, y };
    let order: string | null = null;
    for (const stage of template.stages) {
      order = generateKeyBetween(order, null);
      containerOf(map, "stages").set(newId(), record({ ...stage, width: STAGE_WIDTH.initial, order }));
    }
    order = null;
    for (const lane of template.lanes) {
      order = generateKeyBetween(order, null);
      containerOf(map, "lanes").set(newId(), record({ ...lane, height: LANE_HEIGHT.initial, order }));
    }
    addSegment(map);
    return map;
  });
}

/** Writes a new board: meta and one current-state map with the method's journey. Done once, by the relay. */
export function createBoard(doc: Y.Doc, options: { title?: string; now?: number } = {}): Board {
  const board = openBoard(doc);
  change(board, () => {
    const meta = metaOf(doc);
    meta.set("schemaVersion", SCHEMA_VERSION);
    meta.set("title", cleanTitle(options.title ?? "", DEFAULT_BOARD_TITLE));
    meta.set("createdAt", options.now ?? Date.now());
    addMap(board, { title: DEFAULT_MAP_TITLE, state: "current", stages: DEFAULT_STAGES, lanes: DEFAULT_LANES });
  });
  return board;
}

export function record(fields: Record<string, unknown>): Y.Map<unknown> {
  const y = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) y.set(key, value);
  return y;
}

export function clampStageWidth(width: number): number {
  return clamp(Math.round(width), STAGE_WIDTH.min, STAGE_WIDTH.max);
}

export function clampLaneHeight(height: number): number {
  return clamp(Math.round(height), LANE_HEIGHT.min, LANE_HEIGHT.max);
}
