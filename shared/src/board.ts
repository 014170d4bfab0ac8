import * as Y from "yjs";
import {
  type Board,
  change,
  cleanTitle,
  containerOf,
  type JourneyMap,
  MAP_CONTAINERS,
  mapsOf,
  metaOf,
  openBoard,
  record,
} from "./doc.js";
import { readChild, readNumber, readString, records } from "./fields.js";
import { newId } from "./ids.js";
import { byOrder, keysInOrder, orderKeyAt } from "./order.js";
import { newRaciRecord } from "./raci.js";
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
import { DEFAULT_BOARD_TITLE, DEFAULT_LANES, DEFAULT_MAP_TITLE, DEFAULT_ROLES, DEFAULT_STAGES } from "./template.js";

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

export interface MapTemplate {
  title: string;
  state: MapState;
  stages: readonly { title: string; phase: Phase }[];
  lanes: readonly { title: string; kind: LaneKind }[];
  /** The RACI grid's roles; the method's functions when not given. */
  roles?: readonly string[];
}

/** A title no other map has: "Future state", then "Future state 2", "Future state 3"... */
export function distinctMapTitle(board: Board, title: string): string {
  const wanted = cleanTitle(title, DEFAULT_MAP_TITLE);
  const taken = new Set(listMaps(board).map((m) => m.title));
  if (!taken.has(wanted)) return wanted;
  let n = 2;
  while (taken.has(`${wanted} ${n}`)) n++;
  return `${wanted} ${n}`;
}

export function renameMap(board: Board, mapId: string, title: string): void {
  change(board, () => {
    const y = readChild(mapsOf(board.doc), mapId);
    y?.set("title", cleanTitle(title, readString(y, "title", DEFAULT_MAP_TITLE)));
  });
}

/** Moves a map tab to position `toIndex` among the tabs (0 is first). */
export function moveMap(board: Board, mapId: string, toIndex: number): void {
  change(board, () => {
    const y = readChild(mapsOf(board.doc), mapId);
    if (!y) return;
    const { key, rekeyed } = orderKeyAt(
      listMaps(board).filter((m) => m.id !== mapId),
      toIndex,
    );
    y.set("order", key);
    for (const { id, order } of rekeyed) readChild(mapsOf(board.doc), id)?.set("order", order);
  });
}

/** Deletes a map, notes and curves with it (undo brings it back); a board keeps at least one map. */
export function deleteMap(board: Board, mapId: string): boolean {
  if (listMaps(board).length <= 1 || !getMap(board, mapId)) return false;
  change(board, () => mapsOf(board.doc).delete(mapId));
  return true;
}

/** A new map's fields; its order comes after the last map, its title distinct from the others'. */
function newMapRecord(board: Board, title: string, state: MapState): Y.Map<unknown> {
  const y = new Y.Map<unknown>();
  y.set("title", distinctMapTitle(board, title));
  y.set("state", state);
  const maps = listMaps(board);
  y.set("order", orderKeyAt(maps, maps.length).key);
  return y;
}

/**
 * Copies a map, notes, curves and RACI grid included, to start its future state. Stages, lanes,
 * segments and notes keep their ids, so the two maps can be compared stage by stage and the copied
 * activities keep their stages and linked notes.
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
    for (const name of MAP_CONTAINERS) {
      y.set(name, name === "raci" ? newRaciRecord(template.roles ?? DEFAULT_ROLES) : new Y.Map<unknown>());
    }
    mapsOf(board.doc).set(id, y);
    const map = { board, id, y };
    const stageKeys = keysInOrder(template.stages.length);
    template.stages.forEach((stage, i) => {
      containerOf(map, "stages").set(newId(), record({ ...stage, width: STAGE_WIDTH.initial, order: stageKeys[i] }));
    });
    const laneKeys = keysInOrder(template.lanes.length);
    template.lanes.forEach((lane, i) => {
      containerOf(map, "lanes").set(newId(), record({ ...lane, height: LANE_HEIGHT.initial, order: laneKeys[i] }));
    });
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
