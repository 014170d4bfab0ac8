import * as Y from "yjs";
import { distinctMapTitle, isCreated, listMaps } from "../board.js";
import { writeCrowd } from "../crowd.js";
import { type Board, change, type JourneyMap, mapsOf, metaOf, openBoard, record } from "../doc.js";
import { newId } from "../ids.js";
import { keysInOrder, orderKeyAt } from "../order.js";
import { cellKey } from "../raci.js";
import { SCHEMA_VERSION } from "../schema.js";
import type { BoardFile, MapFile } from "./format.js";

/**
 * Import: a file checked by `parseBoardFile` written into a board, in one transaction of the board's
 * document (one update on the wire, one undo step), every record with all its structure (a note with its
 * text and tags, a segment with its curve, an activity with its cells), never lazily. Crowd results go to
 * the control document when one is given. Order keys are made afresh; everything else is as in the file.
 * A closed vote's result is exported for the record and the CSV but not written back: a vote's settings
 * are not in the file, and the board has one vote at a time.
 */

/** How the file's ids become the board's: kept (a new board), or fresh ones (a map added to a board). */
type Ids = (kind: string, id: string) => string;

const keep: Ids = (_kind, id) => id;

function freshIds(): Ids {
  const given = new Map<string, string>();
  return (kind, id) => {
    const key = `${kind}/${id}`;
    let fresh = given.get(key);
    if (!fresh) {
      fresh = newId();
      given.set(key, fresh);
    }
    return fresh;
  };
}

/** A new board's document from a file, ids kept. Throws on a document that already holds a board. */
export function importBoard(doc: Y.Doc, file: BoardFile, control?: Y.Doc): Board {
  if (isCreated(doc)) throw new Error("importBoard writes a new board: this document already holds one");
  const board = openBoard(doc);
  change(board, () => {
    const meta = metaOf(doc);
    meta.set("schemaVersion", SCHEMA_VERSION);
    meta.set("title", file.board.title);
    meta.set("createdAt", Date.parse(file.board.createdAt));
    const orders = keysInOrder(file.maps.length);
    file.maps.forEach((map, i) => {
      writeMap(board, map, keep, map.title, orders[i] as string);
    });
  });
  if (control) for (const map of file.maps) writeResults(control, map, keep);
  return board;
}

/**
 * The file's map at `mapIndex` added after the board's last map, with fresh ids throughout (nothing can
 * collide with what the board holds) and a title no other map has. Undefined when there is no such map.
 */
export function importMap(board: Board, file: BoardFile, mapIndex: number, control?: Y.Doc): JourneyMap | undefined {
  const source = file.maps[mapIndex];
  if (!source) return undefined;
  const ids = freshIds();
  const map = change(board, () => {
    const maps = listMaps(board);
    return writeMap(board, source, ids, distinctMapTitle(board, source.title), orderKeyAt(maps, maps.length).key);
  });
  if (control) writeResults(control, source, ids);
  return map;
}

function writeMap(board: Board, source: MapFile, ids: Ids, title: string, order: string): JourneyMap {
  const id = ids("map", source.id);
  const y = record({ title, state: source.state, order });
  const stages = new Y.Map<unknown>();
  const stageKeys = keysInOrder(source.stages.length);
  source.stages.forEach((s, i) => {
    stages.set(ids("stage", s.id), record({ title: s.title, phase: s.phase, width: s.width, order: stageKeys[i] }));
  });
  const lanes = new Y.Map<unknown>();
  const laneKeys = keysInOrder(source.lanes.length);
  source.lanes.forEach((l, i) => {
    lanes.set(ids("lane", l.id), record({ title: l.title, kind: l.kind, height: l.height, order: laneKeys[i] }));
  });
  const notes = new Y.Map<unknown>();
  for (const note of source.notes) notes.set(ids("note", note.id), noteRecord(note, ids));
  const segments = new Y.Map<unknown>();
  const segmentKeys = keysInOrder(source.segments.length);
  source.segments.forEach((s, i) => {
    const segment = record({
      name: s.name,
      color: s.color,
      description: s.description,
      valueTier: s.valueTier,
      order: segmentKeys[i],
    });
    const scores = new Y.Map<unknown>();
    const labels = new Y.Map<unknown>();
    for (const point of s.curve) {
      scores.set(ids("stage", point.stageId), point.score);
      if (point.label) labels.set(ids("stage", point.stageId), point.label);
    }
    segment.set("emotion", scores);
    segment.set("labels", labels);
    segments.set(ids("segment", s.id), segment);
  });
  y.set("stages", stages);
  y.set("lanes", lanes);
  y.set("notes", notes);
  y.set("segments", segments);
  y.set("raci", raciRecord(source, ids));
  mapsOf(board.doc).set(id, y);
  return { board, id, y };
}

