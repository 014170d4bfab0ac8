import type { IncomingMessage, ServerResponse } from "node:http";
import { canEdit, cleanPrivateAuthor, type LinkClaims } from "@journeyboard/shared";
import type { HttpContext } from "./http.js";
import { readJson, sendError, sendJson } from "./http-json.js";
import { type PrivateNoteAction, PrivateWritingError } from "./private-writing.js";

/** The private-writing endpoints: the facilitator starts and reveals; participants keep their own notes. */

const MAX_ID = 64;

/** A facilitator's private-writing action (the caller has checked the role). */
export async function privateWritingAction(
  res: ServerResponse,
  ctx: HttpContext,
  boardId: string,
  body: Record<string, unknown>,
) {
  const { action, mapId, scope, stageId } = body;
  try {
    if (action === "start" && typeof mapId === "string" && (scope === "board" || scope === "stage")) {
      const stage = typeof stageId === "string" ? stageId : null;
      sendJson(res, 201, await ctx.privateWritings.start(boardId, mapId, scope, stage));
    } else if (action === "reveal") {
      sendJson(res, 200, await ctx.privateWritings.reveal(boardId));
    } else {
      sendError(
        res,
        400,
        'send {"action": "start", "mapId", "scope": "board" | "stage", "stageId"?} or {"action": "reveal"}',
      );
    }
  } catch (error) {
    if (!(error instanceof PrivateWritingError)) throw error;
    sendError(res, 409, error.message);
  }
}

/**
 * A participant's own private notes: created, edited, deleted or listed. Who they are comes from their
 * relay-issued credential and live connection, never from the request's say-so; the answer holds their
 * own notes only.
 */
export async function privateNoteAction(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: HttpContext,
  claims: LinkClaims,
) {
  const { boardId } = claims;
  if (!canEdit(claims.role)) {
    sendError(res, 403, "viewers watch: only facilitators and editors write notes");
    return;
  }
  const body = await readJson(req, res);
  if (body === undefined) return;
  const request = privateRequest(body);
  if (!request) {
    sendError(
      res,
      400,
      'send {participant: credential, action: "create" | "edit" | "delete" | "list", noteId?, note?: {cell, x, y, kind, text}, name?, color?}',
    );
    return;
  }
  const identified = ctx.participants.identify(claims, body.participant);
  if (!identified.ok) {
    ctx.log.warn("private note refused", { board: boardId, role: claims.role, reason: identified.reason });
    sendError(res, identified.status, identified.reason);
    return;
  }
  const { participantId } = identified;
  if (!ctx.privateNoteRate.take(participantId)) {
    ctx.log.warn("private note refused", { board: boardId, participant: participantId, reason: "too many actions" });
    res.setHeader("Retry-After", "1");
    sendError(res, 429, "too many private note actions: slow down");
    return;
  }
  try {
    sendJson(res, 200, { notes: await ctx.privateWritings.note(boardId, participantId, request) });
  } catch (error) {
    if (!(error instanceof PrivateWritingError)) throw error;
    sendError(res, 409, error.message);
  }
}

function privateRequest(body: Record<string, unknown>): PrivateNoteAction | undefined {
  const { action, noteId, note } = body;
  if (action === "list") return { action };
  const fields = typeof note === "object" && note !== null ? (note as Record<string, unknown>) : undefined;
  if (action === "create" && fields) {
    const author = typeof body.name === "string" ? cleanPrivateAuthor(body.name, body.color) : undefined;
    return { action, fields, author };
  }
  if (typeof noteId !== "string" || noteId.length === 0 || noteId.length > MAX_ID) return undefined;
  if (action === "edit" && fields) return { action, noteId, fields };
  if (action === "delete") return { action, noteId };
  return undefined;
}
