import { CloseCode, type Role } from "@journeyboard/shared";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { Limits } from "../config.js";
import type { Logger } from "../log.js";
import type { Metrics } from "../metrics.js";
import { type DocRef, mayWrite } from "./documents.js";
import { MessageType } from "./messages.js";
import { RateLimit } from "./rate.js";
import type { Peer, Room } from "./room.js";
import { checkUpdate } from "./update-check.js";

/** What a connection's frames need of it. */
export interface FrameSender extends Peer {
  readonly ref: DocRef;
  readonly role: Role | undefined;
  /** Bytes the socket holds that the client has not taken yet. */
  readonly bufferedBytes: number;
  fields(): Record<string, unknown>;
}

/**
 * What one connection's frames do to its room: decode each (the y-websocket protocol: y-protocols sync
 * and awareness), check it under the limits, apply it as the link's role allows, answer. A frame that
 * breaks a rule closes the connection, with a code that says which rule.
 */
export class Frames {
  /** Updates dropped because the link's role may not write this document. */
  refusedUpdates = 0;
  private refusedPresence = 0;
  /** Whether this client's sync reply (what it holds that the relay lacks) has come. */
  private replied = false;
  /** Whether a sync answer is on its way to this client (queued, or not yet taken by the network). */
  private answering = false;
  private readonly presence: RateLimit;

  constructor(
    private readonly connection: FrameSender,
    private readonly ctx: { limits: Limits; log: Logger; metrics: Metrics },
  ) {
    this.presence = new RateLimit(ctx.limits.maxPresencePerSecond);
  }

  handle(room: Room, frame: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(frame);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.sync: {
          const step = decoding.readVarUint(decoder);
          const payload = decoding.readVarUint8Array(decoder);
          if (step === syncProtocol.messageYjsSyncStep1) this.answerSyncStep1(room, payload);
          else if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
            const reply = step === syncProtocol.messageYjsSyncStep2 && !this.replied;
            if (reply) this.replied = true;
            this.write(room, payload, reply);
          } else throw new Error(`unknown sync step ${step}`);
          break;
        }
        case MessageType.awareness: {
          const payload = decoding.readVarUint8Array(decoder);
          if (payload.length > this.ctx.limits.maxPresenceBytes) {
            this.connection.close(CloseCode.presenceTooLarge, "presence state too large");
            return;
          }
          if (!this.presence.take()) {
            this.connection.close(CloseCode.tooManyPresenceUpdates, "too many presence updates");
            return;
          }
          this.applyAwareness(room, payload);
          break;
        }
        case MessageType.queryAwareness:
          room.sendAwarenessTo(this.connection);
          break;
        default:
          throw new Error(`unknown message type ${type}`);
      }
    } catch (error) {
      this.reject(error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * Answers a sync step 1, one at a time: while an answer is on its way, that answer and the updates
   * relayed after it hold everything another would, so a second request is only counted. The answer
   * waits in the socket's buffer until the client takes it: one that never reads is told to resync
   * once that buffer is over its budget.
   */
  private answerSyncStep1(room: Room, stateVector: Uint8Array): void {
    if (this.answering) {
      if (this.connection.bufferedBytes > this.ctx.limits.maxBufferedBytes) {
        this.connection.close(CloseCode.resync, "too slow to keep up: reconnect to resync");
      } else this.ctx.metrics.syncRequestsCoalesced++;
      return;
    }
    this.answering = true;
    const { encoded } = room.answerSyncStep1(this.connection, stateVector, () => {
      this.answering = false;
    });
    if (encoded) this.ctx.metrics.syncAnswersEncoded++;
  }

  /**
   * Applies what the connection may say of presence. The rest is dropped, counted and logged (once per
   * connection), not closed on: a page forwarding its other tabs' presence, or a client whose old
   * connection is not yet known to be gone, sends some too.
   */
  private applyAwareness(room: Room, update: Uint8Array): void {
    const refused = room.applyAwareness(this.connection, update, this.ctx.limits.maxPresenceClients);
    if (refused === 0) return;
    this.ctx.metrics.refusedPresence += refused;
    if (this.refusedPresence === 0) {
      const reason = "presence of another connection, or of more clients than one connection may speak for";
      this.ctx.log.warn("presence refused", { ...this.connection.fields(), reason });
    }
    this.refusedPresence += refused;
  }

  /** Applies a document update if this link's role may write this document; drops and counts it if not. */
  private write(room: Room, update: Uint8Array, syncReply: boolean): void {
    const role = this.connection.role;
    if (!role || !mayWrite(role, this.connection.ref.kind)) {
      // Every reader sends a sync reply on joining, which usually holds nothing new: that is no write.
      // Checked once per connection, as it reads the whole document.
      if (syncReply && Y.snapshotContainsUpdate(Y.snapshot(room.doc), update)) return;
      this.ctx.metrics.refusedUpdates++;
      if (this.refusedUpdates++ === 0) {
        this.ctx.log.warn("update refused", { ...this.connection.fields(), reason: "read-only role" });
      }
      return;
    }
    if (room.wouldExceed(update.length, this.ctx.limits.maxDocBytes)) {
      this.connection.close(CloseCode.boardTooLarge, "the board has reached its size limit");
      return;
    }
    const verdict = checkUpdate(room.doc, update, this.ctx.limits);
    if (verdict.ok) {
      // Facilitators are never locked out.
      const locks = role === "editor" ? room.locks : null;
      const refused = room.applyUpdate(this.connection, update, locks);
      if (refused.length > 0) {
        this.ctx.metrics.refusedUpdates++;
        this.ctx.log.warn("update refused", {
          ...this.connection.fields(),
          reason: refused[0],
          locked: refused.length,
        });
      }
      return;
    }
    this.ctx.log.warn("update refused", { ...this.connection.fields(), reason: verdict.reason });
    // A stock client sends in order, but an edit made while it reconnects may overtake the sync reply
    // carrying what it builds on: after a resync its reply carries both.
    if (verdict.rule === "missing") {
      this.connection.close(CloseCode.resync, "an update arrived before what it builds on: resync");
    } else this.connection.close(CloseCode.badMessage, verdict.reason);
  }

  reject(reason: string): void {
    this.ctx.log.warn("bad message", { ...this.connection.fields(), reason });
    this.connection.close(CloseCode.badMessage, "malformed message");
  }
}
