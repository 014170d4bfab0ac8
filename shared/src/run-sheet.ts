import type * as Y from "yjs";
import { cleanRoundName, DEFAULT_ROUND_NAMES } from "./rounds.js";

/**
 * The run-sheet: the facilitator's agenda of steps for a workshop. Each step names where the board
 * looks (a stage, or a view of the map), a time box, a mode and what is locked; starting a step applies
 * all of it at once. The agenda, the current step and the record of every step's run live in the
 * control document, written by the relay alone on a facilitator's request, in the relay's clock.
 */

/** The layout of the agenda and the current step in the control document; a later one gets a higher number. */
export const RUN_SHEET_VERSION = 1;
export const RUN_SHEET_LIMITS = { maxSteps: 30, maxTitle: 80, minMinutes: 1, maxMinutes: 240, maxRuns: 500 } as const;

export type StepMode = "write" | "vote" | "discuss" | "walk";
export const STEP_MODES: readonly StepMode[] = ["write", "vote", "discuss", "walk"];
export const STEP_MODE_NAMES: Record<StepMode, string> = {
  write: "Write privately",
  vote: "Vote",
  discuss: "Discuss",
  walk: "Walk through",
};

/** What everyone looks at besides the map: the rounds compared stage by stage, or the session summary. */
export type StepView = "map" | "compare" | "summary";
export const STEP_VIEWS: readonly StepView[] = ["map", "compare", "summary"];

export interface StepLocks {
  structure: boolean;
  /** Every stage but the step's own (or the walk-through's current one). */
  stages: boolean;
}

export interface RunSheetStep {
  id: string;
  title: string;
  mapId: string;
  /** The stage the step is about; null for the whole map. */
  stageId: string | null;
  view: StepView;
  timeBoxMinutes: number;
  mode: StepMode;
  /** The walk-through round a "walk" step starts; null otherwise. */
  round: string | null;
  locks: StepLocks;
}

/** The step running now, or none: `startedAt` is the relay's clock. */
export interface CurrentStep {
  v: typeof RUN_SHEET_VERSION;
  stepId: string;
  startedAt: number;
}

/** One run of a step, from its start to when another step or the end of the session took over. */
export interface StepRun {
  v: typeof RUN_SHEET_VERSION;
  stepId: string;
  title: string;
  startedAt: number;
  endedAt: number;
}

/** The time a step took, all its runs together (a step started again adds to it). */
export interface StepTime {
  stepId: string;
  title: string;
  plannedMs: number | null;
  spentMs: number;
  runs: number;
  running: boolean;
}

const str = (v: unknown): v is string => typeof v === "string";
const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const MAX_ID = 64;
const isId = (v: unknown): v is string => str(v) && v.length > 0 && v.length <= MAX_ID;

/** A step's fields from a request, checked and bounded; or why they cannot be used. */
export function cleanStep(input: Record<string, unknown>, id: string): RunSheetStep | string {
  const { title, mapId, stageId, view, timeBoxMinutes, mode, round, locks } = input;
  const { maxTitle, minMinutes, maxMinutes } = RUN_SHEET_LIMITS;
  const named = str(title) ? title.trim().replace(/\s+/g, " ") : "";
  if (named.length === 0 || named.length > maxTitle) return `title must be 1 to ${maxTitle} characters`;
  if (!isId(mapId)) return "mapId must name a map";
  if (stageId !== undefined && stageId !== null && !isId(stageId)) return "stageId must name a stage, or be null";
  if (!STEP_VIEWS.includes((view ?? "map") as StepView)) return `view must be one of ${STEP_VIEWS.join(", ")}`;
  if (
    !Number.isInteger(timeBoxMinutes) ||
    (timeBoxMinutes as number) < minMinutes ||
    (timeBoxMinutes as number) > maxMinutes
  )
    return `timeBoxMinutes must be a whole number from ${minMinutes} to ${maxMinutes}`;
  if (!STEP_MODES.includes(mode as StepMode)) return `mode must be one of ${STEP_MODES.join(", ")}`;
  const l = typeof locks === "object" && locks !== null ? (locks as Record<string, unknown>) : {};
  const flag = (v: unknown) => v === undefined || typeof v === "boolean";
  if (!flag(l.structure) || !flag(l.stages)) return "locks must be {structure: boolean, stages: boolean}";
  const stage = isId(stageId) ? stageId : null;
  const stepView = (view ?? "map") as StepView;
  if (stage !== null && stepView !== "map") return "a step shows a stage of the map, or a view: not both";
  if (l.stages === true && stage === null && mode !== "walk")
    return "locking the other stages needs the step's stage (or a walk-through)";
  const roundName = mode === "walk" ? (cleanRoundName(round) ?? DEFAULT_ROUND_NAMES[0]) : null;
  return {
    id,
    title: named,
    mapId,
    stageId: stage,
    view: stepView,
    timeBoxMinutes: timeBoxMinutes as number,
    mode: mode as StepMode,
    round: roundName,
    locks: { structure: l.structure === true, stages: l.stages === true },
  };
}

