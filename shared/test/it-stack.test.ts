import { describe, expect, it } from "vitest";
import {
  addActivity,
  addSystem,
  duplicateMap,
  itStack,
  listActivities,
  listStages,
  RACI_LIMITS,
  readGrid,
  removeSystem,
  setSystemStatus,
  systemKey,
  systemSuggestions,
} from "../src/index.js";
import { contentOf, newBoard, peerOf, sync } from "./helpers.js";

describe("the systems an activity needs", () => {
  it("match whatever the case and spaces, and keep the spelling first used on the board", () => {
    expect(systemKey("  Field   Service\tApp ")).toBe("field service app");
    const { board, map } = newBoard();
    const first = addActivity(map, { title: "Install", systems: ["Field service app", "CRM"] }) ?? "";
    expect(addSystem(map, first, "field  SERVICE app")).toEqual({
      key: "field service app",
      name: "Field service app",
    });
    const future = duplicateMap(board, map.id, "Future state", "future");
    if (!future) throw new Error("duplicated");
    const later = addActivity(future, { title: "Renew" }) ?? "";
    expect(addSystem(future, later, " crm ")).toEqual({ key: "crm", name: "CRM" });
    expect(addSystem(future, later, "Billing  engine")).toEqual({ key: "billing engine", name: "Billing engine" });
    expect(listActivities(future).find((a) => a.id === later)?.systems).toEqual([
      { key: "billing engine", name: "Billing engine" },
      { key: "crm", name: "CRM" },
    ]);
    expect(systemSuggestions(board)).toEqual(["Billing engine", "CRM", "Field service app"]);
    expect(systemSuggestions(board, " SERV")).toEqual(["Field service app"]);
    removeSystem(future, later, "crm");
    expect(
      listActivities(future)
        .find((a) => a.id === later)
        ?.systems.map((s) => s.name),
    ).toEqual(["Billing engine"]);
  });

  it("refuse a blank name and stop at the limit; a long name is cut", () => {
    const { map } = newBoard();
    const id = addActivity(map) ?? "";
    expect(addSystem(map, id, "   ")).toBeNull();
    expect(addSystem(map, "no-such-activity", "CRM")).toBeNull();
    expect(addSystem(map, id, "x".repeat(500))?.name).toHaveLength(RACI_LIMITS.systemName);
    for (let i = 1; i < RACI_LIMITS.systems; i++) expect(addSystem(map, id, `System ${i}`)).not.toBeNull();
    expect(addSystem(map, id, "One too many")).toBeNull();
    expect(listActivities(map)[0]?.systems).toHaveLength(RACI_LIMITS.systems);
  });

  it("added by two people at once with different spellings are one system on both copies, in either order", () => {
    for (const order of ["a-first", "b-first"] as const) {
      const a = newBoard();
      const id = addActivity(a.map) ?? "";
      const b = peerOf(a.doc);
      addSystem(a.map, id, "CRM");
      addSystem(b.map, id, "crm");
      sync(a.doc, b.doc, order);
      expect(contentOf(a.doc)).toEqual(contentOf(b.doc));
      expect(listActivities(b.map)[0]?.systems).toHaveLength(1);
    }
  });
});

describe("the IT stack summary", () => {
  it("lists each system with the activities, stages and phases that need it, and where post-sale waits on it", () => {
    const { map } = newBoard();
    const stages = listStages(map);
    const [need, shop, install, help] = [stages[0], stages[2], stages[5], stages[8]].map((s) => s?.id ?? "");
    const quote = addActivity(map, { title: "Quote", stageId: shop, systems: ["CRM"] }) ?? "";
    const visit = addActivity(map, { title: "Visit", stageId: install, systems: ["Field service app", "crm"] }) ?? "";
    const answer = addActivity(map, { title: "Answer", stageId: help, systems: ["Knowledge base"] }) ?? "";
    const listen = addActivity(map, { title: "Listen", stageId: need, systems: ["Survey tool"] }) ?? "";
    const loose = addActivity(map, { title: "Loose", systems: ["CRM"] }) ?? "";
    setSystemStatus(map, "CRM", "exists");
    setSystemStatus(map, "field service app", "build");
    setSystemStatus(map, "Knowledge base", "buy");
    setSystemStatus(map, "Knowledge base", "unknown");
    const stack = itStack(readGrid(map), stages);
    expect(stack.map((s) => [s.name, s.status, s.phases, s.postSaleGap])).toEqual([
      ["CRM", "exists", ["pre-sale", "post-sale"], false],
      ["Field service app", "build", ["post-sale"], true],
      ["Knowledge base", "unknown", ["post-sale"], true],
      ["Survey tool", "unknown", ["pre-sale"], false],
    ]);
    expect(stack[0]?.activities.map((a) => a.id)).toEqual([quote, visit, loose]);
    expect(stack[0]?.stageIds).toEqual([shop, install]);
    expect(stack[1]?.activities.map((a) => a.title)).toEqual(["Visit"]);
    expect(stack[2]?.activities.map((a) => a.id)).toEqual([answer]);
    expect(stack[3]?.activities.map((a) => a.id)).toEqual([listen]);
    expect(readGrid(map).systemStatus).toEqual({ crm: "exists", "field service app": "build" });
  });

  it("keeps statuses per map, and two people setting different systems' status at once both land", () => {
    for (const order of ["a-first", "b-first"] as const) {
      const a = newBoard();
      addActivity(a.map, { systems: ["CRM", "Billing"] });
      const future = duplicateMap(a.board, a.map.id, "Future state", "future");
      if (!future) throw new Error("duplicated");
      const b = peerOf(a.doc);
      setSystemStatus(a.map, "crm", "buy");
      setSystemStatus(b.map, "billing", "build");
      sync(a.doc, b.doc, order);
      expect(contentOf(a.doc)).toEqual(contentOf(b.doc));
      expect(readGrid(b.map).systemStatus).toEqual({ crm: "buy", billing: "build" });
      expect(readGrid(future).systemStatus).toEqual({});
    }
  });
});
