import type * as Y from "yjs";
import { remainingAt, type Timer, type TimerScope } from "./timer.js";

/**
 * What the session spent its time on, kept for the session summary: each stage visit of a walk-through
 * (closed when the walk-through moves on or ends) and each timer run (when it is stopped or replaced by
 * a new one). Both are written by the relay alone into the control document, in its own clock, and are
 * bounded: past the limit the oldest entries go, so nobody can grow the document without end.
 */

/** The shape of one entry; a later shape gets a higher number. */
export const SESSION_LOG_VERSION = 1;
export const MAX_STAGE_VISITS = 1000;
export const MAX_TIMER_RUNS = 200;

export interface StageVisit {
  v: typeof SESSION_LOG_VERSION;
  roundId: string;
  mapId: string;
  stageId: string;
  startedAt: number;
  endedAt: number;
}

export interface TimerRun {
  v: typeof SESSION_LOG_VERSION;
  timerId: string;
  scope: TimerScope;
  label: string;
  /** The length set at the start plus every extension. */
  plannedMs: number;
  /** The time it counted down, pauses left out and overtime in. */
  actualMs: number;
  startedAt: number;
  endedAt: number;
}

/** A timer's run, as it ends at relay time `now`. */
export function timerRun(timer: Timer, now: number): TimerRun {
  return {
    v: SESSION_LOG_VERSION,
    timerId: timer.id,
    scope: timer.scope,
    label: timer.label,
    plannedMs: timer.durationMs,
    actualMs: Math.max(0, timer.durationMs - remainingAt(timer, now)),
    startedAt: timer.startedAt,
    endedAt: now,
  };
}

function appendBounded(control: Y.Doc, name: string, entry: object, max: number, origin: unknown): void {
  control.transact(() => {
    const list = control.getArray(name);
    list.push([entry]);
    if (list.length > max) list.delete(0, list.length - max);
  }, origin);
}

export function appendStageVisit(control: Y.Doc, visit: StageVisit, origin: unknown): void {
  appendBounded(control, "stageVisits", visit, MAX_STAGE_VISITS, origin);
}

export function appendTimerRun(control: Y.Doc, run: TimerRun, origin: unknown): void {
  appendBounded(control, "timerRuns", run, MAX_TIMER_RUNS, origin);
}

const str = (v: unknown): v is string => typeof v === "string";
const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const records = (control: Y.Doc, name: string) =>
  control
    .getArray(name)
    .toArray()
    .filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null)
    .filter((e) => e.v === SESSION_LOG_VERSION);

export function readStageVisits(control: Y.Doc): StageVisit[] {
  return records(control, "stageVisits").flatMap((e) =>
    str(e.roundId) && str(e.mapId) && str(e.stageId) && num(e.startedAt) && num(e.endedAt)
      ? [
          {
            v: SESSION_LOG_VERSION,
            roundId: e.roundId,
            mapId: e.mapId,
            stageId: e.stageId,
            startedAt: e.startedAt,
            endedAt: e.endedAt,
          },
        ]
      : [],
  );
}

export function readTimerRuns(control: Y.Doc): TimerRun[] {
  return records(control, "timerRuns").flatMap((e) =>
    str(e.timerId) &&
    (e.scope === "session" || e.scope === "step") &&
    str(e.label) &&
    num(e.plannedMs) &&
    num(e.actualMs) &&
    num(e.startedAt) &&
    num(e.endedAt)
      ? [
          {
            v: SESSION_LOG_VERSION,
            timerId: e.timerId,
            scope: e.scope,
            label: e.label,
            plannedMs: e.plannedMs,
            actualMs: e.actualMs,
            startedAt: e.startedAt,
            endedAt: e.endedAt,
          },
        ]
      : [],
  );
}
