import { describe, expect, it } from "vitest";
import {
  addActivity,
  checkGrid,
  describeFlag,
  gridCsv,
  listRoles,
  listStages,
  MIN_ACTIVITIES_FOR_SHARE,
  type RaciFlag,
  type RaciLetter,
  readGrid,
  setAccountableShare,
  setCellLetters,
} from "../src/index.js";
import { newBoard } from "./helpers.js";

/** A board whose grid has an activity per row of `rows`: role index → letters, and whether it has a stage. */
function gridOf(rows: readonly { letters: Record<number, readonly RaciLetter[]>; staged?: boolean }[]) {
  const { map } = newBoard();
  const roles = listRoles(map).map((r) => r.id);
  const stage = listStages(map)[0]?.id ?? null;
  const ids = rows.map((row, i) => {
    const id = addActivity(map, { title: `Activity ${i + 1}`, stageId: row.staged === false ? null : stage }) ?? "";
    for (const [role, letters] of Object.entries(row.letters))
      setCellLetters(map, id, roles[Number(role)] ?? "", letters);
    return id;
  });
  return { map, roles, ids };
}

describe("the RACI checks", () => {
  it("find nothing wrong in a sound grid", () => {
    const { map } = gridOf([
      { letters: { 0: ["R"], 1: ["A"], 2: ["R"], 3: ["R", "C"], 4: ["R"], 5: ["R", "I"] } },
      { letters: { 0: ["R", "A"], 1: ["R"], 2: ["I"] } },
    ]);
    expect(checkGrid(readGrid(map))).toEqual({ flags: [], byActivity: {}, byRole: {} });
  });

  it("flag an activity with no A, several A, no R or no stage, naming it and the roles", () => {
    const { map, roles, ids } = gridOf([
      { letters: { 0: ["R"] } },
      { letters: { 0: ["R", "A"], 1: ["A"], 2: ["A", "C"] } },
      { letters: { 0: ["A"], 1: ["C"] }, staged: false },
    ]);
    const grid = readGrid(map);
    const check = checkGrid(grid);
    expect(check.byActivity).toEqual({
      [ids[0] ?? ""]: [{ kind: "no-accountable", activityId: ids[0] }],
      [ids[1] ?? ""]: [{ kind: "several-accountable", activityId: ids[1], roleIds: roles.slice(0, 3) }],
      [ids[2] ?? ""]: [
        { kind: "no-responsible", activityId: ids[2] },
        { kind: "no-stage", activityId: ids[2] },
      ],
    });
    expect(check.flags.map((f) => describeFlag(f, grid)).slice(0, 4)).toEqual([
      "“Activity 1” has nobody Accountable",
      "“Activity 2” has 3 roles Accountable (Design and development, Finance, Operations): exactly one should be",
      "“Activity 3” has nobody Responsible",
      "“Activity 3” belongs to no stage",
    ]);
    // On the row itself the activity is not named again.
    expect(check.flags.map((f) => describeFlag(f, grid, "inline")).slice(0, 2)).toEqual([
      "It has nobody Accountable",
      "It has 3 roles Accountable (Design and development, Finance, Operations): exactly one should be",
    ]);
  });

  it("flag each role that is Responsible for nothing, once there are activities", () => {
    expect(checkGrid(readGrid(newBoard().map)).flags).toEqual([]);
    const { map, roles } = gridOf([{ letters: { 0: ["R", "A"], 3: ["R"] } }]);
    const grid = readGrid(map);
    const never = [1, 2, 4, 5].map((i) => roles[i] ?? "");
    expect(Object.keys(checkGrid(grid).byRole)).toEqual(never);
    expect(checkGrid(grid).byRole[never[0] ?? ""]).toEqual([{ kind: "never-responsible", roleId: never[0] }]);
    expect(describeFlag({ kind: "never-responsible", roleId: never[0] ?? "" }, grid)).toBe(
      "Finance is Responsible for no activity",
    );
  });

  it("flag a role that is Accountable for more than the grid's share, from a handful of activities on", () => {
    const everyoneDoes = { 0: ["R"], 1: ["R"], 2: ["R"], 3: ["R"], 4: ["R"], 5: ["R"] } as const;
    const row = (owner: number) => ({ letters: { ...everyoneDoes, [owner]: ["R", "A"] as RaciLetter[] } });
    const few = gridOf(Array.from({ length: MIN_ACTIVITIES_FOR_SHARE - 1 }, () => row(1)));
    expect(checkGrid(readGrid(few.map)).flags).toEqual([]);

    // Finance owns three of four: 75% > 50%. Operations owns one: 25%.
    const { map, roles } = gridOf([row(1), row(1), row(1), row(2)]);
    const tooOften: RaciFlag = { kind: "accountable-too-often", roleId: roles[1] ?? "", share: 0.75, limit: 0.5 };
    expect(checkGrid(readGrid(map)).flags).toEqual([tooOften]);
    expect(describeFlag(tooOften, readGrid(map))).toBe(
      "Finance is Accountable for 75% of the activities (more than 50%)",
    );
    setAccountableShare(map, 0.75);
    expect(checkGrid(readGrid(map)).flags).toEqual([]);
    setAccountableShare(map, 0.2);
    expect(checkGrid(readGrid(map)).flags.map((f) => f.kind)).toEqual([
      "accountable-too-often",
      "accountable-too-often",
    ]);
  });

  it("never block: a grid full of problems still edits and exports", () => {
    const { map, roles, ids } = gridOf([{ letters: {}, staged: false }]);
    setCellLetters(map, ids[0] ?? "", roles[0] ?? "", ["A"]);
    setCellLetters(map, ids[0] ?? "", roles[1] ?? "", ["A"]);
    const grid = readGrid(map);
    expect(checkGrid(grid).flags.length).toBeGreaterThan(3);
    expect(grid.activities[0]?.cells[roles[1] ?? ""]).toEqual(["A"]);
    expect(gridCsv(grid, listStages(map)).split("\r\n")[1]).toBe("Activity 1,,,A,A,,,,,");
  });
});
