import {
  type Board,
  CloseCode,
  isCreated,
  isFinalClose,
  type JitteredReconnect,
  jitteredReconnect,
  mapsOf,
  metaOf,
  openBoard,
  type Role,
  readClaims,
  SCHEMA_PARAM,
  SCHEMA_VERSION,
  schemaVersionOf,
} from "@journeyboard/shared";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { watchLiveness } from "./liveness.js";
import { forgetParticipant, joinAsParticipant, keptParticipant } from "./participant.js";
import { applyRelayUpdatesOnce } from "./relay-updates.js";

export type LinkStatus = "connecting" | "live" | "offline";

export interface ConnectionState {
  link: LinkStatus;
  /** The board has arrived, from this browser's offline copy or from the relay. */
  loaded: boolean;
  /** Edits made while the relay could not be reached, not yet merged into it. */
  unsent: boolean;
  /** Why the relay refused the board for good (reconnecting will not help), if it did. */
  refusal: string | null;
  /** Why the relay turned this page away for now, while it tries again by itself. */
  waiting: string | null;
  /** The board was written by a newer Journeyboard: shown, but not editable here. */
  tooNew: boolean;
  /** The relay serves another version of the app: only a reload helps. */
  mustReload: boolean;
}

const ASK_AGAIN = "Ask the board's facilitator for a new link.";

/** What each close means for the person looking at the board; one that is not final is shown while the page tries again. */
export const REFUSALS: Record<number, string> = {
  [CloseCode.invalidBoardId]: "This is not a valid board link.",
  [CloseCode.tokenMissing]: `This link is incomplete: its access key is missing. ${ASK_AGAIN}`,
  [CloseCode.tokenForged]: `This link's access key is not valid (it may have been cut or changed). ${ASK_AGAIN}`,
  [CloseCode.boardNotFound]: "There is no board at this link. It may have been mistyped, or never created.",
  [CloseCode.participantRefused]:
    "The server did not recognise this browser on this board. Reload the page to join again.",
  [CloseCode.tokenWrongBoard]: `This link's access key belongs to another board. ${ASK_AGAIN}`,
  [CloseCode.originRefused]: "This server does not accept boards opened from this address.",
  [CloseCode.tokenExpired]: `This link has expired. ${ASK_AGAIN}`,
  [CloseCode.tokenRevoked]: `The facilitator has withdrawn this link. ${ASK_AGAIN}`,
  [CloseCode.boardTooLarge]: "This board has reached its size limit: no more changes can be saved.",
  [CloseCode.presenceTooLarge]: "The server refused this browser's presence data. Reload the page to reconnect.",
  [CloseCode.badMessage]: "The server refused a message from this browser. Reload the page to reconnect.",
  [CloseCode.pageOutdated]:
    "Journeyboard has been updated since this page was opened. Reload the page to keep working: your changes are kept in this browser.",
  [CloseCode.pageNewer]:
    "This page is newer than the server it talks to. Reload the page to keep working: your changes are kept in this browser.",
  [CloseCode.serverBusy]:
    "The server is busy. This page keeps trying to open the board; your changes are kept in this browser.",
  [CloseCode.addressMemoryFull]:
    "Too many large boards are open from your network. This page keeps trying to open this one; closing other boards helps.",
};

const RELOAD_CODES: readonly number[] = [CloseCode.pageOutdated, CloseCode.pageNewer];

