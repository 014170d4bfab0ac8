import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  activitiesPerStage,
  activityFromNote,
  activityTitle,
  addActivity,
  addNote,
  addRole,
  applyTextChange,
  clearCell,
  deleteNotes,
  deleteStage,
  type JourneyMap,
  linkNotes,
  listActivities,
  listLanes,
  listRoles,
  listStages,
  mapsOf,
  moveActivity,
  moveRole,
  RACI_LIMITS,
  readGrid,
  removeActivity,
  removeRole,
  renameRole,
  roleLetterCount,
  setAccountableShare,
  setCellLetters,
  toggleLetter,
  updateActivity,
} from "../src/index.js";
import { newBoard } from "./helpers.js";

/** An activity's record as stored, in plain JSON. */
function activityJson(map: JourneyMap, id: string): { notes: Record<string, unknown>; cells: Record<string, unknown> } {
  const raci = (mapsOf(map.board.doc).toJSON()[map.id] as { raci: { activities: Record<string, never> } }).raci;
  const activity = raci.activities[id];
  if (!activity) throw new Error(`activity ${id} is stored`);
  return activity;
}

/** A board with one activity and the ids of its first two roles. */
function gridBoard() {
  const board = newBoard();
  const activity = addActivity(board.map, { title: "Schedule the install" }) ?? "";
  const [design, finance] = listRoles(board.map).map((r) => r.id);
  return { ...board, activity, design: design ?? "", finance: finance ?? "" };
}

describe("a RACI grid's roles", () => {
  it("are added, renamed with clean names, moved and kept in order", () => {
    const { map } = newBoard();
    const legal = addRole(map, "  Legal\n and   compliance ") ?? "";
    const [first] = listRoles(map);
    const partners = addRole(map, "Partners", first?.id ?? null) ?? "";
    renameRole(map, legal, "   ");
    expect(listRoles(map).map((r) => r.name)).toEqual([
      "Design and development",
      "Partners",
      "Finance",
      "Operations",
      "Contact center",
      "IT",
      "Sales",
      "Legal and compliance",
    ]);
    moveRole(map, legal, 0);
    moveRole(map, partners, 99);
    renameRole(map, partners, "x".repeat(500));
    const names = listRoles(map).map((r) => r.name);
    expect(names[0]).toBe("Legal and compliance");
    expect(names.at(-1)).toBe("x".repeat(RACI_LIMITS.roleName));
  });

  it("stop at the limit", () => {
    const { map } = newBoard();
    while (listRoles(map).length < RACI_LIMITS.roles) expect(addRole(map, "More")).not.toBeNull();
    expect(addRole(map, "One too many")).toBeNull();
    expect(listRoles(map)).toHaveLength(RACI_LIMITS.roles);
  });
});

describe("a RACI grid's cells", () => {
  it("toggle each letter on and off, read in R A C I order whatever the order they were set in", () => {
    const { map, activity, design } = gridBoard();
    for (const letter of ["I", "A", "R"] as const) expect(toggleLetter(map, activity, design, letter)).toBe(true);
    expect(readGrid(map).activities[0]?.cells[design]).toEqual(["R", "A", "I"]);
    expect(toggleLetter(map, activity, design, "A")).toBe(false);
    expect(readGrid(map).activities[0]?.cells[design]).toEqual(["R", "I"]);
  });

  it("are set to exactly some letters, or cleared; every role reads, with no letters as empty", () => {
    const { map, activity, design, finance } = gridBoard();
    setCellLetters(map, activity, finance, ["C", "R"]);
    setCellLetters(map, activity, finance, ["C", "I"]);
    expect(readGrid(map).activities[0]?.cells[finance]).toEqual(["C", "I"]);
    clearCell(map, activity, finance);
    const cells = readGrid(map).activities[0]?.cells ?? {};
    expect(Object.keys(cells)).toEqual(listRoles(map).map((r) => r.id));
    expect(cells[finance]).toEqual([]);
    expect(cells[design]).toEqual([]);
  });

  it("refuse a letter that is not R A C I, a role or an activity that does not exist", () => {
    const { map, activity, design } = gridBoard();
    expect(toggleLetter(map, activity, design, "X" as "R")).toBe(false);
    expect(toggleLetter(map, activity, "no-such-role", "R")).toBe(false);
    expect(toggleLetter(map, "no-such-activity", design, "R")).toBe(false);
    expect(activityJson(map, activity).cells).toEqual({});
  });
});

