import { randomUUID } from "node:crypto";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "../log.js";
import { type DocRef, docName } from "../relay/documents.js";
import type { SharedLog } from "../relay/shared-log.js";
import { RedisBus } from "./bus.js";
import { REVOCATIONS } from "./messages.js";
import { type ClusterCounts, type NumberedLog, SharedDocument } from "./shared-document.js";

/** What the cluster needs of the shared store: the documents' logs, and the last number each was given. */
export interface ClusterStore extends NumberedLog {
  lastNumbers(docNames: readonly string[]): Promise<Map<string, number>>;
}

/** How often the documents in memory are checked against PostgreSQL, for batches Redis did not bring. */
const POLL_MS = 1000;
/** How long a batch may wait for an earlier one from Redis before that one is read from PostgreSQL. */
const GAP_GRACE_MS = 50;

/**
 * Several relay processes serving the same boards (REDIS_URL with DATABASE_URL): PostgreSQL holds
 * every board, and Redis carries between the processes what is in flight: each stored batch, presence
 * changes, and revocations. Nothing depends on Redis delivering: every process polls PostgreSQL once a
 * second for the documents it holds, and reads them afresh when Redis comes back.
 */
export class Cluster {
  /** This process, in the messages it publishes. */
  readonly process = randomUUID();
  readonly counts: ClusterCounts = { batchesFromRedis: 0, batchesFromStore: 0 };
  private readonly documents = new Set<SharedDocument>();
  private readonly revocationListeners: ((boardId: string) => void)[] = [];
  private readonly poller: NodeJS.Timeout;
  private polling = false;
  private pollFailing = false;

  private constructor(
    private readonly bus: RedisBus,
    private readonly store: ClusterStore,
    private readonly log: Logger,
  ) {
    bus.onReconnect(() => this.catchUpAll());
    this.poller = setInterval(() => void this.poll(), POLL_MS);
    this.poller.unref();
  }

  static async open(redisUrl: string, store: ClusterStore, log: Logger): Promise<Cluster> {
    const bus = await RedisBus.open(redisUrl, log);
    const cluster = new Cluster(bus, store, log);
    await bus.subscribe(REVOCATIONS, (message) => cluster.onRevocation(message));
    return cluster;
  }

  /** The log of a document being loaded, shared with the other processes. */
  share(ref: DocRef): SharedLog {
    return new SharedDocument(docName(ref), ref.boardId, {
      bus: this.bus,
      store: this.store,
      log: this.log,
      process: this.process,
      counts: this.counts,
      gapGraceMs: GAP_GRACE_MS,
      opened: (document) => this.documents.add(document),
      closed: (document) => this.documents.delete(document),
    });
  }

  /**
   * Applies what is stored of a board's documents in memory here: a task holding the board's lock reads
   * every change made under it by another process, whether or not Redis has brought it yet.
   */
  async caughtUp(boardId: string): Promise<void> {
    const documents = [...this.documents].filter((document) => document.boardId === boardId);
    await Promise.all(documents.map((document) => document.catchUp()));
  }

  /** Runs `listener` for each revocation made on any process (this one included). */
  onRevoked(listener: (boardId: string) => void): void {
    this.revocationListeners.push(listener);
  }

  /** Tells every process that a board's links of some role were revoked (already stored). */
  revoked(boardId: string): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, boardId);
    this.bus.publish(REVOCATIONS, encoding.toUint8Array(encoder));
  }

  close(): void {
    clearInterval(this.poller);
    this.bus.close();
  }

  private onRevocation(message: Uint8Array): void {
    let boardId: string;
    try {
      boardId = decoding.readVarString(decoding.createDecoder(message));
    } catch (error) {
      this.log.warn("cluster message malformed", { channel: REVOCATIONS, reason: error });
      return;
    }
    for (const listener of this.revocationListeners) listener(boardId);
  }

  private catchUpAll(): void {
    for (const document of this.documents) void document.catchUp();
  }

  /** One query for every document in memory: those with batches beyond what they applied read them. */
  private async poll(): Promise<void> {
    if (this.polling || this.documents.size === 0) return;
    this.polling = true;
    try {
      const documents = [...this.documents];
      const last = await this.store.lastNumbers(documents.map((document) => document.name));
      for (const document of documents) {
        if ((last.get(document.name) ?? 0) > document.applied) void document.catchUp();
      }
      if (this.pollFailing) this.log.info("cluster poll recovered", { documents: documents.length });
      this.pollFailing = false;
    } catch (error) {
      // Said once per outage, not every second.
      if (!this.pollFailing) this.log.warn("cluster poll failed", { documents: this.documents.size, reason: error });
      this.pollFailing = true;
    } finally {
      this.polling = false;
    }
  }
}
