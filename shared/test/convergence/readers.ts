import {
  activitiesPerStage,
  type Board,
  balance,
  cellAt,
  cellOrigin,
  checkGrid,
  compareMaps,
  computeGrid,
  getMap,
  gridCsv,
  isCreated,
  isUnplaced,
  itStack,
  type JourneyMap,
  journeyOf,
  listLanes,
  listMaps,
  listNotes,
  listSegments,
  listStages,
  momentsOfTruth,
  noteIds,
  noteRect,
  noteText,
  placeAt,
  placedMoments,
  readCurve,
  readGrid,
  readMeta,
  readNote,
  schemaVersionOf,
} from "../../src/index.js";

/** The maps a participant sees, opened. */
export function openMaps(board: Board): JourneyMap[] {
  return listMaps(board).flatMap((summary) => {
    const map = getMap(board, summary.id);
    return map ? [map] : [];
  });
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The board as a participant's screen gets it, through the readers. Notes and curve points have no
 * order of their own (the board sorts them when drawing), so they are listed by id here.
 */
export function readBoard(board: Board): unknown {
  return {
    meta: readMeta(board),
    maps: openMaps(board).map((map) => {
      const segments = listSegments(map);
      return {
        summary: listMaps(board).find((m) => m.id === map.id),
        stages: listStages(map),
        lanes: listLanes(map),
        notes: listNotes(map).sort(byId),
        segments,
        curves: segments.map((s) => readCurve(map, s.id).sort((a, b) => byId({ id: a.stageId }, { id: b.stageId }))),
        grid: readGrid(map),
      };
    }),
  };
}

function finite(what: string, ...values: number[]): void {
  if (!values.every(Number.isFinite)) throw new Error(`${what} is not a finite number: ${values.join(", ")}`);
}

/** Calls every reader and derived figure the app shows; throws when one throws or yields nonsense. */
export function exerciseReaders(board: Board): void {
  readMeta(board);
  isCreated(board.doc);
  schemaVersionOf(board.doc);
  const maps = openMaps(board);
  const first = maps[0] && journeyOf(maps[0]);
  for (const map of maps) {
    const journey = journeyOf(map);
    const lanes = listLanes(map);
    const grid = computeGrid(journey.stages, lanes);
    finite("the grid's size", grid.width, grid.height);
    for (const id of noteIds(map)) {
      const note = readNote(map, id);
      if (!note) throw new Error(`note ${id} is listed but cannot be read`);
      noteText(map, id)?.toString();
      const rect = noteRect(grid, note);
      finite(`note ${id}'s rectangle`, rect.x, rect.y, rect.w, rect.h);
      isUnplaced(grid, note);
      if (note.cell) cellOrigin(grid, note.cell);
      cellAt(grid, { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 });
      placeAt(grid, rect, rect);
    }
    const figures = balance(journey.stages, journey.notes, journey.segments, journey.curves, journey.lanes);
    for (const phase of [figures.preSale, figures.postSale]) {
      finite("a balance count", phase.stages, phase.notes, phase.touchpoints);
      for (const average of Object.values(phase.emotion)) if (average !== null) finite("an average emotion", average);
    }
    for (const curve of journey.curves.values()) momentsOfTruth(journey.stages, curve);
    placedMoments(journey.notes);
    if (first) compareMaps(first, journey, journey.segments);
    const raci = readGrid(map);
    checkGrid(raci);
    activitiesPerStage(raci);
    itStack(raci, journey.stages);
    gridCsv(raci, journey.stages);
  }
}
