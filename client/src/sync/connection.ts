import {
  type Board,
  CloseCode,
  FINAL_CLOSE_CODES,
  isCreated,
  mapsOf,
  metaOf,
  openBoard,
  SCHEMA_VERSION,
  schemaVersionOf,
} from "@journeyboard/shared";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export type LinkStatus = "connecting" | "live" | "offline";

export interface ConnectionState {
  link: LinkStatus;
  /** The board has arrived, from this browser's offline copy or from the relay. */
  loaded: boolean;
  /** Edits made while the relay could not be reached, not yet merged into it. */
  unsent: boolean;
  /** Why the relay refused the board for good (reconnecting will not help), if it did. */
  refusal: string | null;
  /** The board was written by a newer Journeyboard: shown, but not editable here. */
  tooNew: boolean;
}

const REFUSALS: Record<number, string> = {
  [CloseCode.invalidBoardId]: "This is not a valid board link.",
  [CloseCode.boardNotFound]: "There is no board at this link. It may have been mistyped, or never created.",
  [CloseCode.badMessage]: "The server refused a message from this browser. Reload the page to reconnect.",
};

/** Where the relay is: this page's own origin in the built app, the relay's port in development. */
export function relayUrl(): string {
  if (import.meta.env.DEV) return __DEV_RELAY__;
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`;
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
  private readonly offline: IndexeddbPersistence;
  private state: ConnectionState = { link: "connecting", loaded: false, unsent: false, refusal: null, tooNew: false };
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly boardId: string,
    url: string = relayUrl(),
  ) {
    this.offline = new IndexeddbPersistence(`journeyboard:${boardId}`, this.doc);
    this.provider = new WebsocketProvider(url, boardId, this.doc, { maxBackoffTime: 5000 });
    this.undo = new Y.UndoManager([mapsOf(this.doc), metaOf(this.doc)], {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: 400,
    });

    void this.offline.whenSynced.then(() => this.checkLoaded());
    this.provider.on("status", ({ status }) => {
      this.update({ link: status === "connected" ? "live" : status === "connecting" ? "connecting" : "offline" });
    });
    this.provider.on("sync", (synced) => {
      if (synced) this.update({ unsent: false });
      this.checkLoaded();
    });
    this.provider.on("connection-close", (event) => {
      const code = event?.code ?? 0;
      if (FINAL_CLOSE_CODES.has(code) || code === CloseCode.badMessage) {
        this.update({ refusal: REFUSALS[code] ?? `The server closed the board (${code}).`, link: "offline" });
      } else {
        this.update({ link: "offline" });
      }
    });
    this.doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin !== this.provider && this.state.link !== "live") this.update({ unsent: true });
    });
  }

  getState = (): ConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.undo.destroy();
    this.provider.destroy();
    void this.offline.destroy();
    this.doc.destroy();
  }

  private checkLoaded(): void {
    if (this.state.loaded || !isCreated(this.doc)) return;
    this.update({ loaded: true, tooNew: schemaVersionOf(this.doc) > SCHEMA_VERSION });
  }

  private update(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
