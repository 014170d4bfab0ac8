import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { BoardAddress } from "./protocol.js";

/** A real client of a board: the stock provider of the server it talks to, over the `ws` package. */
export interface BoardClient {
  doc: Y.Doc;
  synced: Promise<void>;
  destroy(): void;
}

export function openClient(board: BoardAddress, doc = new Y.Doc()): BoardClient {
  if (board.kind === "hocuspocus") {
    let resolve: () => void = () => undefined;
    const synced = new Promise<void>((done) => {
      resolve = done;
    });
    // One socket per client, as each participant's page has its own.
    const socket = new HocuspocusProviderWebsocket({ url: board.serverUrl, WebSocketPolyfill: WebSocket });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: board.room,
      document: doc,
      onSynced: () => resolve(),
    });
    provider.attach();
    const close = () => {
      provider.destroy();
      socket.destroy();
    };
    return { doc, synced, destroy: () => destroy(doc, close) };
  }
  const provider = new WebsocketProvider(board.serverUrl, board.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: board.params,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on("sync", (state: boolean) => {
      if (state) resolve();
    });
  });
  return { doc, synced, destroy: () => destroy(doc, () => provider.destroy()) };
}

function destroy(doc: Y.Doc, provider: () => void): void {
  provider();
  doc.destroy();
}

/** Rejects after `ms` with `what`, unless `promise` settles first. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
