import type { IncomingMessage } from "node:http";
import { CloseCode, type LinkClaims, type Role } from "@journeyboard/shared";
import type { RawData, WebSocket } from "ws";
import type { Access } from "../auth/access.js";
import { PARTICIPANT_REFUSALS, type Participants } from "../auth/participants.js";
import type { Logger } from "../log.js";
import type { Metrics } from "../metrics.js";
import { type AdmissionRules, admit } from "./admission.js";
import type { DocRef } from "./documents.js";
import { type FrameSender, Frames } from "./frames.js";
import { RateLimit } from "./rate.js";
import type { Room } from "./room.js";
import type { Rooms } from "./rooms.js";

export interface RelayContext extends AdmissionRules {
  rooms: Rooms;
  access: Access;
  participants: Participants;
  log: Logger;
  metrics: Metrics;
  pingSeconds: number;
  /** Every open connection, for health figures, revocation and shutdown. */
  connections: Set<Connection>;
}

/**
 * One participant's socket on one document: check the link, then hand each frame to the room (see
 * frames.ts). Frames that arrive while the link is checked and the board loads wait, so nobody is
 * answered from an empty document. A frame that breaks a rule closes this connection only, with a code
 * that says which rule.
 */
export class Connection implements FrameSender {
  claims: LinkClaims | undefined;
  /** The participant the relay issued to this browser, if it showed its credential (stock clients do not). */
  participant: string | undefined;
  private room: Room | undefined;
  private readonly waiting: Uint8Array[] = [];
  private waitingBytes = 0;
  private alive = true;
  private closing = false;
  private readonly frames: Frames;
  private readonly openedAt = Date.now();
  private readonly messages: RateLimit;
  private readonly timers: ReturnType<typeof setTimeout>[] = [];

  private constructor(
    private readonly ws: WebSocket,
    readonly ref: DocRef,
    private readonly remote: string,
    private readonly token: string | null,
    private readonly ctx: RelayContext,
    private readonly credential: string | null,
  ) {
    this.messages = new RateLimit(ctx.limits.maxMessagesPerSecond);
    this.frames = new Frames(this, ctx);
  }

  get boardId(): string {
    return this.ref.boardId;
  }

  get role(): Role | undefined {
    return this.claims?.role;
  }

  static accept(ws: WebSocket, request: IncomingMessage, ctx: RelayContext): void {
    const admission = admit(request, ctx);
    const { ref, remote } = admission;
    // Also where ws reports a frame over the size limit (before closing with 1009).
    ws.on("error", (error) => ctx.log.warn("socket error", { board: ref?.boardId, remote, reason: error }));
    if (!admission.ok) {
      ctx.metrics.closed(admission.code);
      ctx.log.warn("connection refused", {
        remote,
        code: admission.code,
        reason: admission.reason,
        ...admission.fields,
      });
      ws.close(admission.code, admission.reason);
      return;
    }
    ctx.perAddress.set(remote, (ctx.perAddress.get(remote) ?? 0) + 1);
    const connection = new Connection(ws, admission.ref, remote, admission.token, ctx, admission.credential);
    ctx.connections.add(connection);
    ctx.metrics.connectionsOpened++;
    void connection.start();
  }

  get bufferedBytes(): number {
    return this.ws.bufferedAmount;
  }

  get open(): boolean {
    return !this.closing && this.ws.readyState === this.ws.OPEN;
  }

