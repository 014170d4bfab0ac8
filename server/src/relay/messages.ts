import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type * as Y from "yjs";

/** The y-websocket message types (the first varUint of every frame). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

/** A sync message carrying one update. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.sync);
  syncProtocol.writeUpdate(message, update);
  return encoding.toUint8Array(message);
}

/** A sync step 1: the document's state vector, asking the other side for what it lacks. */
export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.sync);
  syncProtocol.writeSyncStep1(message, doc);
  return encoding.toUint8Array(message);
}

/** An awareness message carrying an encoded awareness update. */
export function awarenessFrame(update: Uint8Array): Uint8Array {
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.awareness);
  encoding.writeVarUint8Array(message, update);
  return encoding.toUint8Array(message);
}
