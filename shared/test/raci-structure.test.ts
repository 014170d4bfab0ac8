import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  activityTitle,
  addActivity,
  addMap,
  addNote,
  applyRepaired,
  containerOf,
  DEFAULT_LANES,
  DEFAULT_ROLES,
  DEFAULT_STAGES,
  duplicateMap,
  listActivities,
  listRoles,
  listStages,
  metaOf,
  migrateBoard,
  readGrid,
  removeRole,
  repairBoard,
  SCHEMA_VERSION,
  setCellLetters,
  setSystemStatus,
  toggleLetter,
  updateActivity,
} from "../src/index.js";
import { newBoard, peerOf } from "./helpers.js";

describe("a map's RACI grid is made with the map", () => {
  it("with the method's functions as roles, on a new board and on an added map, or the template's own", () => {
    const { board, map } = newBoard();
    expect(listRoles(map).map((r) => r.name)).toEqual([
      "Design and development",
      "Finance",
      "Operations",
      "Contact center",
      "IT",
      "Sales",
    ]);
    expect(readGrid(map)).toMatchObject({ activities: [], accountableShare: 0.5, systemStatus: {} });
    const template = { title: "Service", state: "future", stages: DEFAULT_STAGES, lanes: DEFAULT_LANES } as const;
    expect(listRoles(addMap(board, template)).map((r) => r.name)).toEqual(DEFAULT_ROLES);
    expect(listRoles(addMap(board, { ...template, roles: ["Field team", " "] })).map((r) => r.name)).toEqual([
      "Field team",
      "New role",
    ]);
  });

  it("copied whole to the future state: roles, activities, letters, stages, links, systems and statuses", () => {
    const { board, map } = newBoard();
    const stage = listStages(map)[4]?.id ?? "";
    const note = addNote(map, { cell: null, x: 0, y: 0, author: "", kind: "pain-point", text: "Late" });
    const id = addActivity(map, { title: "Deliver", stageId: stage, noteIds: [note], systems: ["Routing"] }) ?? "";
    const [role] = listRoles(map);
    setCellLetters(map, id, role?.id ?? "", ["R", "A"]);
    setSystemStatus(map, "routing", "buy");
    const future = duplicateMap(board, map.id, "Future state", "future");
    if (!future) throw new Error("duplicated");
    expect(readGrid(future)).toEqual(readGrid(map));
    expect(readGrid(future).activities[0]).toMatchObject({ stageId: stage, noteIds: [note] });
    // The copy is its own: editing it leaves the current state as it was.
    updateActivity(future, id, { title: "Deliver next day" });
    toggleLetter(future, id, role?.id ?? "", "A");
    expect(activityTitle(future, id)).not.toBe(activityTitle(map, id));
    expect(listActivities(map)[0]).toMatchObject({ title: "Deliver", cells: { [role?.id ?? ""]: ["R", "A"] } });
    expect(listActivities(future)[0]).toMatchObject({ title: "Deliver next day", cells: { [role?.id ?? ""]: ["R"] } });
  });
});

/** A board taken back to what version 3 wrote: each map's raci container empty. */
function versionThree(): ReturnType<typeof newBoard> {
  const board = newBoard();
  containerOf(board.map, "raci").clear();
  metaOf(board.doc).set("schemaVersion", 3);
  return board;
}

describe("the version 4 migration", () => {
  it("gives each map the grid's parts and the default roles, with ids derived from the map's", () => {
    const { doc, map } = versionThree();
    expect(migrateBoard(doc)).toEqual({ status: "migrated", from: 3, to: SCHEMA_VERSION });
    expect(listRoles(map).map((r) => [r.id, r.name])).toEqual(
      DEFAULT_ROLES.map((name, i) => [`${map.id}-role-${i + 1}`, name]),
    );
    expect(readGrid(map).activities).toEqual([]);
    expect(repairBoard(doc)).toBe(0);
  });

  it("keeps roles already there, leaves other content of raci alone, and skips a damaged map", () => {
    const { doc, map } = versionThree();
    const raci = containerOf(map, "raci");
    const roles = new Y.Map<unknown>();
    const legal = new Y.Map<unknown>();
    legal.set("name", "Legal");
    legal.set("order", "a0");
    roles.set("legal", legal);
    raci.set("roles", roles);
    raci.set("left-by-a-script", "kept");
    const damaged = new Y.Map<unknown>();
    damaged.set("raci", "not a map");
    doc.getMap("maps").set("damaged", damaged);
    migrateBoard(doc);
    expect(listRoles(map).map((r) => r.name)).toEqual(["Legal"]);
    expect(raci.get("left-by-a-script")).toBe("kept");
    expect(raci.get("activities")).toBeInstanceOf(Y.Map);
    expect(damaged.get("raci")).toBe("not a map");
  });
});

describe("the relay's repair pass on a grid", () => {
  it("gives an activity a stock client wrote bare its title text, links, systems and cells", () => {
    const relay = newBoard();
    const stock = peerOf(relay.doc);
    const bare = new Y.Map<unknown>();
    bare.set("title", "Typed by a script");
    bare.set("order", "a0");
    (containerOf(stock.map, "raci").get("activities") as Y.Map<unknown>).set("scripted", bare);
    expect(applyRepaired(relay.doc, Y.encodeStateAsUpdate(stock.doc, Y.encodeStateVector(relay.doc)), "stock")).toBe(1);
    expect(listActivities(relay.map)[0]).toMatchObject({ id: "scripted", title: "Typed by a script" });
    const [role] = listRoles(relay.map);
    expect(toggleLetter(relay.map, "scripted", role?.id ?? "", "R")).toBe(true);
    expect(repairBoard(relay.doc)).toBe(0);
  });

  it("puts back the grid's parts a client replaced, without inventing roles", () => {
    const relay = newBoard();
    const stock = peerOf(relay.doc);
    const raci = new Y.Map<unknown>();
    const activity = new Y.Map<unknown>();
    activity.set("title", new Y.Text("Kept"));
    const activities = new Y.Map<unknown>();
    activities.set("a1", activity);
    raci.set("activities", activities);
    stock.map.y.set("raci", raci);
    applyRepaired(relay.doc, Y.encodeStateAsUpdate(stock.doc, Y.encodeStateVector(relay.doc)), "stock");
    expect(listRoles(relay.map)).toEqual([]);
    expect(readGrid(relay.map).activities.map((a) => a.title)).toEqual(["Kept"]);
    expect(
      (containerOf(relay.map, "raci").get("activities") as Y.Map<Y.Map<unknown>>).get("a1")?.get("cells"),
    ).toBeInstanceOf(Y.Map);
    expect(repairBoard(relay.doc)).toBe(0);
  });

  it("keeps a letter left on a removed role: nothing shows it, and the repair pass deletes nothing", () => {
    const relay = newBoard();
    const id = addActivity(relay.map) ?? "";
    const [role] = listRoles(relay.map);
    const b = peerOf(relay.doc);
    removeRole(relay.map, role?.id ?? "");
    toggleLetter(b.map, id, role?.id ?? "", "A");
    expect(applyRepaired(relay.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(relay.doc)), "b")).toBe(0);
    expect(repairBoard(relay.doc)).toBe(0);
    expect(readGrid(relay.map).activities[0]?.cells).not.toHaveProperty(role?.id ?? "");
  });
});
