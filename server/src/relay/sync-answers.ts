import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MessageType } from "./messages.js";

/**
 * Answers kept per version of a document: one for everyone asking for all of it, one for clients
 * coming back from the same state (as after a restart). Each may be as large as the board.
 */
const KEPT = 2;

/**
 * A document's sync step 2 answers, encoded once per version of the document and per state asked from,
 * and shared by everyone who asks for the same: encoding a large board is the costly part of a sync.
 * Forgotten whenever the document changes.
 */
export class SyncAnswers {
  private readonly kept = new Map<string, Uint8Array>();

  constructor(private readonly doc: Y.Doc) {
    doc.on("update", () => this.kept.clear());
  }

  /** Keeps `state`, the whole document as one update (encoded elsewhere), as the answer to everyone asking for all of it. */
  prime(state: Uint8Array): void {
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, MessageType.sync);
    encoding.writeVarUint(reply, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(reply, state);
    this.kept.set("", encoding.toUint8Array(reply));
  }

  /** The answer to a state vector (malformed bytes throw), and whether it had to be encoded. */
  answer(stateVector: Uint8Array): { message: Uint8Array; encoded: boolean } {
    const key = this.keyOf(Y.decodeStateVector(stateVector));
    const kept = this.kept.get(key);
    if (kept) return { message: kept, encoded: false };
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, MessageType.sync);
    syncProtocol.writeSyncStep2(reply, this.doc, stateVector);
    const message = encoding.toUint8Array(reply);
    if (this.kept.size >= KEPT) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(key, message);
    return { message, encoded: true };
  }

  /**
   * What a state vector means for this document: each of its clients' clocks up to what the document
   * holds, without the rest, which the answer does not depend on. Empty for "send me everything".
   */
  private keyOf(state: Map<number, number>): string {
    const parts: string[] = [];
    for (const [client, clock] of state) {
      const held = Math.min(clock, Y.getState(this.doc.store, client));
      if (held > 0) parts.push(`${client}:${held}`);
    }
    return parts.sort().join(",");
  }
}