type DefaultStep = Omit<RunSheetStep, "id" | "mapId" | "stageId">;
const step = (title: string, minutes: number, mode: StepMode, locks: Partial<StepLocks> = {}): DefaultStep => ({
  title,
  view: "map",
  timeBoxMinutes: minutes,
  mode,
  round: null,
  locks: { structure: false, stages: false, ...locks },
});

/** The method's workshop ("What a workshop does"), as steps on one map. */
const DEFAULT_STEPS: readonly DefaultStep[] = [
  step("Set the objective and the audience", 10, "discuss"),
  step("Map the current state", 20, "write", { structure: true }),
  step("Find the moments of truth", 15, "discuss", { structure: true }),
  step("Prioritise: what matters most to customers?", 10, "vote", { structure: true }),
  step("Design the future state", 30, "discuss"),
  {
    ...step("Walk-through with internal experts", 30, "walk", { structure: true, stages: true }),
    round: "Internal experts",
  },
  { ...step("Walk-through with customers", 30, "walk", { structure: true, stages: true }), round: "Customers" },
  { ...step("Compare the rounds", 15, "discuss", { structure: true }), view: "compare" },
];

/** The default agenda for a map, each step with a new id. */
export function defaultAgenda(mapId: string, newId: () => string): RunSheetStep[] {
  return DEFAULT_STEPS.map((s) => ({ ...s, id: newId(), mapId, stageId: null, locks: { ...s.locks } }));
}

/** The agenda with a step moved to position `to` (clamped to the list). */
export function moveStep(steps: readonly RunSheetStep[], stepId: string, to: number): RunSheetStep[] {
  const moving = steps.find((s) => s.id === stepId);
  if (!moving) return [...steps];
  const rest = steps.filter((s) => s.id !== stepId);
  const at = Math.max(0, Math.min(rest.length, Math.round(to)));
  return [...rest.slice(0, at), moving, ...rest.slice(at)];
}

/** The step after `stepId` in the agenda (the first when none is running), or null at the end. */
export function nextStep(steps: readonly RunSheetStep[], stepId: string | null): RunSheetStep | null {
  if (stepId === null) return steps[0] ?? null;
  const at = steps.findIndex((s) => s.id === stepId);
  return at < 0 ? null : (steps[at + 1] ?? null);
}

/**
 * Time per step from the relay's records: every finished run of a step adds up (a step started again
 * counts each time), and the step running now counts up to `now`. Steps of the agenda come first, in
 * its order; a step since removed from it still shows the time it took, under the title it ran with.
 */
