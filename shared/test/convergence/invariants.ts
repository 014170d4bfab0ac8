import {
  type Board,
  computeGrid,
  getMap,
  isUnplaced,
  listActivities,
  listLanes,
  listMaps,
  listNotes,
  listRoles,
  listSegments,
  listStages,
  type Note,
  noteRect,
  type RaciLetter,
  readCurve,
  readGrid,
  readNote,
  UNPLACED_GAP,
} from "../../src/index.js";
import { happenedBefore, key } from "./history.js";
import { Network } from "./network.js";
import { openMaps, readBoard } from "./readers.js";
import type { Workshop } from "./workshop.js";

/** Each invariant lists what breaks it in a merged workshop, in words; an empty list means it holds. */
export type Invariant = (workshop: Workshop) => string[];

/** Where two plain values first differ, e.g. `maps.0.curves.1.0.score: 0 ≠ 2`. */
function firstDifference(a: unknown, b: unknown, path = ""): string | null {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
      );
      if (found) return found;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${path.slice(1)}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}

/** Runs a check on every participant's copy, naming the participant in what it finds. */
function everywhere(workshop: Workshop, check: (board: Board) => string[]): string[] {
  return workshop.boards.flatMap((board, i) => check(board).map((problem) => `participant ${i}: ${problem}`));
}

export const everyoneReadsTheSameBoard: Invariant = (workshop) => {
  const [first, ...others] = workshop.boards.map(readBoard);
  return [
    ...workshop.network.docs.flatMap((doc, i) =>
      Network.hasPending(doc) ? [`participant ${i} holds updates it cannot apply`] : [],
    ),
    ...others.flatMap((other, i) => {
      const difference = firstDifference(first, other);
      return difference ? [`participant ${i + 1} differs from participant 0 at ${difference}`] : [];
    }),
  ];
};

export const noNoteIsLost: Invariant = (workshop) => {
  const { addedNotes, deletedNotes } = workshop.history;
  const kept = [...addedNotes].filter((k) => !deletedNotes.has(k));
  return everywhere(workshop, (board) =>
    kept.flatMap((k) => {
      const [mapId = "", noteId = ""] = k.split("/");
      const map = getMap(board, mapId);
      return map && readNote(map, noteId) ? [] : [`note ${k}, added and never deleted, is gone`];
    }),
  );
};

/**
 * The app's promise (tracks.ts, layout.ts): deleting a stage or lane moves its notes to the neighbouring
 * one; a note ends up pointing at a deleted track only when someone placed it there while another deleted
 * that track (or no track was left), and it is then drawn in the unplaced strip under the grid.
 */
export const notesOfDeletedTracksStayOnTheBoard: Invariant = (workshop) => {
  const { history } = workshop;
  const excused = (mapId: string, note: Note, field: "stageId" | "laneId", trackId: string): boolean =>
    (history.trackDeletions.get(key(mapId, trackId)) ?? []).some(
      (deletion) =>
        !deletion.hadNeighbour ||
        history.placements
          .writes(key(mapId, note.id, field))
          .some((w) => w.value === trackId && !happenedBefore(w.stamp, deletion.stamp)),
    );
  return everywhere(workshop, (board) =>
    openMaps(board).flatMap((map) => {
      const stages = new Set(listStages(map).map((s) => s.id));
      const lanes = new Set(listLanes(map).map((l) => l.id));
      const grid = computeGrid(listStages(map), listLanes(map));
      return listNotes(map).flatMap((note) => {
        if (!note.cell || (stages.has(note.cell.stageId) && lanes.has(note.cell.laneId))) return [];
        const problems: string[] = [];
        const { stageId, laneId } = note.cell;
        if (!stages.has(stageId) && !excused(map.id, note, "stageId", stageId)) {
          problems.push(`note ${note.id} was left in deleted stage ${stageId} though the deletion saw it there`);
        }
        if (!lanes.has(laneId) && !excused(map.id, note, "laneId", laneId)) {
          problems.push(`note ${note.id} was left in deleted lane ${laneId} though the deletion saw it there`);
        }
        if (!isUnplaced(grid, note) || noteRect(grid, note).y < grid.height + UNPLACED_GAP) {
          problems.push(`note ${note.id}, whose cell is gone, is not drawn in the unplaced strip`);
        }
        return problems;
      });
    }),
  );
};

