import * as decoding from "lib0/decoding";
import { messageYjsSyncStep2, messageYjsUpdate } from "y-protocols/sync";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void;
type Decoder = Parameters<WebsocketProvider["messageHandlers"][number]>[1];

/** y-websocket's sync message (its handler reads the sync step or update that follows). */
const SYNC_MESSAGE = 0;

/** The update a sync message carries (a sync step 2 or an update), read without moving the decoder; else null. */
function carriedUpdate(decoder: Decoder): Uint8Array | null {
  const ahead = decoding.clone(decoder);
  try {
    const kind = decoding.readVarUint(ahead);
    return kind === messageYjsSyncStep2 || kind === messageYjsUpdate ? decoding.readVarUint8Array(ahead) : null;
  } catch {
    // A truncated message: y-websocket's own handler reports it.
    return null;
  }
}

/**
 * Applies what the relay sends without Yjs encoding it again. Yjs encodes every transaction for the
 * document's "update" listeners, and those here (the relay link, which sends nothing back of the relay's
 * own updates; the offline copy; the unsent-edits flag, which looks at local edits) only need the bytes
 * that arrived: for a 10,000-note board that encoding was a quarter of applying it. The listeners are
 * set aside while a received update is applied, the offline copy then stores the bytes received, and a
 * local edit made meanwhile (by an observer) is handed to them as one update.
 */
export function applyRelayUpdatesOnce(
  provider: WebsocketProvider,
  store: (update: Uint8Array, origin: unknown) => void,
  listeners: readonly UpdateListener[],
): void {
  const doc = provider.doc;
  const apply = provider.messageHandlers[SYNC_MESSAGE];
  if (!apply) return;
  provider.messageHandlers[SYNC_MESSAGE] = (encoder, decoder, from, emitSynced, messageType) => {
    const update = carriedUpdate(decoder);
    if (!update) {
      apply(encoder, decoder, from, emitSynced, messageType);
      return;
    }
    const ownClock = Y.getState(doc.store, doc.clientID);
    let localEdit: Y.Transaction | null = null;
    const watch = (transaction: Y.Transaction) => {
      if (transaction.origin !== provider) localEdit = transaction;
    };
    for (const listener of listeners) doc.off("update", listener);
    doc.on("afterTransaction", watch);
    try {
      apply(encoder, decoder, from, emitSynced, messageType);
    } finally {
      doc.off("afterTransaction", watch);
      for (const listener of listeners) doc.on("update", listener);
    }
    store(update, provider);
    if (localEdit) {
      // This client's new items since, and every deletion (a deletion is not in the state vector).
      const state = Y.decodeStateVector(Y.encodeStateVector(doc));
      const sent = Y.encodeStateVector(state.set(doc.clientID, ownClock));
      const missed = Y.encodeStateAsUpdate(doc, sent);
      for (const listener of listeners) listener(missed, (localEdit as Y.Transaction).origin, doc, localEdit);
    }
  };
}
