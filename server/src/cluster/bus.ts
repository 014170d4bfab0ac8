import { createClient, type RedisClientType } from "@redis/client";
import type { Logger } from "../log.js";
import { reasonOf } from "../log.js";

type Client = RedisClientType;

export type BusListener = (message: Buffer) => void;

/** Longest wait between two attempts to reach Redis again once it was reached. */
const MAX_RECONNECT_MS = 1000;
const CONNECT_TIMEOUT_MS = 5000;

/**
 * Redis publish/subscribe between relay processes (node-redis): binary messages on named channels.
 * Two connections, as Redis wants: a subscribed one takes no other command. Redis carries only what is
 * in flight: a message published while it is unreachable is dropped (no offline queue), and whoever
 * relies on the bus catches up from PostgreSQL after `onReconnect`.
 */
export class RedisBus {
  private readonly reconnected: (() => void)[] = [];
  private closed = false;
  private lastLost = 0;

  private constructor(
    private readonly publisher: Client,
    private readonly subscriber: Client,
    private readonly log: Logger,
  ) {}

  /** Connects both; an unreachable Redis stops the start, said without the URL's password. */
  static async open(redisUrl: string, log: Logger): Promise<RedisBus> {
    const connect = (offlineQueue: boolean) => {
      let reached = false;
      const client = createClient({
        url: redisUrl,
        disableOfflineQueue: !offlineQueue,
        socket: {
          connectTimeout: CONNECT_TIMEOUT_MS,
          // Retried after it was reached once; at start, a Redis that cannot be reached is a wrong setting.
          reconnectStrategy: (retries, cause) => (reached ? Math.min(50 * 2 ** retries, MAX_RECONNECT_MS) : cause),
        },
      });
      client.on("ready", () => {
        reached = true;
      });
      return client;
    };
    // The subscriber queues its SUBSCRIBEs while Redis is away: they are sent once it is back.
    const publisher = connect(false);
    const subscriber = connect(true);
    const bus = new RedisBus(publisher, subscriber, log);
    for (const [role, client] of [
      ["publisher", publisher],
      ["subscriber", subscriber],
    ] as const) {
      client.on("error", (error: unknown) => bus.lost(role, error));
    }
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
    } catch (error) {
      bus.close();
      const { host } = new URL(redisUrl);
      throw new Error(`Redis at ${host || "its default host"} could not be used: ${reasonOf(error)}`);
    }
    let wasLost = false;
    subscriber.on("reconnecting", () => {
      wasLost = true;
    });
    subscriber.on("ready", () => {
      if (!wasLost) return;
      wasLost = false;
      log.info("redis reconnected", {});
      for (const listener of bus.reconnected) listener();
    });
    return bus;
  }

  /** Whether the subscriber is connected now (a SUBSCRIBE would be answered at once). */
  get ready(): boolean {
    return this.subscriber.isReady;
  }

  /** Runs `listener` each time the subscriber is back after Redis was lost (messages may be missing). */
  onReconnect(listener: () => void): void {
    this.reconnected.push(listener);
  }

  /** Subscribes; resolves once Redis confirmed it, or at once when Redis is away (sent when it is back). */
  async subscribe(channel: string, listener: BusListener): Promise<void> {
    const subscribed = this.subscriber.subscribe(channel, listener, true);
    if (this.ready) await subscribed;
    else
      subscribed.catch((error: unknown) => {
        if (!this.closed) this.log.warn("redis subscribe failed", { channel, reason: error });
      });
  }

  /**
   * Takes this listener off; the channel is unsubscribed when it was the last one. By listener, not by
   * channel: the same document loaded again meanwhile keeps the listener of its new load.
   */
  async unsubscribe(channel: string, listener: BusListener): Promise<void> {
    if (this.closed) return;
    await this.subscriber.unsubscribe(channel, listener, true).catch(() => undefined);
  }

  /** Publishes; a message Redis cannot take now is dropped (the receivers catch up from PostgreSQL). */
  publish(channel: string, message: Uint8Array): void {
    if (this.closed || !this.publisher.isReady) return;
    this.publisher.publish(channel, Buffer.from(message.buffer, message.byteOffset, message.byteLength)).catch(() => {
      // Lost with the connection: logged once by the client's error event.
    });
  }

  /** Closes both at once: what is in flight is dropped (it is in PostgreSQL), even with Redis away. */
  close(): void {
    this.closed = true;
    for (const client of [this.publisher, this.subscriber]) if (client.isOpen) client.destroy();
  }

  /** Logged at most once a second per connection, not at every reconnect attempt. */
  private lost(role: string, error: unknown): void {
    const now = Date.now();
    if (this.closed || now - this.lastLost < 1000) return;
    this.lastLost = now;
    this.log.warn("redis connection lost", { role, reason: reasonOf(error) });
  }
}
