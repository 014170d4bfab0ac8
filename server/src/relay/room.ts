import { type ActiveLocks, applyRepaired, CloseCode, migrateBoard, repairBoard } from "@journeyboard/shared";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Logger } from "../log.js";
import type { BoardStore } from "../store/store.js";
import { CommitQueue, type PendingUpdate, soleSender } from "./commit-queue.js";
import { type DocRef, docName } from "./documents.js";
import { applyWithinLocks } from "./lock-guard.js";
import { awarenessFrame, syncStep1Frame, updateFrame } from "./messages.js";
import { Presence } from "./presence.js";
import { PresenceOutbox } from "./presence-outbox.js";
import type { SharedLog } from "./shared-log.js";
import { applyStored } from "./sliced-load.js";
import { SyncAnswers } from "./sync-answers.js";

/** What the room needs of a connection. */
export interface Peer {
  /** False once the connection is closing: its presence ids may then pass to a client coming back. */
  readonly open: boolean;
  /** Sends bytes; `sent` is called once they have left for the network. */
  send(message: Uint8Array, sent?: () => void): void;
  close(code: number, reason: string): void;
}

export interface RoomOptions {
  compactEvery: number;
  /**
   * Called once when a write fails, or when an update could not be applied whole (the document may no
   * longer be what is stored): the room is dead, its connections must go and resync with a fresh load.
   */
  onStoreFailure: (room: Room) => void;
  /** With several relay processes: the document's log they share (cluster/), instead of the store's. */
  shared?: SharedLog;
}