export const aMoveAfterTheMergeLandsWhereAsked: Invariant = (workshop) =>
  workshop.moves.flatMap(({ move, to, actual, sharing }) => [
    ...(actual === to ? [] : [`moving ${JSON.stringify(move)} to index ${to} put it at ${actual}`]),
    ...(sharing === 0 ? [] : [`moving ${JSON.stringify(move)} to index ${to} gave it another track's order key`]),
  ]);

export const orderKeysAreUnique: Invariant = (workshop) => {
  const duplicates = (what: string, list: readonly { id: string; order: string }[]) => {
    const seen = new Map<string, string>();
    return list.flatMap((item) => {
      const other = seen.get(item.order);
      seen.set(item.order, item.id);
      return other ? [`${what} ${other} and ${item.id} share the order key ${item.order}`] : [];
    });
  };
  return everywhere(workshop, (board) => [
    ...duplicates("maps", listMaps(board)),
    ...openMaps(board).flatMap((map) => [
      ...duplicates(`map ${map.id}: stages`, listStages(map)),
      ...duplicates(`map ${map.id}: lanes`, listLanes(map)),
      ...duplicates(`map ${map.id}: segments`, listSegments(map)),
      ...duplicates(`map ${map.id}: RACI roles`, listRoles(map)),
      ...duplicates(`map ${map.id}: RACI activities`, listActivities(map, [])),
    ]),
  ]);
};

export const everyReaderCopes: Invariant = (workshop) => workshop.history.failures;

/**
 * A score and a label set on the same point by different people, neither seeing the other's, both
 * stay: each field holds the value of a write nobody overwrote (or its default when never written).
 * Points cleared concurrently with a write are skipped: there either outcome is fair.
 */
export const concurrentScoreAndLabelBothSurvive: Invariant = (workshop) => {
  const { emotion, clears } = workshop.history;
  const checked = workshop.history.points().filter(([mapId, segmentId, stageId]) => {
    const point = key(mapId, segmentId, stageId);
    const writes = [...emotion.writes(key(point, "score")), ...emotion.writes(key(point, "label"))];
    return (clears.get(point) ?? []).every((clear) => writes.every((w) => happenedBefore(clear, w.stamp)));
  });
  return everywhere(workshop, (board) =>
    checked.flatMap(([mapId, segmentId, stageId]) => {
      const map = getMap(board, mapId);
      if (!map || !listSegments(map).some((s) => s.id === segmentId)) return [];
      const point = key(mapId, segmentId, stageId);
      const found = readCurve(map, segmentId).find((p) => p.stageId === stageId);
      if (!found) return [`point ${point} is gone`];
      const expect = (field: "score" | "label", fallback: number | string) => {
        const allowed = emotion.allowed(key(point, field));
        const options = allowed.length > 0 ? allowed : [fallback];
        return options.includes(found[field])
          ? []
          : [`point ${point} has ${field} ${JSON.stringify(found[field])}, expected one of ${JSON.stringify(options)}`];
      };
      return [...expect("score", 0), ...expect("label", "")];
    }),
  );
};

/** Tags put on (or taken off) a note by different people at once all stay. */
export const concurrentTagsAllSurvive: Invariant = (workshop) => {
  const { tags } = workshop.history;
  return everywhere(workshop, (board) =>
    tags.keys().flatMap((k) => {
      const [mapId = "", noteId = "", segmentId = ""] = k.split("/");
      const map = getMap(board, mapId);
      const note = map && readNote(map, noteId);
      if (!map || !note || !listSegments(map).some((s) => s.id === segmentId)) return [];
      const tagged = note.segmentIds.includes(segmentId);
      const allowed = tags.allowed(k);
      return allowed.includes(tagged) ? [] : [`note ${noteId} tagged ${tagged} with ${segmentId}, expected ${allowed}`];
    }),
  );
};

/**
 * Letters of one RACI cell set (or cleared) by different people at once all stay. Cells of an activity
 * or a role removed meanwhile are skipped: they are gone with it.
 */
export const concurrentLettersAllSurvive: Invariant = (workshop) => {
  const { letters } = workshop.history;
  return everywhere(workshop, (board) =>
    letters.keys().flatMap((k) => {
      const [mapId = "", activityId = "", roleId = "", letter = ""] = k.split("/");
      const map = getMap(board, mapId);
      const activity = map && readGrid(map).activities.find((a) => a.id === activityId);
      const cell = activity?.cells[roleId];
      if (!cell) return [];
      const set = cell.includes(letter as RaciLetter);
      const allowed = letters.allowed(k);
      return allowed.includes(set) ? [] : [`letter ${k} is ${set ? "set" : "clear"}, expected ${allowed}`];
    }),
  );
};
