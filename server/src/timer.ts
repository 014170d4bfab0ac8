import type { IncomingMessage, ServerResponse } from "node:http";
import {
  appendTimerRun,
  extendTimer,
  newId,
  parseTimerAction,
  pauseTimer,
  readTimers,
  resumeTimer,
  startTimer,
  type Timer,
  type TimerAction,
  timerRun,
  writeTimer,
} from "@journeyboard/shared";
import type * as Y from "yjs";
import type { HttpContext } from "./http.js";
import { sendError, sendJson } from "./http-json.js";

/** The relay's own changes carry this origin (they are stored and relayed like a participant's). */
const RELAY_ORIGIN = "relay";

/**
 * The facilitator's countdown: the relay applies each action in its own clock and writes the result into
 * the control document, which everyone reads and only facilitators (through the relay) write. Each
 * action takes the board's facilitation turn, so two actions at once never interleave, whichever relay
 * process each reaches (the turn starts from what the others stored).
 */
export async function timerAction(
  res: ServerResponse,
  ctx: HttpContext,
  boardId: string,
  body: Record<string, unknown>,
): Promise<void> {
  const action = parseTimerAction(body);
  if (typeof action === "string") {
    sendError(res, 400, action);
    return;
  }
  const result = await ctx.facilitation.run(boardId, () =>
    ctx.rooms.change({ boardId, kind: "control" }, (room) => changeTimerIn(room.doc, action, Date.now())),
  );
  if (result === undefined) {
    sendError(res, 409, `no ${action.scope} timer is running or paused: start one first`);
    return;
  }
  ctx.log.info("timer changed", { board: boardId, action: action.action, scope: action.scope });
  sendJson(res, 200, result);
}

/**
 * Applies an action to a timer of the control document at relay time `now` (the run-sheet starts a
 * step's timer this way too); undefined when there is no timer to act on.
 */
export function changeTimerIn(
  control: Y.Doc,
  action: TimerAction,
  now: number,
): { timer: Timer | null; now: number } | undefined {
  const current = readTimers(control)[action.scope];
  const next = applied(action, current, now);
  if (next === undefined) return undefined;
  // A stop, or a new start over the last one, ends a run: the summary keeps how long it took.
  if (current && (next === null || next.id !== current.id))
    appendTimerRun(control, timerRun(current, now), RELAY_ORIGIN);
  writeTimer(control, action.scope, next, RELAY_ORIGIN);
  return { timer: next, now };
}

/** The timer after an action, null once stopped, or undefined when there is none to act on. */
function applied(action: TimerAction, timer: Timer | undefined, now: number): Timer | null | undefined {
  if (action.action === "start") return startTimer(newId(), now, action.scope, action.durationMs, action.label);
  if (!timer) return action.action === "stop" ? null : undefined;
  switch (action.action) {
    case "pause":
      return pauseTimer(timer, now);
    case "resume":
      return resumeTimer(timer, now);
    case "extend":
      return extendTimer(timer, now, action.byMs);
    case "stop":
      return null;
  }
}

/**
 * The relay's clock, for browsers to count down in it whatever their own clocks say. Never cached: a
 * stale answer would be a wrong time.
 */
export function relayTime(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== "GET") {
    sendError(res, 405, "use GET");
    return;
  }
  res.setHeader("Cache-Control", "no-store");
  sendJson(res, 200, { now: Date.now() });
}