  send(message: Uint8Array, sent?: () => void): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    // Never drop an update silently: a client too slow to take them all is told to reconnect and resync.
    if (this.ws.bufferedAmount > this.ctx.limits.maxBufferedBytes) {
      this.close(CloseCode.resync, "too slow to keep up: reconnect to resync");
      return;
    }
    this.ws.send(message, sent && (() => sent()));
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.ctx.metrics.closed(code);
    if (code !== CloseCode.shuttingDown) {
      this.ctx.log.warn("connection closed by the relay", { ...this.fields(), code, reason });
    }
    this.ws.close(code, reason);
  }

  private async start(): Promise<void> {
    const { ws, ctx } = this;
    ws.on("message", (data, isBinary) => this.receive(data, isBinary));
    ws.on("close", (code, reason) => this.closed(code, reason.toString()));
    ws.on("pong", () => {
      this.alive = true;
    });
    const ping = setInterval(() => this.ping(), ctx.pingSeconds * 1000);
    ws.once("close", () => clearInterval(ping));

    const checked = await ctx.access.check(this.boardId, this.token).catch((error: unknown) => {
      ctx.log.error("access check failed", { board: this.boardId, reason: error });
      return undefined;
    });
    if (!checked) {
      this.close(CloseCode.serverError, "the link could not be checked");
      return;
    }
    if (!checked.ok) {
      this.close(checked.code, checked.reason);
      return;
    }
    this.claims = checked.claims;
    if (this.credential !== null) {
      this.participant = ctx.participants.verify(checked.claims, this.credential);
      if (!this.participant) {
        this.close(PARTICIPANT_REFUSALS.invalid.code, PARTICIPANT_REFUSALS.invalid.reason);
        return;
      }
    }
    const { expiresAt } = checked.claims;
    // setTimeout takes at most about 24.8 days; a longer link is checked again on its next connection.
    if (expiresAt !== null && expiresAt - Date.now() < 2 ** 31 - 1) {
      this.timers.push(
        setTimeout(() => this.close(CloseCode.tokenExpired, "the link has expired"), expiresAt - Date.now()),
      );
    }

    const refusal = ctx.rooms.admit(this.ref, this.remote);
    if (refusal) {
      this.close(refusal.code, refusal.reason);
      return;
    }
    let room: Room | undefined;
    try {
      // Between the load and this line another connection may have started releasing the room.
      do room = await ctx.rooms.open(this.ref);
      while (room?.closing);
    } catch (error) {
      ctx.log.error("board load failed", { board: this.boardId, doc: this.ref.kind, reason: error });
      this.close(CloseCode.serverError, "the board could not be loaded");
      return;
    }
    if (!room) {
      this.close(CloseCode.boardNotFound, "board not found");
      return;
    }
    // A revocation may have landed while the board loaded: it would not have found this connection.
    if (!ctx.access.stillValid(checked.claims)) {
      this.close(CloseCode.tokenRevoked, "the link was revoked by the facilitator");
      ctx.rooms.releaseIfIdle(room);
      return;
    }
    if (ws.readyState !== ws.OPEN) {
      ctx.rooms.releaseIfIdle(room);
      return;
    }
    if (room.peers.size >= ctx.limits.maxConnectionsPerBoard) {
      this.close(CloseCode.boardFull, "the board is full: try again later");
      return ctx.rooms.releaseIfIdle(room);
    }
    this.room = room;
    room.join(this);
    ctx.log.info("connection", { ...this.fields(), connections: room.peers.size });
    for (const frame of this.waiting.splice(0)) this.handle(room, frame);
    this.waitingBytes = 0;
  }

  private receive(data: RawData, isBinary: boolean): void {
    this.ctx.metrics.framesReceived++;
    if (this.closing) return;
    if (!isBinary) {
      this.frames.reject("text frame");
      return;
    }
    if (!this.messages.take()) {
      this.close(CloseCode.tooManyMessages, "too many messages: slow down");
      return;
    }
    const frame = toBytes(data);
    if (this.room) {
      this.handle(this.room, frame);
      return;
    }
    this.waitingBytes += frame.length;
    if (this.waitingBytes > this.ctx.limits.maxBufferedBytes) {
      this.close(CloseCode.tooManyMessages, "too much sent before the board loaded");
      return;
    }
    this.waiting.push(frame);
  }

  private handle(room: Room, frame: Uint8Array): void {
    // A room being released takes nothing more; the client still holds it and resends after reconnecting.
    if (room.closing || this.closing) return;
    this.frames.handle(room, frame);
  }

  private ping(): void {
    if (!this.alive) {
      this.ctx.log.info("connection timed out", this.fields());
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  private closed(code: number, reason: string): void {
    for (const timer of this.timers) clearTimeout(timer);
    const { connections, perAddress, rooms, log } = this.ctx;
    connections.delete(this);
    const left = (perAddress.get(this.remote) ?? 1) - 1;
    if (left > 0) perAddress.set(this.remote, left);
    else perAddress.delete(this.remote);
    if (this.room) rooms.leave(this.room, this);
    log.info("disconnection", {
      ...this.fields(),
      code,
      reason,
      refusedUpdates: this.frames.refusedUpdates,
      seconds: Math.round((Date.now() - this.openedAt) / 1000),
    });
  }

  fields(): Record<string, unknown> {
    return { board: this.boardId, doc: this.ref.kind, role: this.role, remote: this.remote };
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
