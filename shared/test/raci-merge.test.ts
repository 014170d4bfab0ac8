import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  activityTitle,
  addActivity,
  addRole,
  checkGrid,
  getMap,
  listActivities,
  listRoles,
  mapsOf,
  moveActivity,
  moveRole,
  openBoard,
  readGrid,
  removeActivity,
  removeRole,
  setCellLetters,
  toggleLetter,
  updateActivity,
} from "../src/index.js";
import { contentOf, newBoard, peerOf, sync } from "./helpers.js";

const ORDERS = ["a-first", "b-first"] as const;

/** Two participants on one board with a grid of `titles`, each activity's id and the roles' ids. */
function twoOnOneGrid(titles: readonly string[] = ["Schedule the install"]) {
  const a = newBoard();
  const activities = titles.map((title) => addActivity(a.map, { title }) ?? "");
  const roles = listRoles(a.map).map((r) => r.id);
  const b = peerOf(a.doc);
  return { a, b, activities, roles };
}

/** Merges both ways and checks both copies hold and read the same grid; returns it. */
function merged(a: ReturnType<typeof newBoard>, b: ReturnType<typeof newBoard>, order: (typeof ORDERS)[number]) {
  sync(a.doc, b.doc, order);
  expect(contentOf(a.doc)).toEqual(contentOf(b.doc));
  const grid = readGrid(a.map);
  expect(readGrid(b.map)).toEqual(grid);
  return grid;
}

