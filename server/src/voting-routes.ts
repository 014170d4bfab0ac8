import type { IncomingMessage, ServerResponse } from "node:http";
import { canVote, cleanVoteSettings, type LinkClaims } from "@journeyboard/shared";
import type { HttpContext } from "./http.js";
import { readJson, sendError, sendJson } from "./http-json.js";
import { RateLimit } from "./relay/rate.js";
import { VotingError } from "./voting.js";

/** The dot-voting endpoints: the facilitator opens and closes a vote; participants place and remove dots. */

const MAX_NOTE_ID = 64;

/**
 * Dot actions each participant may send per second (bursts of two seconds' worth), checked before any
 * work: each one waits its turn on the board's vote. A bucket is dropped once it has refilled.
 */
export class DotRate {
  private readonly buckets = new Map<string, RateLimit>();
  private swept = performance.now();

  constructor(private readonly perSecond: number) {}

  take(participantId: string, now = performance.now()): boolean {
    if (now - this.swept > 10_000) {
      this.swept = now;
      for (const [id, bucket] of this.buckets) if (bucket.full(now)) this.buckets.delete(id);
    }
    const bucket = this.buckets.get(participantId) ?? new RateLimit(this.perSecond, 2, now);
    this.buckets.set(participantId, bucket);
    return bucket.take(now);
  }
}

/** A facilitator opens a vote on a map, or closes the open one; anyone else is refused before any work. */
export async function votingAction(req: IncomingMessage, res: ServerResponse, ctx: HttpContext, claims: LinkClaims) {
  if (claims.role !== "facilitator") {
    ctx.log.warn("vote action refused", { board: claims.boardId, role: claims.role, reason: "not a facilitator" });
    sendError(res, 403, "only a facilitator can open or close a vote");
    return;
  }
  const body = await readJson(req, res);
  if (body === undefined) return;
  const { boardId } = claims;
  try {
    if (body.action === "open" && typeof body.mapId === "string") {
      const settings = cleanVoteSettings(body);
      if (typeof settings === "string") {
        sendError(res, 400, settings);
        return;
      }
      sendJson(res, 201, await ctx.voting.open(boardId, body.mapId, settings));
    } else if (body.action === "close") {
      sendJson(res, 200, await ctx.voting.close(boardId));
    } else {
      sendError(
        res,
        400,
        'send {"action": "open", "mapId", "question", "budget", "kinds", "multiple", "hidden"} or {"action": "close"}',
      );
    }
  } catch (error) {
    if (!(error instanceof VotingError)) throw error;
    sendError(res, 409, error.message);
  }
}

/**
 * A participant's dots in the open vote: placed, removed, or listed. Who they are comes from their
 * relay-issued credential and live connection, never from the request's say-so; the answer holds their
 * own dots only.
 */
export async function dotAction(req: IncomingMessage, res: ServerResponse, ctx: HttpContext, claims: LinkClaims) {
  const { boardId } = claims;
  if (!canVote(claims.role)) {
    sendError(res, 403, "viewers watch the vote: only facilitators and editors place dots");
    return;
  }
  const body = await readJson(req, res);
  if (body === undefined) return;
  const { voteId, participant, action, noteId } = body;
  const change = action === "place" || action === "remove";
  if (
    typeof voteId !== "string" ||
    !(change || action === "list") ||
    (change && (typeof noteId !== "string" || noteId.length === 0 || noteId.length > MAX_NOTE_ID))
  ) {
    sendError(res, 400, 'send {voteId, participant: credential, action: "place" | "remove" | "list", noteId}');
    return;
  }
  const identified = ctx.participants.identify(claims, participant);
  if (!identified.ok) {
    ctx.log.warn("dot refused", { board: boardId, role: claims.role, reason: identified.reason });
    sendError(res, identified.status, identified.reason);
    return;
  }
  const { participantId } = identified;
  if (!ctx.dotRate.take(participantId)) {
    ctx.log.warn("dot refused", { board: boardId, participant: participantId, reason: "too many dot actions" });
    res.setHeader("Retry-After", "1");
    sendError(res, 429, "too many dot actions: slow down");
    return;
  }
  try {
    const mine = change
      ? await ctx.voting.change(boardId, voteId, participantId, action, noteId as string)
      : await ctx.voting.mine(boardId, voteId, participantId);
    sendJson(res, 200, mine);
  } catch (error) {
    if (!(error instanceof VotingError)) throw error;
    sendError(res, 409, error.message);
  }
}
