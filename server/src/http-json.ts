import type { IncomingMessage, ServerResponse } from "node:http";
import type { AccessResult } from "./auth/access.js";

/** JSON in and out of the HTTP API: bodies read within a bound, answers and refusals sent as JSON. */

const MAX_BODY_BYTES = 4096;

export function refuse(res: ServerResponse, refusal: Extract<AccessResult, { ok: false }>): void {
  sendJson(res, refusal.status, { error: refusal.reason, code: refusal.code });
}

export function bearerOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7).trim() : null;
}

/**
 * The request's JSON object body (empty for none), or undefined once a refusal has been sent. Only a
 * request that says it is JSON is read: a page on another site can send text/plain or a form in its
 * visitors' browsers without asking, but never application/json.
 */
export async function readJson(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Record<string, unknown> | undefined> {
  const type = req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    sendError(res, 415, 'send the body as JSON, with "Content-Type: application/json"');
    return undefined;
  }
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

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  res.end(JSON.stringify(body));
}

export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}
