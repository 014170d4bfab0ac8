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
/** The most characters a participant's display name may hold, on their cursor and on the notes they add. */
export const MAX_NAME = 40;

/**
 * The most structs (items) one update may hold before the relay refuses it, by default (the relay's
 * MAX_UPDATE_ITEMS). The client checks a map it is about to add from a file against it.
 */
export const MAX_UPDATE_ITEMS = 200_000;

/**
 * WebSocket close codes the relay sends. 4000-4999 is the range RFC 6455 leaves to applications. As the
 * stock y-websocket client reads them, 4400-4499 are final (reconnecting cannot help: the client stops)
 * and every other code is worth another try after a backoff. The client reads them to tell the user
 * what happened.
 */
export const CloseCode = {
  invalidBoardId: 4400,
  /** No token in the link. */
  tokenMissing: 4401,
  /** The token's signature does not match: forged or damaged. */
  tokenForged: 4403,
  boardNotFound: 4404,
  /** The participant credential was not issued by this relay for this board and this link's role. */
  participantRefused: 4405,
  /** A valid token, but for another board. */
  tokenWrongBoard: 4406,
  /** The page's origin is not one the server accepts connections from. */
  originRefused: 4407,
  /** The link has expired. */
  tokenExpired: 4410,
  /** The facilitator revoked the links of this role. */
  tokenRevoked: 4411,
  /** The board reached its size limit: no more edits are accepted. */
  boardTooLarge: 4413,
  /** A presence (awareness) update over the size limit. */
  presenceTooLarge: 4414,
  badMessage: 4422,
  /** The page runs an older version of the board's schema than the server: it must reload. */
  pageOutdated: 4426,
  /** The page runs a newer version than the server (a server rolled back): it must reload. */
  pageNewer: 4427,
  serverError: 4500,
  shuttingDown: 4503,
  /** This client could not keep up with the board's updates; it reconnects and resyncs. */
  resync: 4508,
  /** The board has as many connections as it takes; try again later. */
  boardFull: 4513,
  tooManyMessages: 4529,
  tooManyConnectionsFromAddress: 4530,
  /** The server holds as many boards in memory as it may; try again later. */
  serverBusy: 4531,
  tooManyPresenceUpdates: 4532,
  /** The boards this address opened take all the memory one address may use; try again once some are closed. */
  addressMemoryFull: 4533,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which reconnecting cannot help (the y-websocket convention: 4400-4499). */
export function isFinalClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/**
 * The WebSocket parameter in which a page declares the schema version it was built for. A client that
 * declares none (a stock y-websocket client, a script) is served as today; the relay's repair pass keeps
 * the board readable whatever it writes.
 */
export const SCHEMA_PARAM = "schema";

/** Participants' roles on a board, carried by the link they were given. */
export const ROLES = ["facilitator", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether a role may change the board's content. */
export function canEdit(role: Role): boolean {
  return role !== "viewer";
}

/** A share link: the board page with a signed token for one role. */
export interface ShareLink {
  role: Role;
  /** Path of the board page with its token, relative to the app's origin. */
  url: string;
  token: string;
  /** When the link stops working (ms since the epoch), or null for never. */
  expiresAt: number | null;
}

/** What `POST /api/boards` answers: the new board and its facilitator link. */
export interface CreatedBoard {
  id: string;
  /** The facilitator link's path. */
  url: string;
  link: ShareLink;
}
