import type { ServerResponse } from "node:http";
import type { LinkClaims } from "@journeyboard/shared";
import { type BoardFile, boardFileJson, crowdCsv, exportBoard, notesCsv } from "@journeyboard/shared/file";
import * as Y from "yjs";
import type { HttpContext } from "./http.js";
import { sendError } from "./http-json.js";

/**
 * GET /api/boards/<id>/export.json and export.csv (`?table=notes`, the default, or `?table=crowd`): the
 * board as its link's role may see it, made by exportBoard from the relay's own copy of the board and its
 * control document, never from a client. No role's export holds what the documents do not: private notes
 * before a reveal (the relay's own document), the dots of a vote still open, anyone's crowd scores kept
 * private. A viewer's export leaves out the scores people shared by name too: viewer links are the ones
 * handed out widely, and those scores were shared with the workshop, not with everyone who may read it.
 */
export async function exportRoute(
  res: ServerResponse,
  ctx: HttpContext,
  claims: LinkClaims,
  format: "json" | "csv",
  url: URL,
): Promise<void> {
  const table = url.searchParams.get("table") ?? "notes";
  if (format === "csv" && table !== "notes" && table !== "crowd") {
    sendError(res, 400, "table must be notes or crowd");
    return;
  }
  const file = forRole(await boardFileOf(ctx, claims.boardId), claims.role);
  const name = fileName(file.board.title);
  const [body, type, ending] =
    format === "json"
      ? [boardFileJson(file), "application/json", "journeyboard.json"]
      : [table === "crowd" ? crowdCsv(file) : notesCsv(file), "text/csv", `${table}.csv`];
  ctx.log.info("board exported", { board: claims.boardId, role: claims.role, format, table });
  res.writeHead(200, {
    "Content-Type": `${type}; charset=utf-8`,
    "Content-Disposition": `attachment; filename="${name}.${ending}"`,
    "Cache-Control": "no-store",
  });
  res.end(body);
}

/** The board's file from the relay's documents (loaded for the export if nobody is on the board). */
export async function boardFileOf(ctx: Pick<HttpContext, "rooms">, boardId: string): Promise<BoardFile> {
  const board = new Y.Doc();
  const control = new Y.Doc();
  try {
    Y.applyUpdate(board, await ctx.rooms.change({ boardId, kind: "board" }, (room) => Y.encodeStateAsUpdate(room.doc)));
    Y.applyUpdate(
      control,
      await ctx.rooms.change({ boardId, kind: "control" }, (room) => Y.encodeStateAsUpdate(room.doc)),
    );
    return exportBoard(board, control);
  } finally {
    board.destroy();
    control.destroy();
  }
}

/** What a role's export holds (see above): everything for facilitators and editors, no named scores for viewers. */
export function forRole(file: BoardFile, role: LinkClaims["role"]): BoardFile {
  if (role !== "viewer") return file;
  return {
    ...file,
    maps: file.maps.map((map) => ({ ...map, crowd: map.crowd.map((result) => ({ ...result, shared: [] })) })),
  };
}

/** A file name from the board's title: letters, digits and dashes only, so no header or path can be broken. */
function fileName(title: string): string {
  const name = title
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return name || "board";
}
