import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Logger } from "../log.js";
import type { Room } from "../relay/room.js";
import type { SharedLog } from "../relay/shared-log.js";
import type { NumberedUpdate, Sequenced } from "../store/pg-store.js";
import type { RedisBus } from "./bus.js";
import { type DocumentMessage, decodeMessage, documentChannel, encodeMessage } from "./messages.js";

/** What a shared document needs of the shared store: numbered appends, and reads from a number on. */
export interface NumberedLog {
  appendNumbered(docName: string, updates: readonly Uint8Array[]): Promise<Sequenced | undefined>;
  updatesAfter(docName: string, seq: number): Promise<NumberedUpdate[]>;
}

export interface SharedDocumentContext {
  bus: RedisBus;
  store: NumberedLog;
  log: Logger;
  /** This process's id, to leave its own presence messages aside. */
  process: string;
  /** Batches of other processes applied, by how they came (for /metrics). */
  counts: ClusterCounts;
  /** How long a gap in the numbers may wait for its batch from Redis before it is read from PostgreSQL. */
  gapGraceMs: number;
  opened(document: SharedDocument): void;
  closed(document: SharedDocument): void;
}

export interface ClusterCounts {
  /** Other processes' batches applied as Redis brought them. */
  batchesFromRedis: number;
  /** Stored batches read from PostgreSQL because Redis had not brought them (a gap, the poll, a reconnect). */
  batchesFromStore: number;
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * One document as every relay process holding it shares it. Batches are stored in PostgreSQL with
 * numbers in commit order, then published on the document's Redis channel; each process applies the
 * batches in number order, each once. `applied` is the number up to which the room holds every batch.
 * A batch beyond it waits for the missing ones, which are read from PostgreSQL when Redis does not
 * bring them in time (a lost message, a Redis restart); a poll (cluster.ts) catches anything else.
 * The room only ever holds stored batches: they are published, or read, after they are stored.
 */
export class SharedDocument implements SharedLog {
  readonly channel: string;
  private room: Room | undefined;
  private started = false;
  private closing = false;
  /** Messages that came between subscribing and the room holding what was read. */
  private early: Uint8Array[] = [];
  applied = 0;
  /** Other processes' batches beyond a gap, by first number. */
  private readonly waiting = new Map<number, { last: number; update: Uint8Array }>();
  /** This process's own batches beyond a gap: already in the room. */
  private ownAhead: Sequenced[] = [];
  private catchingUp: Promise<void> | undefined;
  private catchUpAgain = false;
  private gapTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    readonly boardId: string,
    private readonly context: SharedDocumentContext,
  ) {
    this.channel = documentChannel(name);
  }

  /** Subscribes first, so that nothing stored after the read is missed; then reads what is stored. */
  async load(room: Room): Promise<Uint8Array[]> {
    this.room = room;
    await this.context.bus.subscribe(this.channel, this.onMessage);
    const stored = await this.context.store.updatesAfter(this.name, 0);
    this.applied = stored.at(-1)?.seq ?? 0;
    return stored.map(({ update }) => update);
  }

  start(): void {
    const room = this.room;
    if (!room || this.closing) return;
    this.started = true;
    this.context.opened(this);
    room.presence.awareness.on("update", this.onPresence);
    for (const message of this.early.splice(0)) this.receive(message);
    this.publish({ kind: "presence-asked", process: this.context.process });
  }

  async append(updates: readonly Uint8Array[]): Promise<void> {
    const numbers = await this.context.store.appendNumbered(this.name, updates);
    if (!numbers) return;
    const update = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates([...updates]);
    this.publish({ kind: "batch", first: numbers.first, last: numbers.last, update });
    if (numbers.last <= this.applied) return;
    this.ownAhead.push(numbers);
    this.advance();
  }

  close(): void {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.gapTimer);
    this.room?.presence.awareness.off("update", this.onPresence);
    this.context.closed(this);
    void this.context.bus.unsubscribe(this.channel, this.onMessage);
  }

  /** Reads from PostgreSQL what came after `applied`, and applies it (one read at a time). */
  catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        await this.readStored();
      } while (this.catchUpAgain && !this.closing);
    })().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  private async readStored(): Promise<void> {
    if (!this.started || this.closing) return;
    let stored: NumberedUpdate[];
    try {
      stored = await this.context.store.updatesAfter(this.name, this.applied);
    } catch (error) {
      // The poll tries again; meanwhile nothing unstored is relayed.
      this.context.log.warn("catch-up failed", { board: this.boardId, doc: this.name, reason: error });
      return;
    }
    for (const { seq, update } of stored) {
      if (seq <= this.applied || this.closing) continue;
      // Applied even when it is one of this process's own: a snapshot numbered as one holds others' too.
      this.room?.applyStored(update);
      this.applied = seq;
      this.context.counts.batchesFromStore++;
    }
    this.advance();
  }

  private readonly onMessage = (message: Buffer) => this.receive(message);

  private receive(bytes: Uint8Array): void {
    if (this.closing) return;
    if (!this.started) {
      this.early.push(bytes);
      return;
    }
    let message: DocumentMessage;
    try {
      message = decodeMessage(bytes);
    } catch (error) {
      this.context.log.warn("cluster message malformed", { board: this.boardId, doc: this.name, reason: error });
      return;
    }
    if (message.kind === "batch") {
      if (message.last <= this.applied) return;
      this.waiting.set(message.first, { last: message.last, update: message.update });
      this.advance();
    } else if (message.process !== this.context.process) {
      if (message.kind === "presence") this.applyPresence(message.update);
      else this.answerPresence();
    }
  }

  /** Applies the batches that follow `applied`, in order; a gap left waits a moment, then is read from the store. */
  private advance(): void {
    for (;;) {
      const own = this.ownAhead.find(({ first }) => first <= this.applied + 1);
      if (own) {
        this.applied = Math.max(this.applied, own.last);
        this.ownAhead = this.ownAhead.filter((each) => each !== own);
        continue;
      }
      const next = [...this.waiting].find(([first]) => first <= this.applied + 1);
      if (!next) break;
      const [first, { last, update }] = next;
      this.waiting.delete(first);
      if (last > this.applied) {
        this.room?.applyStored(update);
        this.applied = last;
        this.context.counts.batchesFromRedis++;
      }
    }
    for (const [first, { last }] of this.waiting) if (last <= this.applied) this.waiting.delete(first);
    this.ownAhead = this.ownAhead.filter(({ last }) => last > this.applied);
    const gap = this.waiting.size > 0 || this.ownAhead.length > 0;
    if (!gap) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
    } else if (!this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = undefined;
        void this.catchUp();
      }, this.context.gapGraceMs);
    }
  }

  /** This process's participants' presence changes go to the other processes. */
  private readonly onPresence = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
    const awareness = this.room?.presence.awareness;
    if (origin === this || !awareness) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]);
    this.publish({ kind: "presence", process: this.context.process, update });
  };

  private applyPresence(update: Uint8Array): void {
    const awareness = this.room?.presence.awareness;
    if (!awareness) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(awareness, update, this);
    } catch (error) {
      this.context.log.warn("cluster presence malformed", { board: this.boardId, doc: this.name, reason: error });
    }
  }

  private answerPresence(): void {
    const awareness = this.room?.presence.awareness;
    const clients = awareness ? [...awareness.getStates().keys()] : [];
    if (!awareness || clients.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, clients);
    this.publish({ kind: "presence", process: this.context.process, update });
  }

  private publish(message: DocumentMessage): void {
    this.context.bus.publish(this.channel, encodeMessage(message));
  }
}