function noteRecord(note: MapFile["notes"][number], ids: Ids): Y.Map<unknown> {
  const y = record({
    stageId: note.cell ? ids("stage", note.cell.stageId) : null,
    laneId: note.cell ? ids("lane", note.cell.laneId) : null,
    x: note.position.x,
    y: note.position.y,
    w: note.size.w,
    h: note.size.h,
    kind: note.kind,
    color: note.color,
    text: new Y.Text(note.text),
    author: note.author,
    createdAt: Date.parse(note.createdAt),
  });
  if (note.authorColor !== null) y.set("authorColor", note.authorColor);
  if (note.channel !== null) y.set("channel", note.channel);
  if (note.polarity !== null) y.set("polarity", note.polarity);
  if (note.source !== null) y.set("source", note.source);
  const tags = new Y.Map<unknown>();
  for (const segmentId of note.segmentIds) tags.set(ids("segment", segmentId), true);
  y.set("segments", tags);
  return y;
}

function raciRecord(source: MapFile, ids: Ids): Y.Map<unknown> {
  const raci = new Y.Map<unknown>();
  const roles = new Y.Map<unknown>();
  const roleKeys = keysInOrder(source.raci.roles.length);
  source.raci.roles.forEach((role, i) => {
    roles.set(ids("role", role.id), record({ name: role.name, order: roleKeys[i] }));
  });
  const activities = new Y.Map<unknown>();
  const activityKeys = keysInOrder(source.raci.activities.length);
  source.raci.activities.forEach((a, i) => {
    const notes = new Y.Map<unknown>();
    for (const noteId of a.noteIds) notes.set(ids("note", noteId), true);
    const systems = new Y.Map<unknown>();
    for (const system of a.systems) systems.set(system.key, system.name);
    const cells = new Y.Map<unknown>();
    for (const [roleId, letters] of Object.entries(a.cells)) {
      for (const letter of letters) cells.set(cellKey(ids("role", roleId), letter), true);
    }
    const activity = record({
      title: new Y.Text(a.title),
      stageId: a.stageId === null ? null : ids("stage", a.stageId),
      order: activityKeys[i],
    });
    activity.set("notes", notes);
    activity.set("systems", systems);
    activity.set("cells", cells);
    activities.set(ids("activity", a.id), activity);
  });
  const statuses = new Y.Map<unknown>();
  for (const [key, status] of Object.entries(source.raci.systemStatus)) {
    if (status !== "unknown") statuses.set(key, status);
  }
  raci.set("roles", roles);
  raci.set("activities", activities);
  raci.set("systems", statuses);
  raci.set("accountableShare", source.raci.accountableShare);
  return raci;
}

/** The map's crowd results into the control document, in one transaction of it. */
function writeResults(control: Y.Doc, source: MapFile, ids: Ids): void {
  control.transact(() => {
    for (const result of source.crowd) {
      const stages = Object.fromEntries(
        result.stages.map(({ stageId, mean, sd, count }) => [ids("stage", stageId), { mean, sd, count }]),
      );
      const shared = Object.fromEntries(
        result.shared.map(({ name, scores }) => [
          name,
          Object.fromEntries(scores.map(({ stageId, score }) => [ids("stage", stageId), score])),
        ]),
      );
      const mapId = ids("map", source.id);
      writeCrowd(
        control,
        mapId,
        ids("segment", result.segmentId),
        {
          roundId: result.roundId,
          closedAt: Date.parse(result.closedAt),
          participants: result.participants,
          stages,
          shared,
        },
        null,
      );
    }
  });
}