/** Where the relay is: this page's own origin in the built app, the relay's port in development. */
export function relayUrl(): string {
  if (import.meta.env.DEV) return __DEV_RELAY__;
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`;
}

/** A connection opened as the page started (see openBoardEarly), waiting for the board's page to take it. */
let early: BoardConnection | null = null;
/** The board's page has asked for its connection: a connection opened after that would never be taken. */
let asked = false;

/**
 * Opens the board's connection as soon as the page starts, while the board's page code still loads, so
 * that joining, the WebSocket and the relay's answer overlap that wait instead of following it.
 */
export function openBoardEarly(boardId: string, token: string): void {
  if (!asked) early ??= new BoardConnection(boardId, token);
}

/** The connection for the board's page: the one opened early for this board, once, or a new one. */
export function openConnection(boardId: string, token: string): BoardConnection {
  asked = true;
  const opened = early;
  early = null;
  if (opened && opened.boardId === boardId && opened.token === token) return opened;
  opened?.destroy();
  return new BoardConnection(boardId, token);
}

/**
 * One participant's live link to a board: the shared Y.Doc, kept in this browser for offline work
 * (y-indexeddb) and synced through the relay (y-websocket). Changes made here carry `origin`, so the
 * undo manager undoes only this participant's own changes, never a remote one.
 */
export class BoardConnection {
  readonly doc = new Y.Doc();
  readonly origin = { participant: "local" };
  readonly board: Board = openBoard(this.doc, this.origin);
  readonly provider: WebsocketProvider;
  readonly undo: Y.UndoManager;
  /** The role this participant's link gives, as its token says (the relay enforces it). */
  readonly role: Role;
  /** This browser's participant credential, issued by the relay; null until then, or if it could not be had. */
  participant: string | null = null;
  private destroyed = false;
  private readonly stopWatching: () => void;
  private joining = false;
  private readonly offline: IndexeddbPersistence;
  private readonly reconnect: JitteredReconnect;
  /** The board's control document, written by facilitators (through the relay) only. */
  readonly control = new Y.Doc();
  private readonly controlProvider: WebsocketProvider;
  private readonly controlReconnect: JitteredReconnect;
  private state: ConnectionState = {
    link: "connecting",
    loaded: false,
    unsent: false,
    refusal: null,
    waiting: null,
    tooNew: false,
    mustReload: false,
  };
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly boardId: string,
    readonly token: string,
    url: string = relayUrl(),
  ) {
    this.role = readClaims(token)?.role ?? "viewer";
    this.offline = new IndexeddbPersistence(`journeyboard:${boardId}`, this.doc);
    this.reconnect = jitteredReconnect(() => this.provider);
    // The relay turns away a page built for another schema version, so old code never writes a new board.
    const params = { token, [SCHEMA_PARAM]: String(SCHEMA_VERSION) };
    // A browser that joined before shows its credential at once, so the relay binds the connection to it.
    this.participant = keptParticipant(boardId, token);
    this.provider = new WebsocketProvider(url, boardId, this.doc, {
      params: this.participant ? { ...params, participant: this.participant } : { ...params },
      connect: this.participant !== null,
      shouldReconnect: (event) => this.reconnect.shouldReconnect(event),
    });
    if (!this.participant) void this.join().then(() => this.destroyed || this.provider.connect());
    this.stopWatching = watchLiveness(this.provider, () => this.update({ link: "offline" }));
    // The facilitator-only control document (crowd-scoring rounds): everyone reads it, the relay
    // refuses writes from anyone but facilitators. Kept on the server only, so no offline copy.
    this.controlReconnect = jitteredReconnect(() => this.controlProvider);
    this.controlProvider = new WebsocketProvider(url, `${boardId}/control`, this.control, {
      params,
      disableBc: true,
      shouldReconnect: (event) => this.controlReconnect.shouldReconnect(event),
    });
    this.undo = new Y.UndoManager([mapsOf(this.doc), metaOf(this.doc)], {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: 400,
    });

    void this.offline.whenSynced.then(() => this.checkLoaded());
    metaOf(this.doc).observe(this.checkVersion);
    this.provider.on("status", ({ status }) => {
      // An open socket is not yet a live board: "Live" waits for the relay's answer to this page's sync.
      this.update({ link: status === "disconnected" ? "offline" : "connecting" });
      // Joining failed earlier (offline, the relay restarting): try again now that the relay answers.
      if (status === "connected" && !this.participant) void this.join(true);
    });
    this.provider.on("sync", (synced) => {
      // Only a sync shows the relay took this page: it may still turn a connected socket away.
      if (synced && this.provider.wsconnected) this.update({ link: "live", unsent: false, waiting: null });
      this.checkLoaded();
    });
    this.provider.on("connection-close", (event) => {
      const code = event?.code ?? 0;
      if (code === CloseCode.participantRefused) forgetParticipant(boardId, token);
      if (isFinalClose(code)) {
        this.update({
          refusal: REFUSALS[code] ?? `The server closed the board (${code}).`,
          mustReload: RELOAD_CODES.includes(code),
          link: "offline",
        });
      } else {
        this.update({ link: "offline", waiting: REFUSALS[code] ?? null });
      }
    });
    this.doc.on("update", this.noteUnsent);
    applyRelayUpdatesOnce(this.provider, this.offline._storeUpdate, [
      this.provider._updateHandler,
      this.offline._storeUpdate,
      this.noteUnsent,
    ]);
  }

  // Only this participant's own edits can be unsent: loading the offline copy, the relay's updates and
  // other tabs' (through y-websocket's broadcast channel) all arrive as remote transactions.
  private readonly noteUnsent = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (transaction.local && this.state.link !== "live") this.update({ unsent: true });
  };

  /**
   * Asks the relay for this browser's participant credential; with `rebind`, reconnects with it so the
   * relay binds the connection to it (a connection's participant is fixed when it opens).
   */
  private async join(rebind = false): Promise<void> {
    if (this.joining) return;
    this.joining = true;
    try {
      const participant = await joinAsParticipant(this.boardId, this.token);
      if (!participant || this.destroyed) return;
      this.participant = participant;
      this.provider.params.participant = participant;
      if (rebind) {
        this.provider.disconnect();
        this.provider.connect();
      }
    } finally {
      this.joining = false;
    }
  }

  getState = (): ConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.destroyed = true;
    this.stopWatching();
    this.reconnect.cancel();
    this.controlReconnect.cancel();
    this.undo.destroy();
    this.provider.destroy();
    this.controlProvider.destroy();
    this.control.destroy();
    void this.offline.destroy();
    this.doc.destroy();
  }

  private checkLoaded(): void {
    if (this.state.loaded || !isCreated(this.doc)) return;
    this.update({ loaded: true });
  }

  /** Checked on every change of the board's version, not once: a board can be migrated while open. */
  private checkVersion = (): void => {
    const tooNew = schemaVersionOf(this.doc) > SCHEMA_VERSION;
    if (tooNew !== this.state.tooNew) this.update({ tooNew });
  };

  private update(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
