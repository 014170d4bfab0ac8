import { migrateBoard } from "@journeyboard/shared";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { Logger } from "../log.js";
import type { BoardStore } from "../store/store.js";
import { MessageType } from "./messages.js";

/** What the room needs of a connection: a way to send it bytes. */
export interface Peer {
  send(message: Uint8Array): void;
}

/**
 * One board in memory: its Y.Doc, the presence of everyone on it, and their connections.
 *
 * Every update is stored before it is relayed: updates and the sync answers to newcomers go through one
 * ordered queue that waits for the store, so nobody ever sees a state the store does not hold.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Each connection and the awareness client ids it speaks for. */
  readonly peers = new Map<Peer, Set<number>>();
  /** Set once the room is being released: nobody may join it any more. */
  closing = false;
  private queue: Promise<void> = Promise.resolve();
  private released: Promise<void> | undefined;
  private sinceCompaction = 0;
  private failed = false;

  private constructor(
    readonly boardId: string,
    private readonly store: BoardStore,
    private readonly log: Logger,
    private readonly compactEvery: number,
    private readonly onStoreFailure: (room: Room) => void,
  ) {
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on("update", (change: AwarenessChange, origin: unknown) => this.onAwareness(change, origin));
  }

  /** Loads a stored board (migrating it if it is older), or returns undefined when none is stored. */
  static async load(
    boardId: string,
    store: BoardStore,
    log: Logger,
    options: { compactEvery: number; onStoreFailure: (room: Room) => void },
  ): Promise<Room | undefined> {
    if (!(await store.exists(boardId))) return undefined;
    const room = new Room(boardId, store, log, options.compactEvery, options.onStoreFailure);
    const updates = await store.load(boardId);
    room.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(room.doc, update, room);
    }, room);
    const migration = migrateBoard(room.doc);
    if (migration.status !== "current") log.info("board migrated", { board: boardId, ...migration });
    await room.queue;
    return room;
  }

  join(peer: Peer): void {
    this.peers.set(peer, new Set());
    this.enqueue(() => {
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, MessageType.sync);
      syncProtocol.writeSyncStep1(step1, this.doc);
      peer.send(encoding.toUint8Array(step1));
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

  /** Answers a peer's sync step 1 with what it lacks, once everything applied before is stored. */
  answerSyncStep1(peer: Peer, stateVector: Uint8Array): void {
    this.enqueue(() => {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MessageType.sync);
      syncProtocol.writeSyncStep2(reply, this.doc, stateVector);
      peer.send(encoding.toUint8Array(reply));
    });
  }

  applyUpdate(peer: Peer, update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, peer);
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
      this.released = this.queue.then(async () => {
        if (!this.failed) {
          const replaced = await this.store.compact(this.boardId);
          this.log.debug("board compacted", { board: this.boardId, updates: replaced });
        }
        this.awareness.destroy();
        this.doc.destroy();
      });
    }
    return this.released;
  }

  /** Waits until everything applied so far is stored. */
  flushed(): Promise<void> {
    return this.queue;
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === this) return;
    this.enqueue(async () => {
      await this.store.append(this.boardId, update);
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, MessageType.sync);
      syncProtocol.writeUpdate(message, update);
      const bytes = encoding.toUint8Array(message);
      for (const peer of this.peers.keys()) if (peer !== origin) peer.send(bytes);
      if (++this.sinceCompaction >= this.compactEvery) {
        this.sinceCompaction = 0;
        const replaced = await this.store.compact(this.boardId);
        this.log.debug("board compacted", { board: this.boardId, updates: replaced });
      }
    });
  }

  private onAwareness({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const clients = origin instanceof Object ? this.peers.get(origin as Peer) : undefined;
    if (clients) {
      for (const id of added) clients.add(id);
      for (const id of removed) clients.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    const bytes = awarenessMessage(this.awareness, changed);
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
        this.log.error("board store failed", { board: this.boardId, reason: error });
        this.onStoreFailure(this);
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
