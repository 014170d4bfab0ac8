import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CreatedBoard } from "@journeyboard/shared";
import sirv from "sirv";
import type { Logger } from "./log.js";
import type { Rooms } from "./relay/rooms.js";

export interface HttpContext {
  rooms: Rooms;
  log: Logger;
  clientDir: string;
  connectionCount: () => number;
}

const MAX_BODY_BYTES = 4096;

/** The HTTP side of the app: health, the boards API, and the built client (its routes fall back to index.html). */
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
    const path = new URL(req.url ?? "/", "http://app").pathname;
    if (path === "/healthz") {
      if (req.method !== "GET" && req.method !== "HEAD") return sendError(res, 405, "use GET");
      return sendJson(res, 200, { status: "ok", boards: ctx.rooms.size, connections: ctx.connectionCount() });
    }
    if (path === "/api/boards") {
      if (req.method !== "POST") return sendError(res, 405, "use POST to create a board");
      return void createBoard(req, res, ctx);
    }
    if (path.startsWith("/api/")) return sendError(res, 404, "no such endpoint");
    if (client && (req.method === "GET" || req.method === "HEAD")) return client(req, res);
    sendError(res, 404, "not found");
  };
}

async function createBoard(req: IncomingMessage, res: ServerResponse, ctx: HttpContext): Promise<void> {
  let title: string | undefined;
  try {
    const body = await readBody(req);
    if (body.length > 0) {
      const parsed: unknown = JSON.parse(body);
      const raw = typeof parsed === "object" && parsed !== null ? (parsed as { title?: unknown }).title : undefined;
      if (raw !== undefined && typeof raw !== "string") return sendError(res, 400, "title must be a string");
      title = raw;
    }
  } catch (error) {
    return sendError(
      res,
      400,
      error instanceof BodyTooLarge ? error.message : 'the body must be JSON like {"title": "…"}',
    );
  }
  try {
    const id = await ctx.rooms.create(title);
    const created: CreatedBoard = { id, url: `/b/${id}` };
    sendJson(res, 201, created);
  } catch (error) {
    ctx.log.error("board create failed", { reason: error });
    sendError(res, 500, "the board could not be created; try again");
  }
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge(`the body is over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}
