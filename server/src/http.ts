import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type CreatedBoard, canScore, isRole, isValidBoardId, type LinkClaims, type Role } from "@journeyboard/shared";
import sirv from "sirv";
import type { Access, AccessResult } from "./auth/access.js";
import type { Participants } from "./auth/participants.js";
import type { Logger } from "./log.js";
import type { Metrics } from "./metrics.js";
import type { Rooms } from "./relay/rooms.js";
import { requestUrl } from "./request-url.js";
import { type Scoring, ScoringError } from "./scoring.js";

export interface HttpContext {
  rooms: Rooms;
  scoring: Scoring;
  access: Access;
  participants: Participants;
  log: Logger;
  metrics: Metrics;
  clientDir: string;
  metricsToken: string | undefined;
  connectionCount: (boardId?: string) => number;
  /** Disconnects, within the second, every connection whose link a revocation turned away. */
  onRevoked: (boardId: string) => void;
}

const MAX_BODY_BYTES = 4096;
const MAX_LINK_SECONDS = 366 * 24 * 3600;

/**
 * Sent with every answer. The app needs only its own scripts, styles and socket; links carry tokens,
 * so no page ever sends a Referer.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; "),
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

/** The HTTP side of the app: health, metrics, the boards API, and the built client. */
export function createRequestHandler(ctx: HttpContext): (req: IncomingMessage, res: ServerResponse) => void {
  const client = existsSync(ctx.clientDir)
    ? sirv(ctx.clientDir, {
        single: true,
        etag: true,
        setHeaders(res, pathname) {
          // Built assets carry a content hash in their names; the page itself must always be fresh.
          res.setHeader(
            "Cache-Control",
            pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
          );
        },
      })
    : undefined;

  return (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = requestUrl(req.url);
    if (!url) {
      sendError(res, 400, "not a valid request path");
      return;
    }
    const path = url.pathname;
    if (path === "/healthz") {
      if (req.method !== "GET" && req.method !== "HEAD") {
        sendError(res, 405, "use GET");
        return;
      }
      return sendJson(res, 200, { status: "ok" });
    }
    if (path === "/metrics") return metrics(req, res, ctx);
    if (path === "/api/boards") {
      if (req.method !== "POST") {
        sendError(res, 405, "use POST to create a board");
        return;
      }
      return void createBoard(req, res, ctx);
    }
    const board = /^\/api\/boards\/([^/]+)(?:\/(links|revoke|participants|scoring|scoring\/mine))?$/.exec(path);
    if (board?.[1] && isValidBoardId(board[1])) {
      boardRoute(req, res, ctx, board[1], board[2], url).catch((error: unknown) => {
        ctx.log.error("request failed", { board: board[1], path, reason: error });
        sendError(res, 500, "the server could not do that; try again");
      });
      return;
    }
    if (path.startsWith("/api/")) {
      sendError(res, 404, "no such endpoint");
      return;
    }
    if (client && (req.method === "GET" || req.method === "HEAD")) return client(req, res);
    sendError(res, 404, "not found");
  };
}