/**
 * One document of a board in memory (its content or its control document): the Y.Doc, the presence of everyone on it, and their connections.
 *
 * Every update is stored before it is relayed. Writes and everything sent from the document (updates,
 * sync answers) go through one ordered queue: a message leaves only after every update it could contain
 * has been stored, so nobody ever sees a state the store does not hold. Updates that arrive while a
 * write is under way wait for it together, are stored in the next write, as one batch, and leave as
 * one message.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly presence = new Presence<Peer>(this.doc);
  readonly peers = new Set<Peer>();
  /** Presence changes leave gathered over a few milliseconds, one message per peer (see presence-outbox.ts). */
  private readonly outbox = new PresenceOutbox(this.presence.awareness, (message) => {
    for (const peer of this.peers) peer.send(message);
  });
  private readonly answers = new SyncAnswers(this.doc);
  /** Set once the room is being released: nobody may join it, and what arrives is left for the next load. */
  closing = false;
  private readonly writes: CommitQueue;
  private released: Promise<void> | undefined;
  /**
   * Whether participants' updates go through the repair pass: on a board at this relay's schema version,
   * not on the control document, nor on a board written by a newer version (repair would take it back).
   */
  private repairs = false;
  /** While a participant's update is applied and repaired: the updates that make, to relay as one. */
  private batch: Uint8Array[] | undefined;
  /** On a board: the locks in force, kept by Rooms from the board's control document. */
  locks: ActiveLocks | null = null;
  /** Bytes of this document: its stored snapshot plus the updates accepted since. */
  private storedBytes = 0;
  readonly name: string;

  private constructor(
    readonly ref: DocRef,
    private readonly store: BoardStore,
    private readonly log: Logger,
    private readonly options: RoomOptions,
  ) {
    this.name = docName(ref);
    this.writes = new CommitQueue({
      store: (updates) => this.options.shared?.append(updates) ?? this.store.append(this.name, updates),
      deliver: (batch) => this.deliver(batch),
      compactEvery: this.options.compactEvery,
      compact: () => this.compact(),
      failed: (error) => {
        this.log.error("board store failed", { board: this.boardId, doc: this.ref.kind, reason: error });
        this.options.onStoreFailure(this);
      },
      compactionFailed: (error) =>
        this.log.error("board compaction failed", { board: this.boardId, doc: this.ref.kind, reason: error }),
    });
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.presence.awareness.on("update", (change: AwarenessChange) => this.onAwareness(change));
  }

  get boardId(): string {
    return this.ref.boardId;
  }

  /** Loads a stored document (migrating a board that is older), or returns undefined for no such board. */
  static async load(ref: DocRef, store: BoardStore, log: Logger, options: RoomOptions): Promise<Room | undefined> {
    if (!(await store.exists(ref.boardId))) {
      options.shared?.close();
      return undefined;
    }
    const room = new Room(ref, store, log, options);
    try {
      const updates = await (options.shared?.load(room) ?? store.load(room.name));
      room.storedBytes = updates.reduce((sum, update) => sum + update.length, 0);
      const { state, appliedWhole } = await applyStored(room.doc, updates, room);
      if (appliedWhole) log.warn("board loaded whole", { board: ref.boardId, doc: ref.kind, reason: appliedWhole });
      // Before any change of the migration or the repair, which would make it stale (and forget it).
      if (state) room.answers.prime(state);
      if (ref.kind === "board") {
        const migration = migrateBoard(room.doc);
        if (migration.status !== "current") log.info("board migrated", { board: ref.boardId, ...migration });
        room.repairs = migration.status !== "too-new";
        const mended = room.repairs ? repairBoard(room.doc) : 0;
        if (mended > 0) log.warn("board repaired", { board: ref.boardId, records: mended });
      }
      await room.writes.drained();
    } catch (error) {
      room.destroy();
      throw error;
    }
    if (room.writes.failed) {
      room.destroy();
      throw new Error("the migrated board could not be stored");
    }
    options.shared?.start();
    return room;
  }

  join(peer: Peer): void {
    this.peers.add(peer);
    const hello = syncStep1Frame(this.doc);
    this.writes.enqueue(() => {
      peer.send(hello);
      const { awareness } = this.presence;
      const states = [...awareness.getStates().keys()];
      if (states.length > 0) peer.send(awarenessMessage(awareness, states));
    });
  }

  /** Removes a connection and, for everyone at once, the presence it spoke for. */
  leave(peer: Peer): void {
    this.peers.delete(peer);
    this.presence.leave(peer);
  }

  /**
   * Answers a peer's sync step 1 with what it lacks: computed now (a malformed state vector throws
   * here, to the caller), or taken from the answer given to an earlier asker of the same state, and
   * sent once every update it holds is stored. `sent` is called once it has left. Returns whether it
   * had to be encoded.
   */
  answerSyncStep1(peer: Peer, stateVector: Uint8Array, sent: () => void): { encoded: boolean } {
    const { message, encoded } = this.answers.answer(stateVector);
    this.writes.enqueue(() => peer.send(message, sent));
    return { encoded };
  }

  /**
   * Applies a participant's update (checked beforehand: see update-check.ts), stores it and relays it.
   * On a board the update and its repair leave as one message: nobody ever holds the unrepaired board.
   * An update that throws while it is applied may be in the document in part, and none of it is
   * stored: its sender is closed and the room is dropped, to load again from the store.
   * Within `locks` (an editor's update), what it did in a locked part is taken back in the same batch
   * (see lock-guard.ts); returns the reasons it broke a lock.
   */
  applyUpdate(peer: Peer, update: Uint8Array, locks: ActiveLocks | null = null): string[] {
    // Counted when accepted, not when stored, so a burst cannot slip past the size limit.
    this.storedBytes += update.length;
    const batch: Uint8Array[] = [];
    this.batch = batch;
    let refused: string[] = [];
    try {
      const applied = () => (this.repairs ? applyRepaired(this.doc, update, peer) : apply(this.doc, update, peer));
      const { mended, refused: breaches } = locks
        ? applyWithinLocks(this.doc, peer, locks, applied)
        : { mended: applied(), refused: [] };
      refused = breaches;
      if (mended > 0) this.log.info("update repaired", { board: this.boardId, records: mended });
      const { pendingStructs, pendingDs } = this.doc.store;
      if (pendingStructs || pendingDs) throw new Error("the update left content pending");
    } catch (error) {
      this.log.error("update could not be applied", { board: this.boardId, doc: this.ref.kind, reason: error });
      // What was queued before it is consistent with the store, and is still stored and relayed.
      peer.close(CloseCode.badMessage, "malformed message");
      this.options.onStoreFailure(this);
      return [];
    } finally {
      this.batch = undefined;
    }
    // A second update is the repair or the take-back, which the sender lacks too.
    const merged = batch.length === 1 ? batch[0] : batch.length > 1 ? Y.mergeUpdates(batch) : undefined;
    if (merged) this.writes.accept(merged, peer, batch.length > 1);
    return refused;
  }

  /** The document's stored size: what it counts against the memory budgets. */
  get bytes(): number {
    return this.storedBytes;
  }

  /** Whether storing `bytes` more would take the document over `limit`. */
  wouldExceed(bytes: number, limit: number): boolean {
    return this.storedBytes + bytes > limit;
  }

  /** Applies what a connection's presence update may change; returns how many entries it may not. */
  applyAwareness(peer: Peer, update: Uint8Array, maxClients: number): number {
    return this.presence.apply(peer, update, maxClients);
  }

  sendAwarenessTo(peer: Peer): void {
    const { awareness } = this.presence;
    peer.send(awarenessMessage(awareness, [...awareness.getStates().keys()]));
  }

  /** Resolves once everything accepted so far is stored; rejects when the store failed meanwhile. */
  async stored(): Promise<void> {
    await this.writes.drained();
    if (this.writes.failed) throw new Error(`${this.name} could not be stored`);
  }

  /** Waits for every queued write, compacts the board, and frees it. Later calls get the same promise. */
  release(): Promise<void> {
    if (!this.released) {
      this.closing = true;
      this.released = (async () => {
        try {
          // Nothing new is accepted once closing, but what was accepted before may still be queueing.
          await this.writes.drained();
          await this.writes.compacted();
          if (!this.writes.failed) await this.compact();
        } finally {
          this.store.forget(this.name);
          this.destroy();
        }
      })();
    }
    return this.released;
  }

  /**
   * Applies a batch another relay process stored (cluster/), without storing it again, and sends it to
   * everyone here when it changed the document (a batch may arrive twice: from Redis and from the store).
   */
  applyStored(update: Uint8Array): void {
    if (this.closing || this.writes.failed) return;
    let changed = false;
    const noteChange = () => {
      changed = true;
    };
    this.doc.on("update", noteChange);
    try {
      Y.applyUpdate(this.doc, update, this);
    } catch (error) {
      this.writes.fail();
      this.log.error("stored update could not be applied", { board: this.boardId, doc: this.ref.kind, reason: error });
      this.options.onStoreFailure(this);
      return;
    } finally {
      this.doc.off("update", noteChange);
    }
    if (!changed) return;
    this.storedBytes += update.length;
    const bytes = updateFrame(update);
    for (const peer of this.peers) peer.send(bytes);
  }

  private destroy(): void {
    this.options.shared?.close();
    // The awareness announces its own removal as it is destroyed: the outbox goes after it.
    this.presence.destroy();
    this.outbox.destroy();
    this.doc.destroy();
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === this) return;
    if (this.batch) this.batch.push(update);
    else this.writes.accept(update, origin, false);
  }

  /**
   * A stored batch (commit-queue.ts) leaves as one merged update, encoded once: one
   * message per peer per commit, not one per update (the kernel write of each was most of the relay's
   * work). Senders get their own updates back within it, which Yjs ignores; a commit of one sender's
   * updates alone skips that sender, as before.
   */
  private deliver(committing: readonly PendingUpdate[]): void {
    const updates = committing.map(({ update }) => update);
    const bytes = updateFrame(updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates));
    const skipped = soleSender(committing);
    for (const peer of this.peers) if (peer !== skipped) peer.send(bytes);
  }

  private async compact(): Promise<void> {
    const accepted = this.storedBytes;
    const { replaced, bytes } = await this.store.compact(this.name);
    // What was accepted meanwhile is stored beside the snapshot, and still counts.
    this.storedBytes = bytes + (this.storedBytes - accepted);
    this.log.debug("board compacted", { board: this.boardId, doc: this.ref.kind, updates: replaced, bytes });
  }

  private onAwareness({ added, updated, removed }: AwarenessChange): void {
    this.outbox.add([...added, ...updated, ...removed]);
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

/** Applies an update to a document the relay does not repair (a control document, a newer board). */
function apply(doc: Y.Doc, update: Uint8Array, origin: unknown): number {
  Y.applyUpdate(doc, update, origin);
  return 0;
}
