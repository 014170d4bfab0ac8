import {
  activityTitle,
  addActivity,
  addLane,
  addNote,
  addRole,
  addSegment,
  addStage,
  applyTextChange,
  type Board,
  clearEmotion,
  DEFAULT_SEGMENT,
  deleteLane,
  deleteNotes,
  deleteSegment,
  deleteStage,
  duplicateMap,
  type JourneyMap,
  listActivities,
  listLanes,
  listNotes,
  listRoles,
  listSegments,
  listStages,
  MAX_TITLE,
  moveActivity,
  moveLane,
  moveNotes,
  moveStage,
  noteText,
  RACI_LIMITS,
  readCurve,
  readGrid,
  readNote,
  removeActivity,
  removeRole,
  renameBoard,
  renameLane,
  renameStage,
  resizeLane,
  resizeStage,
  setEmotion,
  setEmotionLabel,
  snapScore,
  tagNotes,
  toggleLetter,
  updateSegment,
} from "../../src/index.js";
import { type History, key, type Stamp } from "./history.js";
import type { Operation, Track } from "./operations.js";
import { openMaps } from "./readers.js";

/** What a participant does (everything but the network's deliveries), applied through shared's public API. */
export type Action = Exclude<Operation, { op: "deliver" }>;

export interface Context {
  history: History;
  /** Every note added so far: what an action's `note` index names. New notes are appended. */
  notes: string[];
  /** Gives the action's stamp once it is done. */
  done: () => Stamp;
}

export function listTracks(map: JourneyMap, track: Track): { id: string; order: string }[] {
  return track === "stage" ? listStages(map) : listLanes(map);
}

export function act(context: Context, board: Board, op: Action): void {
  const { history, notes, done } = context;
  if (op.op === "renameBoard") {
    renameBoard(board, op.title);
    return;
  }
  const maps = openMaps(board);
  const map = maps[op.map % maps.length];
  if (!map) return;
  const pick = <T>(list: readonly T[], index: number): T | undefined => list[index % list.length];
  const stageId = "stage" in op ? pick(listStages(map), op.stage)?.id : undefined;
  const laneId = "lane" in op ? pick(listLanes(map), op.lane)?.id : undefined;
  const cell = stageId && laneId ? { stageId, laneId } : null;
  const segmentId = "segment" in op ? pick(listSegments(map), op.segment)?.id : undefined;
  const point = segmentId && stageId ? key(map.id, segmentId, stageId) : undefined;
  const noteId = "note" in op ? pick(notes, op.note) : undefined;
  const note = noteId === undefined ? undefined : readNote(map, noteId);
  const track = "track" in op && "index" in op ? pick(listTracks(map, op.track), op.index)?.id : undefined;
  const isStage = "track" in op && op.track === "stage";
  const activityId = "activity" in op ? pick(listActivities(map, []), op.activity)?.id : undefined;
  const roleId = "role" in op ? pick(listRoles(map), op.role)?.id : undefined;
  switch (op.op) {
    case "addNote": {
      const placed = op.offGrid ? null : cell;
      const id = addNote(map, { cell: placed, x: 10, y: 10, author: String(board.origin) });
      notes.push(id);
      history.addedNotes.add(key(map.id, id));
      history.place(map.id, id, placed, done());
      break;
    }
    case "moveNote":
      if (!note) break;
      moveNotes(map, [{ id: note.id, cell, x: op.x, y: op.y }]);
      history.place(map.id, note.id, cell, done());
      break;
    case "deleteNote":
      if (!note) break;
      deleteNotes(map, [note.id]);
      history.deletedNotes.add(key(map.id, note.id));
      break;
    case "typeText": {
      const text = note && noteText(map, note.id);
      if (!text) break;
      applyTextChange(text, { index: Math.min(op.at, text.length), remove: 0, insert: op.text }, board.origin);
      break;
    }
    case "tagNote":
      if (!note || !segmentId) break;
      tagNotes(map, [note.id], segmentId, op.tagged);
      history.tags.write(key(map.id, note.id, segmentId), done(), op.tagged);
      break;
    case "renameTrack":
      if (track) (isStage ? renameStage : renameLane)(map, track, op.title);
      break;
    case "addTrack": {
      const after = op.after === null ? null : (pick(listTracks(map, op.track), op.after)?.id ?? null);
      if (isStage) addStage(map, { title: "I compare", phase: "pre-sale" }, after);
      else addLane(map, { title: "Devices", kind: "channels" }, after);
      break;
    }
    case "moveTrack":
      if (track) (isStage ? moveStage : moveLane)(map, track, op.to);
      break;
    case "resizeTrack":
      if (track) (isStage ? resizeStage : resizeLane)(map, track, op.size);
      break;
    case "deleteTrack":
      if (track) deleteTrack(history, map, op.track, track, done);
      break;
    case "setEmotion":
      if (!point || !segmentId || !stageId) break;
      setEmotion(map, segmentId, stageId, op.score);
      history.emotion.write(key(point, "score"), done(), snapScore(op.score));
      break;
    case "setEmotionLabel":
      if (!point || !segmentId || !stageId) break;
      setEmotionLabel(map, segmentId, stageId, op.label);
      history.emotion.write(key(point, "label"), done(), op.label.trim().slice(0, MAX_TITLE));
      break;
    case "clearEmotion":
      if (!point || !segmentId || !stageId) break;
      clearEmotion(map, segmentId, stageId);
      history.clear(point, done());
      break;
    case "addSegment":
      addSegment(map, { ...DEFAULT_SEGMENT, name: op.name });
      break;
    case "updateSegment":
      if (segmentId) updateSegment(map, segmentId, { name: op.name, valueTier: op.valueTier });
      break;
    case "deleteSegment":
      if (segmentId) deleteSegment(map, segmentId);
      break;
    case "duplicateMap":
      duplicate(history, board, map, done);
      break;
    case "addActivity": {
      const after = op.after === null ? null : (pick(listActivities(map, []), op.after)?.id ?? null);
      addActivity(map, { title: "Call back", stageId: stageId ?? null, systems: [op.system] }, after);
      break;
    }
    case "toggleLetter":
      if (!activityId || !roleId) break;
      history.letters.write(
        key(map.id, activityId, roleId, op.letter),
        done(),
        toggleLetter(map, activityId, roleId, op.letter),
      );
      break;
    case "typeActivityTitle": {
      const text = activityId && activityTitle(map, activityId);
      if (!text) break;
      const change = { index: Math.min(op.at, text.length), remove: 0, insert: op.text };
      applyTextChange(text, change, board.origin, RACI_LIMITS.activityTitle);
      break;
    }
    case "moveActivity":
      if (activityId) moveActivity(map, activityId, op.to);
      break;
    case "removeActivity":
      if (activityId) removeActivity(map, activityId);
      break;
    case "addRole": {
      const after = op.after === null ? null : (pick(listRoles(map), op.after)?.id ?? null);
      addRole(map, "Partners", after);
      break;
    }
    case "removeRole":
      if (roleId) removeRole(map, roleId);
      break;
  }
}

