import type * as Y from "yjs";
import type { Rect } from "./layout.js";
import { MAX_NAME } from "./protocol.js";

/**
 * The trial walk-through (method step 8): the facilitator walks a map stage by stage, once per round
 * ("Internal experts", then "Customers"), and everyone follows. Its state lives in the control document,
 * written by the relay alone on a facilitator's request, with the relay's clock: `walkthrough` holds the
 * current round, stage and when that stage started; `rounds` keeps every round ever started, so that
 * feedback can be compared round by round after the walk-through ends.
 */

/** The shape of the walk-through state; a later shape is read by migrating from this one. */
export const WALKTHROUGH_VERSION = 1;
export const DEFAULT_ROUND_NAMES = ["Internal experts", "Customers"] as const;
export const MAX_ROUND_NAME = MAX_NAME;
/** The longest time box a stage can have. */
export const MAX_TIME_BOX_SECONDS = 3600;
/** Rounds a board keeps, so that nobody can grow the control document without end. */
export const MAX_ROUNDS = 50;

/** What happens when a stage's time box runs out: the stage shows it is over time, or the next stage begins. */
export type OnTimeUp = "warn" | "advance";

/** The facilitator's view, for "bring everyone to me": the board area they look at, and when they asked. */
export interface Gather {
  rect: Rect;
  at: number;
}

export interface WalkThrough {
  version: typeof WALKTHROUGH_VERSION;
  roundId: string;
  roundName: string;
  mapId: string;
  stageId: string;
  /** When the current stage began, by the relay's clock (ms). */
  stageStartedAt: number;
  timeBoxSeconds: number | null;
  onTimeUp: OnTimeUp;
  status: "running" | "ended";
  gather: Gather | null;
}

export interface Round {
  roundId: string;
  name: string;
  mapId: string;
  startedAt: number;
}

/** A round's name as given, trimmed and bounded; null when there is none. */
export function cleanRoundName(name: unknown): string | null {
  if (typeof name !== "string") return null;
  const clean = name.trim().replace(/\s+/g, " ").slice(0, MAX_ROUND_NAME);
  return clean.length > 0 ? clean : null;
}

/** A time box in whole seconds (1 s to an hour), or null for none or anything else. */
export function cleanTimeBox(seconds: unknown): number | null {
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 1) return null;
  return Math.min(MAX_TIME_BOX_SECONDS, Math.round(seconds));
}

/** The stage one step on from `current` (next or previous), staying put at either end. */
export function stepStage(stageIds: readonly string[], current: string, step: "next" | "previous"): string {
  const at = stageIds.indexOf(current);
  if (at < 0) return stageIds[0] ?? current;
  const to = Math.max(0, Math.min(stageIds.length - 1, at + (step === "next" ? 1 : -1)));
  return stageIds[to] ?? current;
}

export interface StageClock {
  elapsedMs: number;
  /** Null without a time box; negative once over time. */
  remainingMs: number | null;
  over: boolean;
}

/** How long the current stage has run, by the relay's clock (`relayNow`: this browser's estimate of it). */
export function stageClock(walk: Pick<WalkThrough, "stageStartedAt" | "timeBoxSeconds">, relayNow: number): StageClock {
  const elapsedMs = Math.max(0, relayNow - walk.stageStartedAt);
  if (walk.timeBoxSeconds === null) return { elapsedMs, remainingMs: null, over: false };
  const remainingMs = walk.timeBoxSeconds * 1000 - elapsedMs;
  return { elapsedMs, remainingMs, over: remainingMs <= 0 };
}

/** "m:ss" for a duration, with a minus sign over time. */
export function formatClock(ms: number): string {
  const seconds = Math.ceil(Math.abs(ms) / 1000 - 1e-9);
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  return ms < 0 && seconds > 0 ? `-${text}` : text;
}

const str = (v: unknown): v is string => typeof v === "string";
const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function readGather(value: unknown): Gather | null {
  if (typeof value !== "object" || value === null) return null;
  const { rect, at } = value as Record<string, unknown>;
  if (!num(at) || typeof rect !== "object" || rect === null) return null;
  const { x, y, w, h } = rect as Record<string, unknown>;
  if (!num(x) || !num(y) || !num(w) || !num(h) || w <= 0 || h <= 0) return null;
  return { rect: { x, y, w, h }, at };
}

/** The walk-through, from a board's control document; null before the first one. */
export function readWalkthrough(control: Y.Doc): WalkThrough | null {
  const m = control.getMap("walkthrough");
  const [roundId, roundName, mapId, stageId] = ["roundId", "roundName", "mapId", "stageId"].map((k) => m.get(k));
  const stageStartedAt = m.get("stageStartedAt");
  const status = m.get("status");
  if (m.get("version") !== WALKTHROUGH_VERSION) return null;
  if (!str(roundId) || !str(roundName) || !str(mapId) || !str(stageId) || !num(stageStartedAt)) return null;
  if (status !== "running" && status !== "ended") return null;
  const onTimeUp = m.get("onTimeUp") === "advance" ? "advance" : "warn";
  return {
    version: WALKTHROUGH_VERSION,
    roundId,
    roundName,
    mapId,
    stageId,
    stageStartedAt,
    timeBoxSeconds: cleanTimeBox(m.get("timeBoxSeconds")),
    onTimeUp,
    status,
    gather: readGather(m.get("gather")),
  };
}

/** Writes the walk-through; only the fields that changed, so that a field's observers see only real changes. */
export function writeWalkthrough(control: Y.Doc, walk: WalkThrough, origin: unknown): void {
  control.transact(() => {
    const m = control.getMap("walkthrough");
    for (const [key, value] of Object.entries(walk)) {
      if (JSON.stringify(m.get(key) ?? null) !== JSON.stringify(value)) m.set(key, value);
    }
  }, origin);
}

/** Every round started on the board, oldest first. */
export function readRounds(control: Y.Doc): Round[] {
  const rounds: Round[] = [];
  for (const [roundId, value] of control.getMap("rounds").entries()) {
    if (typeof value !== "object" || value === null) continue;
    const { name, mapId, startedAt } = value as Record<string, unknown>;
    if (str(name) && str(mapId) && num(startedAt)) rounds.push({ roundId, name, mapId, startedAt });
  }
  return rounds.sort((a, b) => a.startedAt - b.startedAt || a.roundId.localeCompare(b.roundId));
}

export function writeRound(control: Y.Doc, round: Round, origin: unknown): void {
  const { roundId, ...rest } = round;
  control.transact(() => control.getMap("rounds").set(roundId, rest), origin);
}