describe("removing", () => {
  it("a role takes its letters in every activity, in one undo step that brings both back", () => {
    const { doc, board, map, activity, design, finance } = gridBoard();
    const second = addActivity(map, { title: "Bill the customer" }) ?? "";
    setCellLetters(map, activity, design, ["R", "A"]);
    setCellLetters(map, second, design, ["C"]);
    setCellLetters(map, second, finance, ["A"]);
    const undo = new Y.UndoManager(mapsOf(doc), { trackedOrigins: new Set([board.origin]), captureTimeout: 0 });
    expect(roleLetterCount(map, design)).toBe(3);
    expect(removeRole(map, design)).toBe(3);
    expect(listRoles(map).map((r) => r.id)).not.toContain(design);
    const raw = JSON.stringify(mapsOf(doc).toJSON());
    expect(raw).not.toContain(`${design}:`);
    expect(readGrid(map).activities[1]?.cells[finance]).toEqual(["A"]);
    undo.undo();
    expect(listRoles(map)[0]?.id).toBe(design);
    expect(readGrid(map).activities.map((a) => a.cells[design])).toEqual([["R", "A"], ["C"]]);
  });

  it("an activity takes its letters, links and systems with it, and undo brings them back", () => {
    const { doc, board, map, activity, design } = gridBoard();
    setCellLetters(map, activity, design, ["A"]);
    const undo = new Y.UndoManager(mapsOf(doc), { trackedOrigins: new Set([board.origin]), captureTimeout: 0 });
    removeActivity(map, activity);
    expect(readGrid(map).activities).toEqual([]);
    expect(JSON.stringify(mapsOf(doc).toJSON())).not.toContain(`${design}:A`);
    undo.undo();
    expect(readGrid(map).activities[0]).toMatchObject({ title: "Schedule the install", cells: { [design]: ["A"] } });
  });
});