function deleteTrack(history: History, map: JourneyMap, track: Track, trackId: string, done: () => Stamp): void {
  const count = listTracks(map, track).length;
  const field = track === "stage" ? "stageId" : "laneId";
  const before = new Map(listNotes(map).map((n) => [n.id, n.cell?.[field]]));
  (track === "stage" ? deleteStage : deleteLane)(map, trackId);
  const stamp = done();
  history.deleteTrack(map.id, trackId, { stamp, hadNeighbour: count > 1 });
  // The notes it moved to the neighbouring track were placed there by this deletion.
  for (const note of listNotes(map)) {
    const now = note.cell?.[field];
    if (now !== before.get(note.id)) history.placements.write(key(map.id, note.id, field), stamp, now ?? null);
  }
}

/** Copies a map (at most two copies, to keep runs small); what the copy holds counts as written by this action. */
function duplicate(history: History, board: Board, map: JourneyMap, done: () => Stamp): void {
  if (openMaps(board).length >= 3) return;
  const copy = duplicateMap(board, map.id, "Future state", "future");
  if (!copy) return;
  const stamp = done();
  history.copyTrackDeletions(map.id, copy.id);
  for (const note of listNotes(copy)) {
    history.addedNotes.add(key(copy.id, note.id));
    history.place(copy.id, note.id, note.cell, stamp);
    for (const segmentId of note.segmentIds) history.tags.write(key(copy.id, note.id, segmentId), stamp, true);
  }
  for (const activity of readGrid(copy).activities) {
    for (const [roleId, letters] of Object.entries(activity.cells)) {
      for (const letter of letters) history.letters.write(key(copy.id, activity.id, roleId, letter), stamp, true);
    }
  }
  for (const segment of listSegments(copy)) {
    for (const point of readCurve(copy, segment.id)) {
      history.emotion.write(key(copy.id, segment.id, point.stageId, "score"), stamp, point.score);
      history.emotion.write(key(copy.id, segment.id, point.stageId, "label"), stamp, point.label);
    }
  }
}
