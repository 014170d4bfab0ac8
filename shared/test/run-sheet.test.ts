import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  cleanStep,
  defaultAgenda,
  moveStep,
  nextStep,
  RUN_SHEET_LIMITS,
  type RunSheetStep,
  readRunSheet,
  readStepRuns,
  type StepRun,
  switchStep,
  timeByStep,
  writeAgenda,
} from "../src/index.js";

let counter = 0;
const ids = () => `s${++counter}`;

const valid = { title: "Map the current state", mapId: "m1", timeBoxMinutes: 20, mode: "write" };

function agenda(): RunSheetStep[] {
  return ["A", "B", "C"].map((title, i) => {
    const step = cleanStep({ ...valid, title, timeBoxMinutes: i + 1 }, title.toLowerCase());
    if (typeof step === "string") throw new Error(step);
    return step;
  });
}

const run = (stepId: string, startedAt: number, endedAt: number): StepRun => ({
  v: 1,
  stepId,
  title: stepId.toUpperCase(),
  startedAt,
  endedAt,
});

describe("a run-sheet step", () => {
  it("is cleaned: title trimmed, whole map by default, no locks unless asked, a walk gets a round", () => {
    expect(cleanStep({ ...valid, title: "  Map   it " }, "x")).toEqual({
      id: "x",
      title: "Map it",
      mapId: "m1",
      stageId: null,
      view: "map",
      timeBoxMinutes: 20,
      mode: "write",
      round: null,
      locks: { structure: false, stages: false },
    });
    expect(cleanStep({ ...valid, mode: "walk" }, "x")).toMatchObject({ round: "Internal experts" });
    expect(cleanStep({ ...valid, mode: "walk", round: " Customers " }, "x")).toMatchObject({ round: "Customers" });
  });

  it("is refused past its bounds, with the reason", () => {
    const { maxTitle, maxMinutes } = RUN_SHEET_LIMITS;
    const refused = (changes: Record<string, unknown>) => cleanStep({ ...valid, ...changes }, "x");
    expect(refused({ title: "" })).toMatch(/title/);
    expect(refused({ title: "x".repeat(maxTitle + 1) })).toMatch(/title/);
    expect(refused({ timeBoxMinutes: 0 })).toMatch(/timeBoxMinutes/);
    expect(refused({ timeBoxMinutes: maxMinutes + 1 })).toMatch(/timeBoxMinutes/);
    expect(refused({ timeBoxMinutes: 2.5 })).toMatch(/timeBoxMinutes/);
    expect(refused({ mode: "sing" })).toMatch(/mode/);
    expect(refused({ mapId: "" })).toMatch(/mapId/);
    expect(refused({ view: "gallery" })).toMatch(/view/);
    expect(refused({ stageId: "st", view: "compare" })).toMatch(/not both/);
    expect(refused({ locks: { stages: "yes" } })).toMatch(/locks/);
    expect(refused({ locks: { stages: true } })).toMatch(/stage/);
    expect(cleanStep({ ...valid, locks: { stages: true }, stageId: "st" }, "x")).toMatchObject({
      locks: { structure: false, stages: true },
    });
  });
});

describe("the default agenda", () => {
  it("walks the method's workshop on one map, every step valid, the two walk-through rounds in order", () => {
    const steps = defaultAgenda("m1", ids);
    expect(steps.map((s) => s.mode)).toEqual([
      "discuss",
      "write",
      "discuss",
      "vote",
      "discuss",
      "walk",
      "walk",
      "discuss",
    ]);
    expect(steps.filter((s) => s.mode === "walk").map((s) => s.round)).toEqual(["Internal experts", "Customers"]);
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
    for (const s of steps) expect(cleanStep({ ...s }, s.id)).toEqual(s);
    expect(steps.every((s) => s.mapId === "m1")).toBe(true);
  });
});

describe("the agenda's order", () => {
  it("moves a step to a position, clamped to the list", () => {
    const order = (steps: RunSheetStep[]) => steps.map((s) => s.id).join("");
    expect(order(moveStep(agenda(), "c", 0))).toBe("cab");
    expect(order(moveStep(agenda(), "a", 99))).toBe("bca");
    expect(order(moveStep(agenda(), "a", -3))).toBe("abc");
    expect(order(moveStep(agenda(), "zz", 0))).toBe("abc");
  });

  it("finds the next step: the first when none runs, none after the last", () => {
    expect(nextStep(agenda(), null)?.id).toBe("a");
    expect(nextStep(agenda(), "a")?.id).toBe("b");
    expect(nextStep(agenda(), "c")).toBeNull();
    expect(nextStep([], null)).toBeNull();
  });
});

describe("time spent per step", () => {
  it("adds every run of a step started again, and counts the running step up to now", () => {
    const runs = [run("a", 1000, 61_000), run("b", 61_000, 91_000), run("a", 91_000, 121_000)];
    const times = timeByStep(agenda(), runs, { v: 1, stepId: "b", startedAt: 121_000 }, 131_000);
    expect(times).toEqual([
      { stepId: "a", title: "A", plannedMs: 60_000, spentMs: 90_000, runs: 2, running: false },
      { stepId: "b", title: "B", plannedMs: 120_000, spentMs: 40_000, runs: 2, running: true },
      { stepId: "c", title: "C", plannedMs: 180_000, spentMs: 0, runs: 0, running: false },
    ]);
  });

  it("keeps a step never finished at zero beyond now, and a removed step's time under its old title", () => {
    const times = timeByStep(agenda().slice(1), [run("a", 0, 5000)], { v: 1, stepId: "c", startedAt: 10_000 }, 9000);
    expect(times.find((t) => t.stepId === "c")).toMatchObject({ spentMs: 0, runs: 1, running: true });
    expect(times.at(-1)).toEqual({ stepId: "a", title: "A", plannedMs: null, spentMs: 5000, runs: 1, running: false });
  });
});

describe("the run-sheet in the control document", () => {
  it("switching steps closes the run of the one left, and survives a copy of the document", () => {
    const control = new Y.Doc();
    const steps = agenda();
    writeAgenda(control, steps, "relay");
    switchStep(control, steps, { stepId: "a" }, 1000, "relay");
    switchStep(control, steps, { stepId: "b" }, 4000, "relay");
    switchStep(control, steps, null, 9000, "relay");
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(control));
    expect(readRunSheet(copy)).toEqual({ steps, current: null });
    expect(readStepRuns(copy).map((r) => [r.stepId, r.endedAt - r.startedAt])).toEqual([
      ["a", 3000],
      ["b", 5000],
    ]);
  });

  it("keeps the newest runs only past the bound, and reads nothing malformed", () => {
    const control = new Y.Doc();
    const steps = agenda();
    for (let i = 0; i <= RUN_SHEET_LIMITS.maxRuns; i++) switchStep(control, steps, { stepId: "a" }, i, "relay");
    expect(readStepRuns(control)).toHaveLength(RUN_SHEET_LIMITS.maxRuns);
    control.getMap("runSheet").set("agenda", { v: 99, steps });
    control.getMap("runSheet").set("current", { v: 1, stepId: 5, startedAt: 1 });
    control.getArray("stepRuns").push([{ v: 1, stepId: "a" }]);
    expect(readRunSheet(control)).toEqual({ steps: [], current: null });
    expect(readStepRuns(control)).toHaveLength(RUN_SHEET_LIMITS.maxRuns);
  });
});
