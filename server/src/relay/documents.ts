import { canEdit, isValidBoardId, type Role } from "@journeyboard/shared";
import { requestUrl } from "../request-url.js";

/**
 * Each board has two documents: its content, which facilitators and editors write, and its control
 * document (walk-through, timer, votes, locks), which only facilitators write. Everyone on the board
 * may read both. A stock y-websocket client reaches them at /<boardId> and /<boardId>/control.
 * A third, the participants' private notes before a reveal, is the relay's alone: no path reaches it.
 */
export type DocKind = "board" | "control" | "private";

export interface DocRef {
  boardId: string;
  kind: DocKind;
}

/** The name a document is stored and kept in memory under. */
export function docName(ref: DocRef): string {
  return ref.kind === "board" ? ref.boardId : `${ref.boardId}.${ref.kind}`;
}

export function parseDocPath(url: string | undefined): DocRef | undefined {
  const path = requestUrl(url)?.pathname;
  if (path === undefined) return undefined;
  const [boardId, kind, ...rest] = path.slice(1).split("/");
  if (boardId === undefined || !isValidBoardId(boardId) || rest.length > 0) return undefined;
  if (kind === undefined) return { boardId, kind: "board" };
  return kind === "control" ? { boardId, kind: "control" } : undefined;
}

export function mayWrite(role: Role, kind: DocKind): boolean {
  if (kind === "private") return false;
  return kind === "control" ? role === "facilitator" : canEdit(role);
}