export function timeByStep(
  steps: readonly RunSheetStep[],
  runs: readonly StepRun[],
  current: CurrentStep | null,
  now: number,
): StepTime[] {
  const all = current
    ? [
        ...runs,
        { stepId: current.stepId, title: "", startedAt: current.startedAt, endedAt: Math.max(now, current.startedAt) },
      ]
    : runs;
  const times = new Map<string, StepTime>();
  for (const s of steps) {
    const plannedMs = s.timeBoxMinutes * 60_000;
    times.set(s.id, { stepId: s.id, title: s.title, plannedMs, spentMs: 0, runs: 0, running: false });
  }
  for (const run of all) {
    const time = times.get(run.stepId) ?? {
      stepId: run.stepId,
      title: run.title,
      plannedMs: null,
      spentMs: 0,
      runs: 0,
      running: false,
    };
    time.spentMs += Math.max(0, run.endedAt - run.startedAt);
    time.runs++;
    times.set(run.stepId, time);
  }
  const running = current && times.get(current.stepId);
  if (running) running.running = true;
  return [...times.values()];
}

export interface RunSheet {
  steps: RunSheetStep[];
  current: CurrentStep | null;
}

/** The agenda and the current step, from a board's control document; anything malformed is left unread. */
export function readRunSheet(control: Y.Doc): RunSheet {
  const map = control.getMap("runSheet");
  const agenda = map.get("agenda") as Record<string, unknown> | undefined;
  const stored = agenda?.v === RUN_SHEET_VERSION && Array.isArray(agenda.steps) ? agenda.steps : [];
  const steps = stored.flatMap((s: unknown) => {
    if (typeof s !== "object" || s === null || !isId((s as Record<string, unknown>).id)) return [];
    const raw = s as Record<string, unknown>;
    const clean = cleanStep(raw, raw.id as string);
    return typeof clean === "string" ? [] : [clean];
  });
  const c = map.get("current") as Record<string, unknown> | undefined;
  const current: CurrentStep | null =
    c?.v === RUN_SHEET_VERSION && isId(c.stepId) && num(c.startedAt)
      ? { v: RUN_SHEET_VERSION, stepId: c.stepId, startedAt: c.startedAt }
      : null;
  return { steps, current };
}

export function readStepRuns(control: Y.Doc): StepRun[] {
  return control
    .getArray("stepRuns")
    .toArray()
    .flatMap((e) => {
      if (typeof e !== "object" || e === null) return [];
      const r = e as Record<string, unknown>;
      return r.v === RUN_SHEET_VERSION && isId(r.stepId) && str(r.title) && num(r.startedAt) && num(r.endedAt)
        ? [{ v: RUN_SHEET_VERSION, stepId: r.stepId, title: r.title, startedAt: r.startedAt, endedAt: r.endedAt }]
        : [];
    });
}

/** Writes the agenda (whole: it is small and bounded). */
export function writeAgenda(control: Y.Doc, steps: readonly RunSheetStep[], origin: unknown): void {
  control.transact(() => control.getMap("runSheet").set("agenda", { v: RUN_SHEET_VERSION, steps }), origin);
}

/**
 * Ends the current step's run at `now` (kept for the summary, the oldest dropped past the bound) and
 * makes `next` the current step, or none.
 */
export function switchStep(
  control: Y.Doc,
  steps: readonly RunSheetStep[],
  next: { stepId: string } | null,
  now: number,
  origin: unknown,
): void {
  control.transact(() => {
    const map = control.getMap("runSheet");
    const { current } = readRunSheet(control);
    if (current) {
      const title = steps.find((s) => s.id === current.stepId)?.title ?? "";
      const run: StepRun = {
        v: RUN_SHEET_VERSION,
        stepId: current.stepId,
        title,
        startedAt: current.startedAt,
        endedAt: Math.max(now, current.startedAt),
      };
      const runs = control.getArray("stepRuns");
      runs.push([run]);
      if (runs.length > RUN_SHEET_LIMITS.maxRuns) runs.delete(0, runs.length - RUN_SHEET_LIMITS.maxRuns);
    }
    if (next) map.set("current", { v: RUN_SHEET_VERSION, stepId: next.stepId, startedAt: now });
    else map.delete("current");
  }, origin);
}