describe("two people editing one RACI grid at once, merged in either order", () => {
  for (const order of ORDERS) {
    it(`set different letters of one cell and both land (${order})`, () => {
      const { a, b, activities, roles } = twoOnOneGrid();
      const [activity] = activities;
      const [role] = roles;
      toggleLetter(a.map, activity ?? "", role ?? "", "R");
      setCellLetters(b.map, activity ?? "", role ?? "", ["A"]);
      expect(merged(a, b, order).activities[0]?.cells[role ?? ""]).toEqual(["R", "A"]);
    });

    it(`set the same letter of one cell and it is set once (${order})`, () => {
      const { a, b, activities, roles } = twoOnOneGrid();
      toggleLetter(a.map, activities[0] ?? "", roles[2] ?? "", "C");
      toggleLetter(b.map, activities[0] ?? "", roles[2] ?? "", "C");
      expect(merged(a, b, order).activities[0]?.cells[roles[2] ?? ""]).toEqual(["C"]);
    });

    it(`make two roles Accountable for one activity: both land and both copies flag it (${order})`, () => {
      const { a, b, activities, roles } = twoOnOneGrid();
      toggleLetter(a.map, activities[0] ?? "", roles[0] ?? "", "A");
      toggleLetter(b.map, activities[0] ?? "", roles[1] ?? "", "A");
      const grid = merged(a, b, order);
      expect(checkGrid(grid).byActivity[activities[0] ?? ""]).toContainEqual({
        kind: "several-accountable",
        activityId: activities[0],
        roleIds: [roles[0], roles[1]],
      });
      expect(checkGrid(readGrid(b.map))).toEqual(checkGrid(grid));
    });

    it(`type in one activity's title and both keep their text (${order})`, () => {
      const { a, b, activities } = twoOnOneGrid(["Ship the router"]);
      const id = activities[0] ?? "";
      updateActivity(a.map, id, { title: "Ship the new router" });
      updateActivity(b.map, id, { title: "Ship the router today" });
      expect(merged(a, b, order).activities[0]?.title).toBe("Ship the new router today");
      expect(activityTitle(b.map, id)?.toString()).toBe("Ship the new router today");
    });

    it(`remove a role while the other sets a letter on it: the letter is never shown (${order})`, () => {
      const { a, b, activities, roles } = twoOnOneGrid();
      const [design, finance] = roles;
      setCellLetters(a.map, activities[0] ?? "", finance ?? "", ["R"]);
      sync(a.doc, b.doc);
      removeRole(a.map, design ?? "");
      toggleLetter(b.map, activities[0] ?? "", design ?? "", "A");
      const grid = merged(a, b, order);
      expect(grid.roles.map((r) => r.id)).not.toContain(design);
      expect(Object.keys(grid.activities[0]?.cells ?? {})).not.toContain(design);
      expect(grid.activities[0]?.cells[finance ?? ""]).toEqual(["R"]);
      expect(checkGrid(grid).byActivity[activities[0] ?? ""]?.map((f) => f.kind)).toContain("no-accountable");
    });

    it(`remove an activity while the other edits it: it stays removed, nothing of it left (${order})`, () => {
      const { a, b, activities, roles } = twoOnOneGrid(["Bill the customer", "Keep"]);
      const [gone, kept] = activities;
      removeActivity(a.map, gone ?? "");
      toggleLetter(b.map, gone ?? "", roles[0] ?? "", "R");
      updateActivity(b.map, gone ?? "", { title: "Bill the customer monthly" });
      const grid = merged(a, b, order);
      expect(grid.activities.map((x) => x.id)).toEqual([kept]);
      const raci = (mapsOf(a.doc).toJSON()[a.map.id] as { raci: { activities: Record<string, unknown> } }).raci;
      expect(Object.keys(raci.activities)).toEqual([kept]);
    });

    it(`move activities onto the same place: each is listed once, in the same order on both (${order})`, () => {
      const { a, b } = twoOnOneGrid(["One", "Two", "Three", "Four"]);
      const ids = listActivities(a.map).map((x) => x.id);
      moveActivity(a.map, ids[3] ?? "", 1);
      moveActivity(b.map, ids[2] ?? "", 1);
      // And both move the same activity to different places.
      moveActivity(a.map, ids[0] ?? "", 3);
      moveActivity(b.map, ids[0] ?? "", 2);
      const titles = merged(a, b, order).activities.map((x) => x.title);
      expect([...titles].sort()).toEqual(["Four", "One", "Three", "Two"]);
      expect(titles.indexOf("Four")).toBeLessThan(titles.indexOf("Two"));
      expect(titles.indexOf("Three")).toBeLessThan(titles.indexOf("Two"));
    });

    it(`add activities and roles at the same place: all of them land, in one order (${order})`, () => {
      const { a, b, activities, roles } = twoOnOneGrid(["First", "Last"]);
      addActivity(a.map, { title: "From A" }, activities[0] ?? null);
      addActivity(b.map, { title: "From B" }, activities[0] ?? null);
      addRole(a.map, "Legal", roles[0] ?? null);
      addRole(b.map, "Partners", roles[0] ?? null);
      moveRole(a.map, roles[5] ?? "", 0);
      moveRole(b.map, roles[4] ?? "", 0);
      const grid = merged(a, b, order);
      const titles = grid.activities.map((x) => x.title);
      expect(titles[0]).toBe("First");
      expect(titles.at(-1)).toBe("Last");
      expect([...titles.slice(1, 3)].sort()).toEqual(["From A", "From B"]);
      expect(grid.roles.map((r) => r.name).sort()).toEqual(
        [
          "Contact center",
          "Design and development",
          "Finance",
          "IT",
          "Legal",
          "Operations",
          "Partners",
          "Sales",
        ].sort(),
      );
      expect(new Set(grid.roles.map((r) => r.order)).size).toBe(grid.roles.length);
    });
  }

  it("an undo of a role's removal shows the letter set on it meanwhile, on every copy", () => {
    const { a, b, activities, roles } = twoOnOneGrid();
    const [design] = roles;
    // A's own changes, with an origin of their own as the page makes them, so B's merged ones are not undone.
    const mine = getMap(openBoard(a.doc, "a"), a.map.id);
    if (!mine) throw new Error("the map opens");
    const undo = new Y.UndoManager(mapsOf(a.doc), { trackedOrigins: new Set(["a"]), captureTimeout: 0 });
    setCellLetters(mine, activities[0] ?? "", design ?? "", ["R"]);
    sync(a.doc, b.doc);
    removeRole(mine, design ?? "");
    toggleLetter(b.map, activities[0] ?? "", design ?? "", "A");
    sync(a.doc, b.doc);
    expect(readGrid(b.map).activities[0]?.cells[design ?? ""]).toBeUndefined();
    undo.undo();
    sync(a.doc, b.doc);
    expect(readGrid(b.map).activities[0]?.cells[design ?? ""]).toEqual(["R", "A"]);
    expect(readGrid(a.map)).toEqual(readGrid(b.map));
  });
});
