/** Limits and close codes shared by the relay and the client. */

/** Board ids: URL-safe, bounded, never used as a path. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function isValidBoardId(id: string): boolean {
  return BOARD_ID_PATTERN.test(id);
}

/** The most characters a note's text may hold; the editor stops there and the model clamps to it. */
export const MAX_NOTE_TEXT = 4000;
/** The most characters a stage, lane or board title may hold. */
export const MAX_TITLE = 120;

/**
 * WebSocket close codes the relay sends. 4000-4999 is the range RFC 6455 leaves to applications;
 * the client reads them to tell the user what happened and whether to reconnect.
 */
export const CloseCode = {
  invalidBoardId: 4400,
  boardNotFound: 4404,
  badMessage: 4422,
  serverError: 4500,
  shuttingDown: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which reconnecting cannot help. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.invalidBoardId, CloseCode.boardNotFound]);

/** What `POST /api/boards` answers. */
export interface CreatedBoard {
  id: string;
  /** Path of the board page, relative to the app's origin. */
  url: string;
}
