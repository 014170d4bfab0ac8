import type { IncomingMessage, ServerResponse } from "node:http";
import { canScore, type LinkClaims } from "@journeyboard/shared";
import type { HttpContext } from "./http.js";
import { readJson, sendError, sendJson } from "./http-json.js";
import { ScoringError } from "./scoring.js";

/** The crowd-scoring endpoints: the facilitator's round actions and a participant's private scores. */

/** A facilitator opens a crowd-scoring round for a segment of a map, or closes the open one. */
export async function scoringAction(
  res: ServerResponse,
  ctx: HttpContext,
  boardId: string,
  body: Record<string, unknown>,
) {
  try {
    if (body.action === "open" && typeof body.mapId === "string" && typeof body.segmentId === "string") {
      sendJson(res, 201, await ctx.scoring.open(boardId, body.mapId, body.segmentId));
    } else if (body.action === "close") {
      sendJson(res, 200, await ctx.scoring.close(boardId));
    } else {
      sendError(res, 400, 'send {"action": "open", "mapId", "segmentId"} or {"action": "close"}');
    }
  } catch (error) {
    if (!(error instanceof ScoringError)) throw error;
    sendError(res, 409, error.message);
  }
}

/**
 * A participant's private scores for the open round: kept by the relay, never sent to anyone. Who they
 * are comes from their relay-issued credential and live connection, never from the request's say-so.
 */
export async function submitScores(req: IncomingMessage, res: ServerResponse, ctx: HttpContext, claims: LinkClaims) {
  if (req.method !== "PUT") {
    sendError(res, 405, "use PUT");
    return;
  }
  const { boardId } = claims;
  if (!canScore(claims.role)) {
    sendError(res, 403, "viewers watch the round: only facilitators and editors score");
    return;
  }
  const body = await readJson(req, res);
  if (body === undefined) return;
  const { roundId, participant, scores, shareAs } = body;
  if (typeof roundId !== "string") {
    sendError(res, 400, "send {roundId, participant: credential, scores: {stageId: -3..3}, shareAs: name or null}");
    return;
  }
  const identified = ctx.participants.identify(claims, participant);
  if (!identified.ok) {
    ctx.log.warn("scores refused", { board: boardId, role: claims.role, reason: identified.reason });
    sendError(res, identified.status, identified.reason);
    return;
  }
  const { participantId } = identified;
  try {
    sendJson(res, 200, { submitted: await ctx.scoring.submit(boardId, roundId, participantId, scores, shareAs) });
  } catch (error) {
    if (!(error instanceof ScoringError)) throw error;
    sendError(res, 409, error.message);
  }
}
