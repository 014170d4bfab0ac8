import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";

/** Raw y-websocket frames and sockets, for what a stock client never sends. */

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** "Send me everything": sync step 1 with an empty state vector. */
export const SYNC_REQUEST = new Uint8Array([0, 0, 1, 0]);

/** A document update message (sync message type 2). */
export function updateFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });
}

export interface PresenceEntry {
  client: number;
  clock: number;
  state: unknown;
}

/** An awareness update, encoded as y-protocols does: count, then each client id, clock and JSON state. */
export function presenceUpdate(entries: PresenceEntry[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const { client, clock, state } of entries) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, JSON.stringify(state));
    }
  });
}

/** One awareness message. */
export function presenceFrame(entries: PresenceEntry[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, presenceUpdate(entries));
  });
}

/** A raw socket: the frames it received, and its close code once closed. */
export interface RawSocket {
  ws: WebSocket;
  received: Uint8Array[];
  closed: Promise<number>;
}

/** The close code, or "open" if the socket is still open after a generous wait. */
export function closeWithin(socket: RawSocket, ms = 10_000): Promise<number | "open"> {
  return Promise.race([socket.closed, new Promise<"open">((resolve) => setTimeout(() => resolve("open"), ms))]);
}

export function openRaw(url: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const received: Uint8Array[] = [];
    ws.on("message", (data: Buffer) => received.push(new Uint8Array(data)));
    const closed = new Promise<number>((done) => ws.on("close", (code) => done(code)));
    ws.on("open", () => resolve({ ws, received, closed }));
    ws.on("error", reject);
  });
}

/** The sync answers (step 2) a raw socket received. */
export function syncAnswers(socket: RawSocket): Uint8Array[] {
  return socket.received.filter((m) => m[0] === 0 && m[1] === 1);
}

/** Content whose start is never sent: an update building on one the relay never got. */
export function orphanUpdate(text = "orphan"): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("orphan").insert(0, "x");
  const start = Y.encodeStateVector(doc);
  doc.getText("orphan").insert(1, text);
  const update = Y.encodeStateAsUpdate(doc, start);
  doc.destroy();
  return update;
}

/** An update of a deletion only: `length` items of `client` from `clock`. */
export function deletionUpdate(client: number, clock: number, length: number): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, 0);
    for (const n of [1, client, 1, clock, length]) encoding.writeVarUint(e, n);
  });
}

/**
 * Maps nested `depth` deep under the board's `maps` (by one client, returned), optionally with the
 * outermost deleted in the same update: deleting it through Yjs recurses once per level.
 */
export function nestedUpdate(depth: number, deleted: boolean): { update: Uint8Array; client: number } {
  const doc = new Y.Doc();
  let map = doc.getMap<unknown>("maps");
  doc.transact(() => {
    for (let i = 0; i < depth; i++) {
      const inner = new Y.Map<unknown>();
      map.set("nested", inner);
      map = inner;
    }
  });
  const created = Y.encodeStateAsUpdate(doc);
  const client = doc.clientID;
  doc.destroy();
  return { update: deleted ? Y.mergeUpdates([created, deletionUpdate(client, 0, 1)]) : created, client };
}
