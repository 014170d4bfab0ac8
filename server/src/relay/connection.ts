import type { IncomingMessage } from "node:http";
import { CloseCode, isValidBoardId } from "@journeyboard/shared";
import * as decoding from "lib0/decoding";
import type { RawData, WebSocket } from "ws";
import * as syncProtocol from "y-protocols/sync";
import type { Logger } from "../log.js";
import { MessageType } from "./messages.js";
import type { Peer, Room } from "./room.js";
import type { Rooms } from "./rooms.js";

export interface RelayContext {
  rooms: Rooms;
  log: Logger;
  pingSeconds: number;
  /** Every open connection, for health figures and shutdown. */
  connections: Set<Connection>;
}

/**
 * One participant's socket on one board: decode each frame, apply it to the room, answer. Frames that
 * arrive while the board loads wait for it, so nobody is answered from an empty document. Any frame
 * that fails to decode closes this connection only.
 */
export class Connection implements Peer {
  private room: Room | undefined;
  private readonly waiting: Uint8Array[] = [];
  private alive = true;
  private readonly openedAt = Date.now();

  private constructor(
    private readonly ws: WebSocket,
    readonly boardId: string,
    private readonly remote: string,
    private readonly ctx: RelayContext,
  ) {}

  static accept(ws: WebSocket, request: IncomingMessage, ctx: RelayContext): void {
    const remote = request.socket.remoteAddress ?? "";
    ws.on("error", (error) => ctx.log.warn("socket error", { remote, reason: error }));
    const boardId = boardIdOf(request.url);
    if (boardId === undefined) {
      ctx.log.warn("connection refused", { remote, path: request.url, reason: "invalid board id" });
      ws.close(CloseCode.invalidBoardId, "invalid board id");
      return;
    }
    // Access: anyone holding a board's link may edit it, until share links carry roles (issue 3).
    const connection = new Connection(ws, boardId, remote, ctx);
    ctx.connections.add(connection);
    void connection.start();
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(message);
  }

  close(code: number, reason: string): void {
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

    let room: Room | undefined;
    try {
      // Between the load and this line another connection may have started releasing the room.
      do room = await ctx.rooms.open(this.boardId);
      while (room?.closing);
    } catch (error) {
      ctx.log.error("board load failed", { board: this.boardId, reason: error });
      this.close(CloseCode.serverError, "the board could not be loaded");
      return;
    }
    if (!room) {
      ctx.log.info("connection refused", { board: this.boardId, remote: this.remote, reason: "board not found" });
      this.close(CloseCode.boardNotFound, "board not found");
      return;
    }
    if (ws.readyState !== ws.OPEN) {
      ctx.rooms.releaseIfIdle(room);
      return;
    }
    this.room = room;
    room.join(this);
    ctx.log.info("connection", { board: this.boardId, remote: this.remote, connections: room.peers.size });
    for (const frame of this.waiting.splice(0)) this.handle(room, frame);
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (!isBinary) {
      this.reject("text frame");
      return;
    }
    const frame = toBytes(data);
    if (this.room) this.handle(this.room, frame);
    else this.waiting.push(frame);
  }

  private handle(room: Room, frame: Uint8Array): void {
    // A room being released takes nothing more; the client still holds it and resends after reconnecting.
    if (room.closing) return;
    try {
      const decoder = decoding.createDecoder(frame);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.sync: {
          const step = decoding.readVarUint(decoder);
          const payload = decoding.readVarUint8Array(decoder);
          if (step === syncProtocol.messageYjsSyncStep1) room.answerSyncStep1(this, payload);
          else if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
            room.applyUpdate(this, payload);
          } else throw new Error(`unknown sync step ${step}`);
          break;
        }
        case MessageType.awareness:
          room.applyAwareness(this, decoding.readVarUint8Array(decoder));
          break;
        case MessageType.queryAwareness:
          room.sendAwarenessTo(this);
          break;
        default:
          throw new Error(`unknown message type ${type}`);
      }
    } catch (error) {
      this.reject(error instanceof Error ? error.message : String(error));
    }
  }

  private reject(reason: string): void {
    this.ctx.log.warn("bad message", { board: this.boardId, remote: this.remote, reason });
    this.close(CloseCode.badMessage, "malformed message");
  }

  private ping(): void {
    if (!this.alive) {
      this.ctx.log.info("connection timed out", { board: this.boardId, remote: this.remote });
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  private closed(code: number, reason: string): void {
    this.ctx.connections.delete(this);
    if (this.room) this.ctx.rooms.leave(this.room, this);
    this.ctx.log.info("disconnection", {
      board: this.boardId,
      remote: this.remote,
      code,
      reason,
      seconds: Math.round((Date.now() - this.openedAt) / 1000),
    });
  }
}

function boardIdOf(url: string | undefined): string | undefined {
  const path = new URL(url ?? "/", "http://relay").pathname.slice(1);
  return isValidBoardId(path) ? path : undefined;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
