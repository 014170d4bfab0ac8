import type { Server } from "node:http";
import type { Socket } from "node:net";
import type { HttpLimits } from "./config.js";
import { FloodLog } from "./flood-log.js";
import type { Logger } from "./log.js";
import type { Metrics } from "./metrics.js";

/**
 * Counts every TCP socket of the server, HTTP and WebSocket alike, and turns away those over the limits
 * the moment they connect, before they cost more than their descriptor. When the server is full, a new
 * socket takes the place of the oldest one that has not yet sent a whole request: a flood of silent or
 * slow sockets cannot keep out anyone whose request arrives at once.
 */
export class SocketGate {
  /** Each counted socket and the address it is counted for. */
  private readonly counted = new Map<Socket, string>();
  private readonly perAddress = new Map<string, number>();
  /** Sockets that have not sent a whole request's headers yet, oldest first. */
  private readonly unproven = new Set<Socket>();
  private readonly refusals: FloodLog;

  constructor(
    private readonly limits: HttpLimits,
    /** False behind a trusted proxy: every socket then comes from the proxy's address. */
    private readonly perAddressApplies: boolean,
    log: Logger,
    private readonly metrics: Metrics,
  ) {
    this.refusals = new FloodLog(log, "socket refused");
  }

  watch(server: Server): void {
    this.metrics.gauge("openSockets", () => this.counted.size);
    server.on("connection", (socket: Socket) => this.admit(socket));
    server.on("request", (request) => this.unproven.delete(request.socket));
    server.on("upgrade", (request) => this.unproven.delete(request.socket));
  }

  stop(): void {
    this.refusals.stop();
  }

  private admit(socket: Socket): void {
    const remote = socket.remoteAddress;
    if (remote === undefined) {
      // Closed before it could be looked at.
      socket.destroy();
      return;
    }
    if (this.perAddressApplies && (this.perAddress.get(remote) ?? 0) >= this.limits.maxSocketsPerAddress) {
      this.refuse(socket, "too many sockets from this address", remote);
      return;
    }
    if (this.counted.size >= this.limits.maxSockets) {
      const oldest = this.unproven.values().next().value;
      if (!oldest) {
        this.refuse(socket, "too many sockets", remote);
        return;
      }
      this.refuse(oldest, "the oldest socket without a request made room", this.counted.get(oldest) ?? "");
    }
    this.counted.set(socket, remote);
    this.perAddress.set(remote, (this.perAddress.get(remote) ?? 0) + 1);
    this.unproven.add(socket);
    socket.once("close", () => this.release(socket));
  }

  /** Uncounts a socket once, as soon as it is refused or closed. */
  private release(socket: Socket): void {
    const remote = this.counted.get(socket);
    if (remote === undefined) return;
    this.counted.delete(socket);
    this.unproven.delete(socket);
    const left = (this.perAddress.get(remote) ?? 1) - 1;
    if (left > 0) this.perAddress.set(remote, left);
    else this.perAddress.delete(remote);
  }

  private refuse(socket: Socket, reason: string, remote: string): void {
    this.release(socket);
    socket.destroy();
    this.metrics.socketsRefused++;
    this.refusals.note(reason, { remote });
  }
}
