import type * as Y from "yjs";
import { getMap, listMaps, readMeta } from "../board.js";
import { readCrowd } from "../crowd.js";
import { type JourneyMap, openBoard } from "../doc.js";
import { readCurve } from "../emotion.js";
import { listLanes } from "../lanes.js";
import { listNotes } from "../notes.js";
import { MAX_NOTE_TEXT, MAX_TITLE } from "../protocol.js";
import { readGrid } from "../raci.js";
import type { Note } from "../schema.js";
import { listSegments } from "../segments.js";
import { listStages } from "../stages.js";
import { readVote } from "../voting.js";
import {
  type BoardFile,
  type CrowdResultFile,
  FILE_FORMAT,
  FILE_LIMITS,
  FILE_SCHEMA_VERSION,
  type MapFile,
  type NoteFile,
  type RaciFile,
  type VoteResultFile,
} from "./format.js";

/**
 * Export: the board's shared document (and its control document, for crowd and vote results) as a
 * Journeyboard file, through the model's readers, never from a client's view state. Keys are written in
 * the schema's order and arrays in display order, so two exports of one board differ only in `exportedAt`.
 */

const iso = (ms: number) => new Date(ms).toISOString();
/**
 * The model's editors keep to its limits, but a foreign client can write past them; the readers do not cut
 * everything, so the export does, and never writes a file its own import would refuse.
 */
const cut = (text: string, max: number) => text.slice(0, max);
const bounded = (n: number) => Math.max(-FILE_LIMITS.coordinate, Math.min(FILE_LIMITS.coordinate, n));

export function exportBoard(doc: Y.Doc, control?: Y.Doc, now: number = Date.now()): BoardFile {
  const board = openBoard(doc);
  const meta = readMeta(board);
  const maps = listMaps(board).flatMap((summary) => {
    const map = getMap(board, summary.id);
    return map ? [exportMap(map, summary, control)] : [];
  });
  return {
    format: FILE_FORMAT,
    schemaVersion: FILE_SCHEMA_VERSION,
    exportedAt: iso(now),
    board: { title: cut(meta.title, MAX_TITLE), createdAt: iso(meta.createdAt) },
    maps,
  };
}

