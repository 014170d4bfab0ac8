import type * as Y from "yjs";

/**
 * The facilitator's countdown, for the whole session or for the current step. Its state lives in the
 * board's control document as facts in the relay's clock, written only by the relay on a facilitator's
 * action: a running timer says when it reaches zero (`endsAt`), a paused one how much was left
 * (`remainingMs`). Each browser estimates its offset to the relay's clock and counts down from those
 * facts, so every participant shows the same time whatever its own clock says.
 */

/** The layout of a timer in the control document; a later layout gets a higher number. */
export const TIMER_VERSION = 1;

export type TimerScope = "session" | "step";
export const TIMER_SCOPES: readonly TimerScope[] = ["session", "step"];

/** A countdown is 1 s to 12 h long, and one extension adds at most an hour. */
export const TIMER_LIMITS = { minMs: 1000, maxMs: 12 * 3600_000, maxExtendMs: 3600_000, maxLabel: 60 } as const;

/** The facilitator's extend buttons: +1 min and +5 min. */
export const TIMER_EXTENSIONS_MS: readonly number[] = [60_000, 300_000];

interface TimerFacts {
  v: typeof TIMER_VERSION;
  /** A new id for each start, so that a summary can tell one countdown from the next. */
  id: string;
  scope: TimerScope;
  label: string;
  /** The length set at the start plus every extension. */
  durationMs: number;
  /** When it was started, in the relay's clock. */
  startedAt: number;
}

export type Timer =
  | (TimerFacts & { status: "running" /** When it reaches zero, in the relay's clock. */; endsAt: number })
  | (TimerFacts & { status: "paused" /** What was left when paused (negative in overtime). */; remainingMs: number });

/** What a facilitator asks of the relay; the relay alone turns it into a timer, in its own clock. */
export type TimerAction =
  | { action: "start"; scope: TimerScope; durationMs: number; label: string }
  | { action: "pause" | "resume" | "stop"; scope: TimerScope }
  | { action: "extend"; scope: TimerScope; byMs: number };

export function startTimer(id: string, now: number, scope: TimerScope, durationMs: number, label: string): Timer {
  return {
    v: TIMER_VERSION,
    id,
    scope,
    label,
    durationMs,
    startedAt: now,
    status: "running",
    endsAt: now + durationMs,
  };
}

/** Milliseconds left at relay time `now`: negative once it is in overtime. */
export function remainingAt(timer: Timer, now: number): number {
  return timer.status === "running" ? timer.endsAt - now : timer.remainingMs;
}

export function pauseTimer(timer: Timer, now: number): Timer {
  if (timer.status === "paused") return timer;
  const { endsAt: _, ...facts } = timer;
  return { ...facts, status: "paused", remainingMs: timer.endsAt - now };
}

export function resumeTimer(timer: Timer, now: number): Timer {
  if (timer.status === "running") return timer;
  const { remainingMs, ...facts } = timer;
  return { ...facts, status: "running", endsAt: now + remainingMs };
}

/**
 * Adds time. In overtime the extension counts from zero: "+1 min" when already over means one more
 * minute from now, which is what a facilitator pressing it wants.
 */
export function extendTimer(timer: Timer, now: number, byMs: number): Timer {
  const left = Math.max(0, remainingAt(timer, now)) + byMs;
  const durationMs = timer.durationMs + byMs;
  return timer.status === "running"
    ? { ...timer, durationMs, endsAt: now + left }
    : { ...timer, durationMs, remainingMs: left };
}

/** "4:05", "1:02:03", and "+0:12" in overtime; whole seconds, rounded up while counting down. */
export function formatRemaining(ms: number): string {
  const over = ms <= 0;
  const seconds = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  const clock = h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
  return over ? `+${clock}` : clock;
}

