import type { IncomingMessage, ServerResponse } from "node:http";
import { canScore, type LinkClaims, type Rect } from "@journeyboard/shared";
import type { HttpContext } from "./http.js";
import { readJson, sendError, sendJson } from "./http-json.js";
import { type Move, WalkthroughError } from "./walkthrough.js";

/** The walk-through endpoints: the facilitator's steps, and a participant's feedback on the current stage. */

const USAGE =
  'send {"action": "start", "mapId", "roundName", "timeBoxSeconds"?, "onTimeUp"?: "warn" | "advance"}, ' +
  '{"action": "next" | "previous", "from"?: stageId}, {"action": "go", "stageId"}, ' +
  '{"action": "timebox", "timeBoxSeconds": seconds or null, "onTimeUp"}, {"action": "gather", "rect": {x, y, w, h}}, ' +
  'or {"action": "end"}';

/** A facilitator's walk-through action (the caller has checked the role). */
export async function walkthroughAction(
  res: ServerResponse,
  ctx: HttpContext,
  boardId: string,
  body: Record<string, unknown>,
) {
  const walks = ctx.walkthroughs;
  const onTimeUp = body.onTimeUp === "advance" ? "advance" : "warn";
  const { action } = body;
  try {
    if (action === "start" && typeof body.mapId === "string") {
      sendJson(res, 201, await walks.start(boardId, body.mapId, body.roundName, body.timeBoxSeconds, onTimeUp));
    } else if (action === "next" || action === "previous" || (action === "go" && typeof body.stageId === "string")) {
      const from = typeof body.from === "string" ? body.from : undefined;
      const move: Move = action === "go" ? { stageId: body.stageId as string } : { step: action, from };
      sendJson(res, 200, await walks.move(boardId, move));
    } else if (action === "timebox") {
      sendJson(res, 200, await walks.timeBox(boardId, body.timeBoxSeconds, onTimeUp));
    } else if (action === "gather" && isRect(body.rect)) {
      sendJson(res, 200, await walks.gather(boardId, body.rect));
    } else if (action === "end") {
      sendJson(res, 200, await walks.end(boardId));
    } else {
      sendError(res, 400, USAGE);
    }
  } catch (error) {
    if (!(error instanceof WalkthroughError)) throw error;
    sendError(res, 409, error.message);
  }
}

const MAX_COORDINATE = 1e6;

function isRect(value: unknown): value is Rect {
  if (typeof value !== "object" || value === null) return false;
  const { x, y, w, h } = value as Record<string, unknown>;
  const bounded = (n: unknown) => typeof n === "number" && Number.isFinite(n) && Math.abs(n) <= MAX_COORDINATE;
  return bounded(x) && bounded(y) && bounded(w) && bounded(h) && (w as number) > 0 && (h as number) > 0;
}

/**
 * A participant's feedback on the stage being walked through. Its author is the participant the relay
 * issued to the sender's browser, proven by their credential and live connection; any author the body
 * names is ignored. The name shown beside it is the one they go by on the board.
 */
export async function submitFeedback(req: IncomingMessage, res: ServerResponse, ctx: HttpContext, claims: LinkClaims) {
  if (req.method !== "POST") {
    sendError(res, 405, "use POST");
    return;
  }
  const { boardId } = claims;
  if (!canScore(claims.role)) {
    sendError(res, 403, "viewers follow the walk-through: only facilitators and editors give feedback");
    return;
  }
  const body = await readJson(req, res);
  if (body === undefined) return;
  const identified = ctx.participants.identify(claims, body.participant);
  if (!identified.ok) {
    ctx.log.warn("feedback refused", { board: boardId, role: claims.role, reason: identified.reason });
    sendError(res, identified.status, identified.reason);
    return;
  }
  try {
    const feedback = await ctx.walkthroughs.feedback(boardId, identified.participantId, body);
    sendJson(res, 201, feedback);
  } catch (error) {
    if (!(error instanceof WalkthroughError)) throw error;
    sendError(res, 409, error.message);
  }
}