/** The file's text: indented, so people can read it and diffs of two exports stay small. */
export function boardFileJson(file: BoardFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

function exportMap(map: JourneyMap, summary: { title: string; state: "current" | "future" }, control?: Y.Doc): MapFile {
  const stages = listStages(map);
  const lanes = listLanes(map);
  const stageIndex = new Map(stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map(lanes.map((l, i) => [l.id, i]));
  const segments = listSegments(map);
  const segmentIds = new Set(segments.map((s) => s.id));
  const notes = listNotes(map).sort(inReadingOrder(stageIndex, laneIndex));
  const noteIds = new Set(notes.map((n) => n.id));
  return {
    id: map.id,
    title: cut(summary.title, MAX_TITLE),
    state: summary.state,
    stages: stages.map(({ id, title, phase, width }) => ({ id, title: cut(title, MAX_TITLE), phase, width })),
    lanes: lanes.map(({ id, title, kind, height }) => ({ id, title: cut(title, MAX_TITLE), kind, height })),
    notes: notes.map((note) => exportNote(note, stageIndex, laneIndex, segmentIds)),
    segments: segments.map((segment) => ({
      id: segment.id,
      name: cut(segment.name, MAX_TITLE),
      color: segment.color,
      description: cut(segment.description, MAX_TITLE * 4),
      valueTier: segment.valueTier,
      curve: readCurve(map, segment.id)
        .filter((point) => stageIndex.has(point.stageId))
        .sort((a, b) => (stageIndex.get(a.stageId) ?? 0) - (stageIndex.get(b.stageId) ?? 0))
        .map(({ stageId, score, label }) => ({ stageId, score, label: cut(label, MAX_TITLE) })),
    })),
    raci: exportRaci(map),
    crowd: control
      ? exportCrowd(
          control,
          map.id,
          segments.map((s) => s.id),
          stageIndex,
        )
      : [],
    vote: control ? exportVote(control, map.id, noteIds) : null,
  };
}

/** Notes by stage, then lane, then top to bottom and left to right; notes outside the grid last. */
function inReadingOrder(stages: Map<string, number>, lanes: Map<string, number>) {
  const rank = (note: Note) =>
    note.cell ? [stages.get(note.cell.stageId) ?? -1, lanes.get(note.cell.laneId) ?? -1] : [Infinity, Infinity];
  return (a: Note, b: Note) => {
    const [as, al] = rank(a);
    const [bs, bl] = rank(b);
    return (
      (as ?? 0) - (bs ?? 0) ||
      (al ?? 0) - (bl ?? 0) ||
      a.y - b.y ||
      a.x - b.x ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    );
  };
}

/**
 * A note as the file holds it. A cell or a segment tag removed by someone while another moved or tagged the
 * note (a merge) is left out, as the board's readers ignore it, so the file never names what is not there.
 */
function exportNote(
  note: Note,
  stages: Map<string, number>,
  lanes: Map<string, number>,
  segmentIds: Set<string>,
): NoteFile {
  const { cell } = note;
  return {
    id: note.id,
    text: cut(note.text, MAX_NOTE_TEXT),
    kind: note.kind,
    cell: cell && stages.has(cell.stageId) && lanes.has(cell.laneId) ? { ...cell } : null,
    position: { x: bounded(Math.round(note.x)), y: bounded(Math.round(note.y)) },
    size: { w: note.w, h: note.h },
    color: note.color,
    author: note.author,
    authorColor: note.authorColor,
    createdAt: iso(note.createdAt),
    channel: note.channel,
    polarity: note.polarity,
    source: note.source,
    segmentIds: note.segmentIds.filter((id) => segmentIds.has(id)),
  };
}

function exportRaci(map: JourneyMap): RaciFile {
  const grid = readGrid(map);
  return {
    roles: grid.roles.map(({ id, name }) => ({ id, name })),
    activities: grid.activities.map((activity) => ({
      id: activity.id,
      title: activity.title,
      stageId: activity.stageId,
      noteIds: activity.noteIds,
      systems: activity.systems.map(({ key, name }) => ({ key, name })),
      cells: Object.fromEntries(
        grid.roles.flatMap((role) => {
          const letters = activity.cells[role.id] ?? [];
          return letters.length > 0 ? [[role.id, letters]] : [];
        }),
      ),
    })),
    accountableShare: grid.accountableShare,
    systemStatus: Object.fromEntries(Object.entries(grid.systemStatus).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

function exportCrowd(
  control: Y.Doc,
  mapId: string,
  segmentIds: readonly string[],
  stageIndex: Map<string, number>,
): CrowdResultFile[] {
  const inStageOrder = (a: string, b: string) => (stageIndex.get(a) ?? 0) - (stageIndex.get(b) ?? 0);
  return segmentIds.flatMap((segmentId) => {
    const result = readCrowd(control, mapId, segmentId);
    if (!result) return [];
    return [
      {
        segmentId,
        roundId: result.roundId,
        closedAt: iso(result.closedAt),
        participants: result.participants,
        // Stages deleted since the round closed have no column to show their figures in.
        stages: Object.keys(result.stages)
          .filter((stageId) => stageIndex.has(stageId))
          .sort(inStageOrder)
          .map((stageId) => {
            const { mean, sd, count } = result.stages[stageId] ?? { mean: null, sd: null, count: 0 };
            return { stageId, mean, sd, count };
          }),
        shared: Object.entries(result.shared)
          .sort(([a], [b]) => a.localeCompare(b, "en"))
          .map(([name, scores]) => ({
            name,
            scores: Object.keys(scores)
              .filter((stageId) => stageIndex.has(stageId))
              .sort(inStageOrder)
              .map((stageId) => ({ stageId, score: scores[stageId] ?? 0 })),
          })),
      },
    ];
  });
}

/** The board's vote when it was on this map and is closed: its ranking of notes that still exist. */
function exportVote(control: Y.Doc, mapId: string, noteIds: Set<string>): VoteResultFile | null {
  const vote = readVote(control);
  if (!vote || vote.mapId !== mapId || vote.status !== "closed" || !vote.ranking) return null;
  return {
    question: vote.question,
    closedAt: vote.closedAt === null ? null : iso(vote.closedAt),
    dots: vote.ranking.filter((r) => noteIds.has(r.noteId)).map(({ noteId, dots, rank }) => ({ noteId, dots, rank })),
  };
}
