import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isRole, isValidBoardId, type Role } from "@journeyboard/shared";
import sirv from "sirv";
import type { Access } from "./auth/access.js";
import type { Participants } from "./auth/participants.js";
import { createBoard, type ImportSlots } from "./board-create.js";
import { exportRoute } from "./board-export.js";
import type { BoardQueue } from "./board-queue.js";
import type { CreationLimit } from "./creation-limit.js";
import type { FloodLog } from "./flood-log.js";
import { bearerOf, readJson, refuse, sendError, sendJson } from "./http-json.js";
import { locksAction } from "./locks-routes.js";
import type { Logger } from "./log.js";
import type { Metrics } from "./metrics.js";
import type { PrivateWritings } from "./private-writing.js";
import { privateNoteAction, privateWritingAction } from "./private-writing-routes.js";
import type { Readiness } from "./readiness.js";
import type { Rooms } from "./relay/rooms.js";
import { requestUrl } from "./request-url.js";
import type { RunSheets } from "./run-sheet.js";
import { runSheetAction } from "./run-sheet-routes.js";
import type { Scoring } from "./scoring.js";
import { scoringAction, submitScores } from "./scoring-routes.js";
import type { Templates } from "./templates.js";
import { relayTime, timerAction } from "./timer.js";
import type { Voting } from "./voting.js";
import { type DotRate, dotAction, votingAction } from "./voting-routes.js";
import type { Walkthroughs } from "./walkthrough.js";
import { submitFeedback, walkthroughAction } from "./walkthrough-routes.js";

export interface HttpContext {
  rooms: Rooms;
  scoring: Scoring;
  voting: Voting;
  /** Dot actions per participant per second. */
  dotRate: DotRate;
  walkthroughs: Walkthroughs;
  privateWritings: PrivateWritings;
  runSheets: RunSheets;
  /** The board's one queue of facilitation operations (the timer's, outside the features above). */
  facilitation: BoardQueue;
  /** Private note actions per participant per second. */
  privateNoteRate: DotRate;
  /** Whether the store takes writes, for GET /readyz. */
  readiness: Readiness;
  access: Access;
  participants: Participants;
  log: Logger;
  metrics: Metrics;
  clientDir: string;
  metricsToken: string | undefined;
  /** How many boards each address, and everyone, may create. */
  creations: CreationLimit;
  creationRefusals: FloodLog;
  /** Boards refused from a file or a template, logged a line a second at most. */
  importRefusals: FloodLog;
  /** Files being read at once (POST /api/boards bodies past the plain limit), and the largest one. */
  importSlots: ImportSlots;
  maxImportBytes: number;
  templates: Templates;
  /** Proxies in front that append to X-Forwarded-For (0: count the socket's address). */
  trustedProxyHops: number;
  connectionCount: (boardId?: string) => number;
  /** Disconnects, within the second, every connection whose link a revocation turned away. */
  onRevoked: (boardId: string) => void;
}

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
    if (path === "/readyz") return void readyz(req, res, ctx);
    if (path === "/api/time") return relayTime(req, res);
    if (path === "/metrics") return metrics(req, res, ctx);
    if (path === "/api/boards") {
      if (req.method !== "POST") {
        sendError(res, 405, "use POST to create a board");
        return;
      }
      return void createBoard(req, res, ctx);
    }
    const board =
      /^\/api\/boards\/([^/]+)(?:\/(links|revoke|participants|scoring|scoring\/mine|timer|voting|voting\/dots|walkthrough|feedback|private|private\/notes|locks|runsheet|export\.json|export\.csv))?$/.exec(
        path,
      );
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

/** Readiness for a load balancer: 503 with the reason while the store takes no writes (/healthz is liveness). */
async function readyz(req: IncomingMessage, res: ServerResponse, ctx: HttpContext): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendError(res, 405, "use GET");
    return;
  }
  const problem = await ctx.readiness.problem();
  if (problem === undefined) sendJson(res, 200, { status: "ready" });
  else sendJson(res, 503, { status: "unavailable", reason: `the store takes no writes: ${problem}` });
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

/** What each facilitator-only action is, for the refusal others get. */
const FACILITATOR_ONLY: Record<string, string> = {
  timer: "run the timer",
  walkthrough: "run the walk-through",
  scoring: "run crowd scoring",
  private: "start or reveal private writing",
  locks: "lock parts of the board",
  runsheet: "run the run-sheet",
};

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
  if (action === "feedback") {
    await submitFeedback(req, res, ctx, access.claims);
    return;
  }
  if (action === "export.json" || action === "export.csv") {
    if (req.method !== "GET") {
      sendError(res, 405, "use GET");
      return;
    }
    await exportRoute(res, ctx, access.claims, action === "export.json" ? "json" : "csv", url);
    return;
  }
  if (req.method !== "POST") {
    sendError(res, 405, "use POST");
    return;
  }
  if (action === "voting/dots") {
    await dotAction(req, res, ctx, access.claims);
    return;
  }
  if (action === "private/notes") {
    await privateNoteAction(req, res, ctx, access.claims);
    return;
  }
  if (action === "voting") {
    await votingAction(req, res, ctx, access.claims);
    return;
  }
  if (action === "participants") {
    const issued = ctx.participants.issue(access.claims);
    ctx.log.info("participant issued", { board: boardId, role, participant: issued.participantId });
    return sendJson(res, 201, issued);
  }
  if (role !== "facilitator") {
    const what = FACILITATOR_ONLY[action] ?? "manage the board's links";
    ctx.log.warn("facilitator action refused", { board: boardId, role, action, reason: "not a facilitator" });
    sendError(res, 403, `only a facilitator can ${what}`);
    return;
  }
  const body = await readJson(req, res);
  if (body === undefined) return;
  if (action === "scoring") {
    await scoringAction(res, ctx, boardId, body);
    return;
  }
  if (action === "timer") {
    await timerAction(res, ctx, boardId, body);
    return;
  }
  if (action === "walkthrough") {
    await walkthroughAction(res, ctx, boardId, body);
    return;
  }
  if (action === "private") {
    await privateWritingAction(res, ctx, boardId, body);
    return;
  }
  if (action === "locks") {
    await locksAction(res, ctx, boardId, body);
    return;
  }
  if (action === "runsheet") {
    await runSheetAction(res, ctx, boardId, body);
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
