import { applyRepaired, migrateBoard, repairBoard } from "@journeyboard/shared";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { Logger } from "../log.js";
import type { BoardStore } from "../store/store.js";
import { type DocRef, docName } from "./documents.js";
import { MessageType } from "./messages.js";

/** What the room needs of a connection: a way to send it bytes. */
export interface Peer {
  send(message: Uint8Array): void;
}

export interface RoomOptions {
  compactEvery: number;
  /** Called once when a write fails: the room is dead, its connections must go and resync later. */
  onStoreFailure: (room: Room) => void;
}

/**
 * One document of a board in memory (its content or its control document): the Y.Doc, the presence of everyone on it, and their connections.
 *
 * Every update is stored before it is relayed. Writes and everything sent from the document (updates,
 * sync answers) go through one ordered queue: a message leaves only after every update it could contain
 * has been stored, so nobody ever sees a state the store does not hold.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Each connection and the awareness client ids it speaks for. */
  readonly peers = new Map<Peer, Set<number>>();
  /** Set once the room is being released: nobody may join it, and what arrives is left for the next load. */
  closing = false;
  private queue: Promise<void> = Promise.resolve();
  private released: Promise<void> | undefined;
  private sinceCompaction = 0;
  private failed = false;
  /**
   * Whether participants' updates go through the repair pass: on a board at this relay's schema version,
   * not on the control document, nor on a board written by a newer version (repair would take it back).
   */
  private repairs = false;
  /** While a participant's update is applied and repaired: the updates that make, to relay as one. */
  private batch: Uint8Array[] | undefined;
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
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on("update", (change: AwarenessChange, origin: unknown) => this.onAwareness(change, origin));
  }

  get boardId(): string {
    return this.ref.boardId;
  }

  /** Loads a stored document (migrating a board that is older), or returns undefined for no such board. */
  static async load(ref: DocRef, store: BoardStore, log: Logger, options: RoomOptions): Promise<Room | undefined> {
    if (!(await store.exists(ref.boardId))) return undefined;
    const room = new Room(ref, store, log, options);
    try {
      const updates = await store.load(room.name);
      room.doc.transact(() => {
        for (const update of updates) {
          Y.applyUpdate(room.doc, update, room);
          room.storedBytes += update.length;
        }
      }, room);
      if (ref.kind === "board") {
        const migration = migrateBoard(room.doc);
        if (migration.status !== "current") log.info("board migrated", { board: ref.boardId, ...migration });
        room.repairs = migration.status !== "too-new";
        const mended = room.repairs ? repairBoard(room.doc) : 0;
        if (mended > 0) log.warn("board repaired", { board: ref.boardId, records: mended });
      }
      await room.queue;
    } catch (error) {
      room.destroy();
      throw error;
    }
    if (room.failed) throw new Error("the migrated board could not be stored");
    return room;
  }

  join(peer: Peer): void {
    this.peers.set(peer, new Set());
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MessageType.sync);
    syncProtocol.writeSyncStep1(step1, this.doc);
    const hello = encoding.toUint8Array(step1);
    this.enqueue(() => {
      peer.send(hello);
      const states = [...this.awareness.getStates().keys()];
      if (states.length > 0) peer.send(awarenessMessage(this.awareness, states));
    });
  }

  /** Removes a connection and, for everyone at once, the presence it spoke for. */
  leave(peer: Peer): void {
    const clients = this.peers.get(peer);
    this.peers.delete(peer);
    if (clients && clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], peer);
  }

  /**
   * Answers a peer's sync step 1 with what it lacks. The answer is computed now (a malformed state vector
   * throws here, to the caller) and sent once every update it holds is stored.
   */
  answerSyncStep1(peer: Peer, stateVector: Uint8Array): void {
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, MessageType.sync);
    syncProtocol.writeSyncStep2(reply, this.doc, stateVector);
    const bytes = encoding.toUint8Array(reply);
    this.enqueue(() => peer.send(bytes));
  }

  applyUpdate(peer: Peer, update: Uint8Array): void {
    // Counted when accepted, not when stored, so a burst cannot slip past the size limit.
    this.storedBytes += update.length;
    if (!this.repairs) {
      Y.applyUpdate(this.doc, update, peer);
      return;
    }
    // The update and its repair leave as one message: nobody ever holds the unrepaired board. A
    // malformed update may throw after part of it was applied: that part is stored and relayed too.
    const batch: Uint8Array[] = [];
    this.batch = batch;
    try {
      const mended = applyRepaired(this.doc, update, peer);
      if (mended > 0) this.log.info("update repaired", { board: this.boardId, records: mended });
    } finally {
      this.batch = undefined;
      // A second update is the repair, which the sender lacks too.
      const merged = batch.length === 1 ? batch[0] : batch.length > 1 ? Y.mergeUpdates(batch) : undefined;
      if (merged) this.relay(merged, peer, batch.length > 1);
    }
  }

  /** The document's stored size: what it counts against the memory budgets. */
  get bytes(): number {
    return this.storedBytes;
  }

  /** Whether storing `bytes` more would take the document over `limit`. */
  wouldExceed(bytes: number, limit: number): boolean {
    return this.storedBytes + bytes > limit;
  }

  applyAwareness(peer: Peer, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
  }

  sendAwarenessTo(peer: Peer): void {
    peer.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
  }

  /** Waits for every queued write, compacts the board, and frees it. Later calls get the same promise. */
  release(): Promise<void> {
    if (!this.released) {
      this.closing = true;
      this.released = (async () => {
        try {
          // Nothing new is accepted once closing, but what was accepted before may still be queueing.
          let drained: Promise<void>;
          do {
            drained = this.queue;
            await drained;
          } while (drained !== this.queue);
          if (!this.failed) await this.compact();
        } finally {
          this.store.forget(this.name);
          this.destroy();
        }
      })();
    }
    return this.released;
  }

  private destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === this) return;
    if (this.batch) this.batch.push(update);
    else this.relay(update, origin, false);
  }

  /** Stores an update, then sends it to everyone but its sender (to the sender too when `toSender`). */
  private relay(update: Uint8Array, origin: unknown, toSender: boolean): void {
    this.enqueue(async () => {
      await this.store.append(this.name, update);
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, MessageType.sync);
      syncProtocol.writeUpdate(message, update);
      const bytes = encoding.toUint8Array(message);
      for (const peer of this.peers.keys()) if (peer !== origin || toSender) peer.send(bytes);
      if (++this.sinceCompaction >= this.options.compactEvery) {
        this.sinceCompaction = 0;
        await this.compact();
      }
    });
  }

  private async compact(): Promise<void> {
    const { replaced, bytes } = await this.store.compact(this.name);
    this.storedBytes = bytes;
    this.log.debug("board compacted", { board: this.boardId, doc: this.ref.kind, updates: replaced, bytes });
  }

  private onAwareness({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const clients = this.peers.get(origin as Peer);
    if (clients) {
      // A client that reconnects keeps its id: it now belongs to this connection, not the old one.
      for (const id of [...added, ...updated]) {
        for (const [peer, ids] of this.peers) if (peer !== origin) ids.delete(id);
        clients.add(id);
      }
      for (const id of removed) clients.delete(id);
    }
    const bytes = awarenessMessage(this.awareness, [...added, ...updated, ...removed]);
    for (const peer of this.peers.keys()) peer.send(bytes);
  }

  /**
   * Runs `task` after every earlier one. A failed write stops the room: nothing after it is relayed,
   * and the room is dropped so that clients resync (their copies still hold the edit) with a fresh load.
   */
  private enqueue(task: () => void | Promise<void>): void {
    this.queue = this.queue.then(async () => {
      if (this.failed) return;
      try {
        await task();
      } catch (error) {
        this.failed = true;
        this.log.error("board store failed", { board: this.boardId, doc: this.ref.kind, reason: error });
        this.options.onStoreFailure(this);
      }
    });
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.awareness);
  encoding.writeVarUint8Array(message, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(message);
}