describe("activities", () => {
  it("are added with their whole structure, titles cleaned and bounded, stages checked", () => {
    const { map } = newBoard();
    const [need] = listStages(map);
    const id = addActivity(map, { title: `  Call\nback ${"x".repeat(400)}`, stageId: "no-such-stage" }) ?? "";
    const y = (mapsOf(map.board.doc).get(map.id) as Y.Map<Y.Map<Y.Map<Y.Map<unknown>>>>)
      .get("raci")
      ?.get("activities")
      ?.get(id);
    for (const name of ["notes", "systems", "cells"]) expect(y?.get(name)).toBeInstanceOf(Y.Map);
    expect(y?.get("title")).toBeInstanceOf(Y.Text);
    const [read] = listActivities(map);
    expect(read?.title).toHaveLength(RACI_LIMITS.activityTitle);
    expect(read?.title.startsWith("Call back x")).toBe(true);
    expect(read?.stageId).toBeNull();
    updateActivity(map, id, { stageId: need?.id ?? "", title: "Call back within a day" });
    updateActivity(map, id, { stageId: "no-such-stage" });
    expect(listActivities(map)[0]).toMatchObject({ title: "Call back within a day", stageId: need?.id });
    updateActivity(map, id, { stageId: null });
    expect(listActivities(map)[0]?.stageId).toBeNull();
  });

  it("keep a title edit small, so it merges with someone typing in it", () => {
    const { map } = newBoard();
    const id = addActivity(map, { title: "Ship the router" }) ?? "";
    const text = activityTitle(map, id);
    const deltas: unknown[] = [];
    text?.observe((event) => deltas.push(event.delta));
    updateActivity(map, id, { title: "Ship the new router" });
    expect(deltas).toEqual([[{ retain: 9 }, { insert: "new " }]]);
  });

  it("keep a title typed in a bound editor within the title's limit", () => {
    const { board, map } = newBoard();
    const id = addActivity(map, { title: "Call" }) ?? "";
    const text = activityTitle(map, id);
    if (!text) throw new Error("the title is a text");
    applyTextChange(
      text,
      { index: 4, remove: 0, insert: " back".repeat(100) },
      board.origin,
      RACI_LIMITS.activityTitle,
    );
    expect(text.length).toBe(RACI_LIMITS.activityTitle);
  });

  it("are added after another, moved, and stop at the limit", () => {
    const { map } = newBoard();
    const a = addActivity(map, { title: "A" }) ?? "";
    const c = addActivity(map, { title: "C" }) ?? "";
    addActivity(map, { title: "B" }, a);
    expect(listActivities(map).map((x) => x.title)).toEqual(["A", "B", "C"]);
    moveActivity(map, c, 0);
    expect(listActivities(map).map((x) => x.title)).toEqual(["C", "A", "B"]);
    while (listActivities(map).length < RACI_LIMITS.activities) addActivity(map);
    expect(addActivity(map, { title: "One too many" })).toBeNull();
  });

  it("link notes that exist; a deleted note drops out of the reading", () => {
    const { map } = newBoard();
    const note = addNote(map, { cell: null, x: 0, y: 0, author: "" });
    const other = addNote(map, { cell: null, x: 0, y: 0, author: "" });
    const id = addActivity(map, { noteIds: [note, "no-such-note"] }) ?? "";
    linkNotes(map, id, [other, "no-such-note"], true);
    expect(listActivities(map)[0]?.noteIds).toEqual([note, other].sort());
    // Only notes that exist are written, and no more than the limit.
    const linked = () => Object.keys(activityJson(map, id).notes);
    expect(linked().sort()).toEqual([note, other].sort());
    const more = Array.from({ length: RACI_LIMITS.linkedNotes + 5 }, () =>
      addNote(map, { cell: null, x: 0, y: 0, author: "" }),
    );
    linkNotes(map, id, more, true);
    expect(linked()).toHaveLength(RACI_LIMITS.linkedNotes);
    linkNotes(map, id, more, false);
    linkNotes(map, id, [note], false);
    deleteNotes(map, [other]);
    expect(listActivities(map)[0]?.noteIds).toEqual([]);
  });

  it("are made from an opportunity or a pain point: its text, its stage, linked", () => {
    const { map } = newBoard();
    const stage = listStages(map)[6]?.id ?? "";
    const lane = listLanes(map).find((l) => l.kind === "opportunities")?.id ?? "";
    const text = "Book the install\nonline, any time";
    const opportunity = addNote(map, {
      cell: { stageId: stage, laneId: lane },
      x: 0,
      y: 0,
      author: "",
      kind: "opportunity",
      text,
    });
    const pain = addNote(map, { cell: null, x: 0, y: 0, author: "", kind: "pain-point", text: "" });
    const plain = addNote(map, { cell: null, x: 0, y: 0, author: "", kind: "note", text: "Just a note" });
    const made = activityFromNote(map, opportunity) ?? "";
    expect(listActivities(map)[0]).toMatchObject({
      id: made,
      title: "Book the install online, any time",
      stageId: stage,
      noteIds: [opportunity],
    });
    expect(activityFromNote(map, pain)).not.toBeNull();
    expect(activityFromNote(map, plain)).toBeNull();
    expect(activityFromNote(map, "no-such-note")).toBeNull();
    expect(listActivities(map).map((a) => [a.title, a.stageId])).toEqual([
      ["Book the install online, any time", stage],
      ["", null],
    ]);
  });

  it("are counted per stage; an activity of a deleted stage reads as having none", () => {
    const { map } = newBoard();
    const [need, aware] = listStages(map).map((s) => s.id);
    addActivity(map, { stageId: need ?? "" });
    addActivity(map, { stageId: need ?? "" });
    addActivity(map, { stageId: aware ?? "" });
    addActivity(map);
    expect(activitiesPerStage(readGrid(map))).toEqual({ [need ?? ""]: 2, [aware ?? ""]: 1 });
    deleteStage(map, aware ?? "");
    expect(activitiesPerStage(readGrid(map))).toEqual({ [need ?? ""]: 2 });
  });
});

describe("the accountable share", () => {
  it("defaults to half, is stored when set, and is kept within bounds", () => {
    const { map } = newBoard();
    expect(readGrid(map).accountableShare).toBe(0.5);
    setAccountableShare(map, 0.333);
    expect(readGrid(map).accountableShare).toBe(0.33);
    setAccountableShare(map, 7);
    expect(readGrid(map).accountableShare).toBe(1);
    setAccountableShare(map, Number.NaN);
    setAccountableShare(map, 0);
    expect(readGrid(map).accountableShare).toBe(0.1);
  });
});