/** Checks a facilitator's request; a message for the refusal, or the action. */
export function parseTimerAction(body: Record<string, unknown>): TimerAction | string {
  const { action, scope } = body;
  if (!TIMER_SCOPES.includes(scope as TimerScope)) return 'scope must be "session" or "step"';
  const s = scope as TimerScope;
  if (action === "pause" || action === "resume" || action === "stop") return { action, scope: s };
  if (action === "start") {
    const { durationMs, label } = body;
    if (typeof durationMs !== "number" || !(durationMs >= TIMER_LIMITS.minMs && durationMs <= TIMER_LIMITS.maxMs))
      return `durationMs must be from ${TIMER_LIMITS.minMs} to ${TIMER_LIMITS.maxMs}`;
    if (label !== undefined && typeof label !== "string") return "label must be a string";
    return {
      action,
      scope: s,
      durationMs: Math.round(durationMs),
      label: (label ?? "").trim().slice(0, TIMER_LIMITS.maxLabel),
    };
  }
  if (action === "extend") {
    const { byMs } = body;
    if (typeof byMs !== "number" || !(byMs >= 1000 && byMs <= TIMER_LIMITS.maxExtendMs))
      return `byMs must be from 1000 to ${TIMER_LIMITS.maxExtendMs}`;
    return { action, scope: s, byMs: Math.round(byMs) };
  }
  return 'action must be "start", "pause", "resume", "extend" or "stop"';
}

/** The timers running or paused, from a board's control document; anything malformed is left unread. */
export function readTimers(control: Y.Doc): Partial<Record<TimerScope, Timer>> {
  const timers: Partial<Record<TimerScope, Timer>> = {};
  const stored = control.getMap("timer");
  for (const scope of TIMER_SCOPES) {
    const timer = asTimer(stored.get(scope), scope);
    if (timer) timers[scope] = timer;
  }
  return timers;
}

function asTimer(value: unknown, scope: TimerScope): Timer | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const t = value as Record<string, unknown>;
  const finite = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);
  if (t.v !== TIMER_VERSION || t.scope !== scope || typeof t.id !== "string" || typeof t.label !== "string")
    return undefined;
  if (!finite(t.durationMs) || !finite(t.startedAt)) return undefined;
  const facts: TimerFacts = {
    v: TIMER_VERSION,
    id: t.id,
    scope,
    label: t.label,
    durationMs: t.durationMs,
    startedAt: t.startedAt,
  };
  if (t.status === "running" && finite(t.endsAt)) return { ...facts, status: "running", endsAt: t.endsAt };
  if (t.status === "paused" && finite(t.remainingMs)) return { ...facts, status: "paused", remainingMs: t.remainingMs };
  return undefined;
}

/** Writes a scope's timer, or clears it (stopped). */
export function writeTimer(control: Y.Doc, scope: TimerScope, timer: Timer | null, origin: unknown): void {
  control.transact(() => {
    const stored = control.getMap("timer");
    if (timer) stored.set(scope, timer);
    else stored.delete(scope);
  }, origin);
}

/** One exchange with the relay's clock: its time, and this browser's monotonic clock when asked and answered. */
export interface ClockSample {
  sentAt: number;
  relayNow: number;
  receivedAt: number;
}

/**
 * The relay's clock as an offset from this browser's monotonic clock (performance.now()), from the
 * sample with the shortest round trip (the least room for delay on one leg only), taking the relay's
 * answer to have been read halfway through it. Relay time is then `monotonic + offset`, untouched by
 * whatever the browser's wall clock says or how it jumps.
 */
export function relayOffset(samples: readonly ClockSample[]): { offset: number; roundTripMs: number } | null {
  let best: ClockSample | undefined;
  for (const sample of samples) {
    if (sample.receivedAt < sample.sentAt) continue;
    if (!best || sample.receivedAt - sample.sentAt < best.receivedAt - best.sentAt) best = sample;
  }
  if (!best) return null;
  return { offset: best.relayNow - (best.sentAt + best.receivedAt) / 2, roundTripMs: best.receivedAt - best.sentAt };
}
