import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import {
  type ActiveLocks,
  activeLocks,
  addNote,
  addSegment,
  addStage,
  deleteNotes,
  deleteStage,
  isStageLocked,
  listLanes,
  listStages,
  lockBreaches,
  moveNotes,
  NO_LOCKS,
  noteText,
  readLocks,
  renameLane,
  renameStage,
  STAGE_LOCKED,
  STRUCTURE_LOCKED,
  type WalkThrough,
  writeLocks,
} from "../src/index.js";
import { newBoard } from "./helpers.js";

/** The reasons a change made by `edit` breaches `locks`, read as the relay reads them. */
function breaches(doc: Y.Doc, locks: ActiveLocks, edit: () => void): string[] {
  let reasons: string[] = [];
  const capture = (transaction: Y.Transaction) => {
    reasons = lockBreaches(doc, transaction.changed, locks).map((b) => b.reason);
  };
  doc.on("afterTransaction", capture);
  edit();
  doc.off("afterTransaction", capture);
  return reasons;
}

function setUp() {
  const { doc, map } = newBoard();
  const [first, second] = listStages(map);
  const [lane] = listLanes(map);
  if (!first || !second || !lane) throw new Error("the template has two stages and a lane");
  const cell = (stageId: string) => ({ stageId, laneId: lane.id });
  const inFirst = addNote(map, { cell: cell(first.id), x: 0, y: 0, author: "A", text: "first" });
  const inSecond = addNote(map, { cell: cell(second.id), x: 0, y: 0, author: "A", text: "second" });
  const stagesLocked: ActiveLocks = { structure: false, stages: true, open: { mapId: map.id, stageId: first.id } };
  return { doc, map, first, second, lane, cell, inFirst, inSecond, stagesLocked };
}

describe("lock breaches", () => {
  it("finds every change to stages, lanes and segments under a structure lock, and none without it", () => {
    const { doc, map, first, second, lane, stagesLocked } = setUp();
    const structure: ActiveLocks = { structure: true, stages: false, open: null };
    expect(breaches(doc, structure, () => renameStage(map, first.id, "Renamed"))).toEqual([STRUCTURE_LOCKED]);
    expect(breaches(doc, structure, () => renameLane(map, lane.id, "Renamed"))).toEqual([STRUCTURE_LOCKED]);
    expect(breaches(doc, structure, () => addStage(map, { title: "New", phase: "pre-sale" }))).toEqual([
      STRUCTURE_LOCKED,
    ]);
    expect(breaches(doc, structure, () => addSegment(map))).toEqual([STRUCTURE_LOCKED]);
    // Deleting a stage moves its notes to the stage before: those moves are part of the breach.
    const deleted = breaches(doc, structure, () => deleteStage(map, second.id));
    expect(deleted.length).toBeGreaterThan(1);
    expect(new Set(deleted)).toEqual(new Set([STRUCTURE_LOCKED]));
    expect(breaches(doc, stagesLocked, () => renameStage(map, first.id, "Again"))).toEqual([]);
  });

  it("finds a note moved out of or into a locked stage, edited or deleted in one, but not in the current stage", () => {
    // Each change on a board of its own: nothing applies a breach's take-back here.
    type Setting = ReturnType<typeof setUp>;
    const reasons = (edit: (s: Setting) => void) => {
      const setting = setUp();
      return breaches(setting.doc, setting.stagesLocked, () => edit(setting));
    };
    const move = (s: Setting, id: string, stageId: string) =>
      moveNotes(s.map, [{ id, cell: s.cell(stageId), x: 5, y: 5 }]);
    expect(reasons((s) => move(s, s.inSecond, s.second.id))).toEqual([STAGE_LOCKED]);
    expect(reasons((s) => move(s, s.inSecond, s.first.id))).toEqual([STAGE_LOCKED]);
    expect(reasons((s) => move(s, s.inFirst, s.second.id))).toEqual([STAGE_LOCKED]);
    expect(reasons((s) => noteText(s.map, s.inSecond)?.insert(0, "x"))).toEqual([STAGE_LOCKED]);
    expect(reasons((s) => deleteNotes(s.map, [s.inSecond]))).toEqual([STAGE_LOCKED]);
    expect(reasons((s) => addNote(s.map, { cell: s.cell(s.second.id), x: 0, y: 0, author: "A" }))).toEqual([
      STAGE_LOCKED,
    ]);
    expect(reasons((s) => move(s, s.inFirst, s.first.id))).toEqual([]);
    expect(reasons((s) => noteText(s.map, s.inFirst)?.insert(0, "x"))).toEqual([]);
    expect(reasons((s) => deleteNotes(s.map, [s.inFirst]))).toEqual([]);
    expect(reasons((s) => addNote(s.map, { cell: s.cell(s.first.id), x: 0, y: 0, author: "A" }))).toEqual([]);
  });

  it("keeps the running walk-through's stage open over the one the facilitator picked", () => {
    const { map, first, second } = setUp();
    const walk = { status: "running", mapId: map.id, stageId: second.id } as WalkThrough;
    const picked = { ...NO_LOCKS, stages: true, mapId: map.id, stageId: first.id };
    const active = activeLocks(picked, walk);
    expect(isStageLocked(active, map.id, second.id)).toBe(false);
    expect(isStageLocked(active, map.id, first.id)).toBe(true);
    expect(isStageLocked(activeLocks(picked, { ...walk, status: "ended" }), map.id, first.id)).toBe(false);
    expect(activeLocks(NO_LOCKS, walk)).toBeNull();
  });

  it("reads back what it writes, and nothing from a malformed state", () => {
    const { doc } = newBoard();
    const locks = { ...NO_LOCKS, structure: true };
    writeLocks(doc, locks, null);
    expect(readLocks(doc)).toEqual(locks);
    doc.getMap("locks").set("state", { v: 99, structure: true });
    expect(readLocks(doc)).toEqual(NO_LOCKS);
  });
});
