import type { IncomingMessage, ServerResponse } from "node:http";
import { type CreatedBoard, DEFAULT_TEMPLATE, isBoardTemplate } from "@journeyboard/shared";
import { type BoardFile, parseBoardFile } from "@journeyboard/shared/file";
import { clientAddress } from "./client-address.js";
import type { HttpContext } from "./http.js";
import { sendError, sendJson } from "./http-json.js";
import { BoardTooLarge } from "./relay/rooms.js";

/**
 * POST /api/boards: a new board, from the method's journey (no body, or `{"title"}`), from a template
 * (`{"template": "blank"}`) or from a Journeyboard file (the file itself as the body). A body of up to
 * PLAIN_BODY_BYTES is read as any other; a longer one can only be a file, so before more of it is read
 * it takes one of the few import slots (each may hold up to MAX_IMPORT_BYTES) and counts as a creation.
 * A file is checked whole (parseBoardFile, on the text, so size and nesting are checked before parsing)
 * before anything is stored; a refusal names the field.
 */

const PLAIN_BODY_BYTES = 4096;

/** How many long bodies (files being imported) are read at once. */
export class ImportSlots {
  private taken = 0;

  constructor(private readonly max: number) {}

  take(): boolean {
    if (this.taken >= this.max) return false;
    this.taken++;
    return true;
  }

  give(): void {
    this.taken--;
  }
}

interface Refusal {
  status: number;
  message: string;
  field?: string;
  retryAfterSeconds?: number;
}

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export async function createBoard(req: IncomingMessage, res: ServerResponse, ctx: HttpContext): Promise<void> {
  const remote = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, ctx.trustedProxyHops);
  const type = req.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    // A page on another site can send text/plain or a form in its visitors' browsers without asking.
    sendError(res, 415, 'send the body as JSON, with "Content-Type: application/json"');
    return;
  }
  let slot = false;
  try {
    const body = await readCreationBody(req, ctx, remote, () => {
      slot = true;
    });
    // Long in bytes, as it was counted while read (its characters may be fewer).
    const file = slot ? fileFrom(parseBoardFile(body), true) : await smallBody(body, ctx);
    if (!slot) takeCreation(ctx, remote);
    const id = await (file.file ? ctx.rooms.createFrom(file.file, file.source) : ctx.rooms.create(file.title)).catch(
      (error: unknown) => {
        if (error instanceof BoardTooLarge) throw new Refused({ status: 413, message: error.message });
        throw error;
      },
    );
    const link = await ctx.access.link(id, "facilitator", null);
    const created: CreatedBoard = { id, url: link.url, link };
    sendJson(res, 201, created);
  } catch (error) {
    if (!(error instanceof Refused)) {
      ctx.log.error("board create failed", { reason: error });
      sendError(res, 500, "the board could not be created; try again");
      return;
    }
    const { status, message, field, retryAfterSeconds } = error.refusal;
    if (status === 429) {
      ctx.metrics.creationsRefused++;
      ctx.creationRefusals.note("too many boards created", { remote });
    } else ctx.importRefusals.note(message, { remote, status, field });
    if (retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(retryAfterSeconds));
    // A body not read to its end is not waited for: the connection ends with this answer.
    if (status === 413 || status === 503) res.setHeader("Connection", "close");
    sendJson(res, status, field === undefined ? { error: message } : { error: message, field });
  } finally {
    if (slot) ctx.importSlots.give();
  }
}

/** A board to make from a file, or (no file) the method's journey made afresh, as boards always were. */
type Source = { file: BoardFile; source: string } | { file?: undefined; title: string | undefined };

/** A short body: the method's journey (the default) or another template, or a small file. */
async function smallBody(text: string, ctx: HttpContext): Promise<Source> {
  let body: unknown = {};
  try {
    if (text.length > 0) body = JSON.parse(text);
  } catch {
    throw new Refused({ status: 400, message: 'the body must be JSON like {"title": "…"}' });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new Refused({ status: 400, message: "the body must be a JSON object" });
  }
  if ("format" in body) return fileFrom(parseBoardFile(body), false);
  const { title, template = DEFAULT_TEMPLATE } = body as Record<string, unknown>;
  if (title !== undefined && typeof title !== "string") {
    throw new Refused({ status: 400, message: "title must be a string", field: "title" });
  }
  if (!isBoardTemplate(template)) {
    throw new Refused({
      status: 400,
      message: "template must be journey, blank, service or workshop",
      field: "template",
    });
  }
  if (template === DEFAULT_TEMPLATE) return { title };
  return { file: await ctx.templates.board(template, title), source: `template ${template}` };
}

function fileFrom(parsed: ReturnType<typeof parseBoardFile>, long: boolean): Source {
  if (parsed.ok) return { file: parsed.file, source: "file" };
  const field = parsed.issues[0]?.path ?? "";
  if (long && field === "format") {
    throw new Refused({
      status: 413,
      message: `the body is over ${PLAIN_BODY_BYTES} bytes: only a Journeyboard file may be longer`,
    });
  }
  throw new Refused({ status: 400, message: `the file cannot be imported: ${parsed.message}`, field });
}

function takeCreation(ctx: HttpContext, remote: string): void {
  const allowed = ctx.creations.take(remote);
  if (!allowed.ok) {
    throw new Refused({
      status: 429,
      message: "too many boards created: try again later",
      retryAfterSeconds: allowed.retryAfterSeconds,
    });
  }
}

/**
 * The body's text, up to MAX_IMPORT_BYTES. Past PLAIN_BODY_BYTES it takes an import slot (`onSlot` is
 * told, so that it is given back) and a creation; a refusal stops reading at once.
 */
function readCreationBody(req: IncomingMessage, ctx: HttpContext, remote: string, onSlot: () => void): Promise<string> {
  const max = ctx.maxImportBytes;
  const tooLarge = () => new Refused({ status: 413, message: `the body is over ${max} bytes` });
  if (Number(req.headers["content-length"] ?? 0) > max) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const stop = (refusal: Refused) => {
      // Dropped from here on until the answer closes the connection: a client still writing is not stuck.
      req.off("data", take);
      req.resume();
      reject(refusal);
    };
    const take = (chunk: Buffer) => {
      const before = size;
      size += chunk.length;
      if (size > max) return stop(tooLarge());
      if (before <= PLAIN_BODY_BYTES && size > PLAIN_BODY_BYTES) {
        if (!ctx.importSlots.take()) {
          return stop(
            new Refused({
              status: 503,
              message: "the server is reading other files: try again in a moment",
              retryAfterSeconds: 1,
            }),
          );
        }
        onSlot();
        ctx.log.debug("board file reading", { remote, contentLength: req.headers["content-length"] });
        try {
          takeCreation(ctx, remote);
        } catch (error) {
          return stop(error as Refused);
        }
      }
      chunks.push(chunk);
    };
    req.on("data", take);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