function metrics(req: IncomingMessage, res: ServerResponse, ctx: HttpContext): void {
  const bearer = bearerOf(req);
  const loopback = ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(req.socket.remoteAddress ?? "");
  if (ctx.metricsToken ? bearer !== ctx.metricsToken : !loopback) {
    sendError(res, 403, "metrics are not public");
    return;
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const memory = process.memoryUsage();
  sendJson(res, 200, {
    ...ctx.metrics.snapshot(),
    connections: ctx.connectionCount(),
    documentsInMemory: ctx.rooms.size,
    heapUsedBytes: memory.heapUsed,
    rssBytes: memory.rss,
    activeResources: process.getActiveResourcesInfo().length,
  });
}

async function createBoard(req: IncomingMessage, res: ServerResponse, ctx: HttpContext): Promise<void> {
  const body = await readJson(req, res);
  if (body === undefined) return;
  if (body.title !== undefined && typeof body.title !== "string") {
    sendError(res, 400, "title must be a string");
    return;
  }
  try {
    const id = await ctx.rooms.create(body.title as string | undefined);
    const link = await ctx.access.link(id, "facilitator", null);
    const created: CreatedBoard = { id, url: link.url, link };
    sendJson(res, 201, created);
  } catch (error) {
    ctx.log.error("board create failed", { reason: error });
    sendError(res, 500, "the board could not be created; try again");
  }
}

/** Board endpoints take the link's token (Authorization: Bearer, or ?token=) and apply its role. */
async function boardRoute(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: HttpContext,
  boardId: string,
  action: string | undefined,
  url: URL,
): Promise<void> {
  const access = await ctx.access.check(boardId, bearerOf(req) ?? url.searchParams.get("token"));
  if (!access.ok) {
    refuse(res, access);
    return;
  }
  const { role, expiresAt } = access.claims;
  if (action === undefined) {
    if (req.method !== "GET") {
      sendError(res, 405, "use GET");
      return;
    }
    return sendJson(res, 200, { id: boardId, role, expiresAt, connections: ctx.connectionCount(boardId) });
  }
  if (action === "scoring/mine") {
    await submitScores(req, res, ctx, access.claims);
    return;
  }
  if (req.method !== "POST") {
    sendError(res, 405, "use POST");
    return;
  }
  if (action === "participants") {
    const issued = ctx.participants.issue(access.claims);
    ctx.log.info("participant issued", { board: boardId, role, participant: issued.participantId });
    return sendJson(res, 201, issued);
  }
  if (role !== "facilitator") {
    sendError(res, 403, "only a facilitator can manage the board's links");
    return;
  }
  const body = await readJson(req, res);
  if (body === undefined) return;
  if (action === "scoring") {
    await scoringAction(res, ctx, boardId, body);
    return;
  }
  if (!isRole(body.role)) {
    sendError(res, 400, 'role must be "facilitator", "editor" or "viewer"');
    return;
  }
  const target: Role = body.role;
  if (action === "links") {
    const seconds = body.expiresInSeconds;
    if (seconds !== undefined && (typeof seconds !== "number" || !(seconds > 0) || seconds > MAX_LINK_SECONDS)) {
      sendError(res, 400, `expiresInSeconds must be a number of seconds from 1 to ${MAX_LINK_SECONDS}`);
      return;
    }
    const link = await ctx.access.link(boardId, target, seconds === undefined ? null : Date.now() + seconds * 1000);
    ctx.log.info("link created", { board: boardId, role: target, expiresAt: link.expiresAt });
    return sendJson(res, 201, link);
  }
  await ctx.access.revoke(boardId, target);
  ctx.log.info("links revoked", { board: boardId, role: target });
  ctx.onRevoked(boardId);
  // Revoking the facilitator links would lock the facilitator out: they get a new one at once.
  const link = target === "facilitator" ? await ctx.access.link(boardId, "facilitator", null) : undefined;
  sendJson(res, 200, { role: target, revoked: true, link });
}

/** A facilitator opens a crowd-scoring round for a segment of a map, or closes the open one. */
async function scoringAction(res: ServerResponse, ctx: HttpContext, boardId: string, body: Record<string, unknown>) {
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
async function submitScores(req: IncomingMessage, res: ServerResponse, ctx: HttpContext, claims: LinkClaims) {
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

function refuse(res: ServerResponse, refusal: Extract<AccessResult, { ok: false }>): void {
  sendJson(res, refusal.status, { error: refusal.reason, code: refusal.code });
}

function bearerOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : null;
}

/** The request's JSON object body (empty for none), or undefined once a 400 has been sent. */
async function readJson(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | undefined> {
  try {
    const text = await readBody(req);
    if (text.length === 0) return {};
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
    sendError(res, 400, "the body must be a JSON object");
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      // The rest of the body is not waited for: the connection ends with this answer.
      res.setHeader("Connection", "close");
      sendError(res, 413, error.message);
    } else sendError(res, 400, 'the body must be JSON like {"title": "…"}');
  }
  return undefined;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const take = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Dropped from here on until the answer closes the connection: a client still writing is not stuck.
        req.off("data", take);
        req.resume();
        reject(new BodyTooLarge(`the body is over ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", take);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}
