import type { ServerResponse } from "node:http";
import { cleanStep, newId } from "@journeyboard/shared";
import type { HttpContext } from "./http.js";
import { sendError, sendJson } from "./http-json.js";
import { type AgendaEdit, RunSheetError } from "./run-sheet.js";

/** The run-sheet endpoint: the facilitator edits the agenda, starts a step, finishes the session. */

const USAGE =
  'send {"action": "default", "mapId"}, {"action": "add", "step", "at"?}, {"action": "edit", "stepId", "step"}, ' +
  '{"action": "move", "stepId", "to"}, {"action": "remove", "stepId"}, {"action": "start", "stepId", "from": stepId or null}, ' +
  'or {"action": "finish", "from": stepId}; a step is {"title", "mapId", "stageId"?, "view"?: "map" | "compare" | "summary", ' +
  '"timeBoxMinutes", "mode": "write" | "vote" | "discuss" | "walk", "round"?, "locks"?: {"structure", "stages"}}';

const MAX_ID = 64;
const isId = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && value.length <= MAX_ID;

/** A facilitator's run-sheet action (the caller has checked the role; the body is bounded in size). */
export async function runSheetAction(
  res: ServerResponse,
  ctx: HttpContext,
  boardId: string,
  body: Record<string, unknown>,
) {
  const { action, stepId } = body;
  const from = body.from === null ? null : isId(body.from) ? body.from : undefined;
  try {
    if (action === "start" && isId(stepId) && from !== undefined) {
      sendJson(res, 200, await ctx.runSheets.start(boardId, stepId, from));
    } else if (action === "finish" && from !== undefined) {
      sendJson(res, 200, await ctx.runSheets.finish(boardId, from));
    } else {
      const edit = agendaEdit(body);
      if (typeof edit === "string") {
        sendError(res, 400, edit);
        return;
      }
      sendJson(res, 200, await ctx.runSheets.edit(boardId, edit));
    }
  } catch (error) {
    if (!(error instanceof RunSheetError)) throw error;
    ctx.log.info("run-sheet action refused", { board: boardId, action: String(action), reason: error.message });
    sendError(res, 409, error.message);
  }
}

/** An agenda change from a request, its step checked and bounded before any work; or why not. */
function agendaEdit(body: Record<string, unknown>): AgendaEdit | string {
  const { action, mapId, stepId, step, at, to } = body;
  if (action === "default" && isId(mapId)) return { action, mapId };
  if ((action === "move" || action === "remove") && isId(stepId)) {
    if (action === "remove") return { action, stepId };
    if (typeof to === "number" && Number.isFinite(to)) return { action, stepId, to };
  }
  if ((action === "add" || (action === "edit" && isId(stepId))) && typeof step === "object" && step !== null) {
    const cleaned = cleanStep(step as Record<string, unknown>, action === "edit" ? (stepId as string) : newId());
    if (typeof cleaned === "string") return cleaned;
    if (action === "edit") return { action, step: cleaned };
    if (at === undefined || at === null || (typeof at === "number" && Number.isFinite(at)))
      return { action, step: cleaned, at: typeof at === "number" ? Math.round(at) : null };
  }
  return USAGE;
}
