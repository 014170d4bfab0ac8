import { CloseCode, createBoard, locksIn, newBoardId } from "@journeyboard/shared";
import { type BoardFile, importBoard } from "@journeyboard/shared/file";
import * as Y from "yjs";
import type { Limits } from "../config.js";
import type { Logger } from "../log.js";
import type { BoardStore } from "../store/store.js";
import { type DocRef, docName } from "./documents.js";
import { type Peer, Room } from "./room.js";
import type { SharedLog } from "./shared-log.js";

export interface LoadRefusal {
  code: CloseCode;
  reason: string;
}

/** Who loaded a document for the relay's own work (a crowd-scoring result), not for a connection. */
const RELAY = "";

/**
 * The documents in memory: one is loaded on its first connection (before anyone is answered) and
 * released after its last connection leaves, once everything is stored.
 *
 * Memory is budgeted by the documents' stored size, in total and per address: each document counts
 * against the address whose connection caused its load, until it is released. A document still loading
 * counts as the largest a document may be, so that loads started at once cannot overrun the budget.
 */
export class Rooms {
  private readonly rooms = new Map<string, Promise<Room | undefined>>();
  private readonly releasing = new Map<string, Promise<void>>();
  /** Each document admitted, loading or loaded, and the address it counts against. */
  private readonly loadedFor = new Map<string, string>();
  private readonly loaded = new Map<string, Room>();
  private readonly controlLoaded: ((room: Room) => void)[] = [];

  constructor(
    private readonly store: BoardStore,
    private readonly log: Logger,
    private readonly compactEvery: number,
    private readonly limits: Pick<
      Limits,
      "maxBoardsInMemory" | "maxDocBytes" | "maxLoadedBytes" | "maxLoadedBytesPerAddress"
    >,
    /** Called when a room's store failed: its connections must go, so that they resync later. */
    private readonly onStoreFailure: (room: Room) => void,
    /** With several relay processes: each loaded document's log, shared with the others (cluster/). */
    private readonly share?: (ref: DocRef) => SharedLog,
  ) {}

  /** Runs `listener` each time a board's control document is loaded (after a restart, say). */
  onControlLoaded(listener: (room: Room) => void): void {
    this.controlLoaded.push(listener);
  }

  /** How many documents are in memory (or loading). */
  get size(): number {
    return this.rooms.size;
  }

  /** Stored bytes of the documents in memory, a loading one counted as the largest allowed. */
  get loadedBytes(): number {
    return this.bytesFor();
  }

  /**
   * Admits a connection from `address` to a document: nothing to decide when the document is in memory
   * already; otherwise its load is counted against the address now, or refused when memory (in total,
   * or of the boards that address loaded) is at its budget. The connection opens the document next.
   */
  admit(ref: DocRef, address: string): LoadRefusal | undefined {
    const name = docName(ref);
    if (this.loadedFor.has(name)) return undefined;
    if (this.loadedFor.size >= this.limits.maxBoardsInMemory || this.bytesFor() >= this.limits.maxLoadedBytes) {
      return { code: CloseCode.serverBusy, reason: "the server is busy: try again in a moment" };
    }
    if (this.bytesFor(address) >= this.limits.maxLoadedBytesPerAddress) {
      return {
        code: CloseCode.addressMemoryFull,
        reason: "the boards open from this address take all the memory it may use: try again later",
      };
    }
    this.loadedFor.set(name, address);
    return undefined;
  }

  /** Stored bytes of the documents counted against an address, or of all of them. */
  private bytesFor(address?: string): number {
    let bytes = 0;
    for (const [name, owner] of this.loadedFor) {
      if (address === undefined || owner === address) bytes += this.loaded.get(name)?.bytes ?? this.limits.maxDocBytes;
    }
    return bytes;
  }

  /** Writes a new board from the method's template and returns its id. */
  async create(title?: string): Promise<string> {
    const id = newBoardId();
    const doc = new Y.Doc();
    createBoard(doc, title === undefined ? {} : { title });
    await this.store.create(id, Y.encodeStateAsUpdate(doc));
    // Nothing of a board stays in memory until someone opens it.
    this.store.forget(id);
    doc.destroy();
    this.log.info("board created", { board: id });
    return id;
  }

  /**
   * Writes a new board from a checked Journeyboard file (ids kept, crowd results into its control
   * document) and returns its id; a board over the stored-size limit is refused before anything is stored.
   */
  async createFrom(file: BoardFile, source: string): Promise<string> {
    const id = newBoardId();
    const doc = new Y.Doc();
    const control = new Y.Doc();
    try {
      importBoard(doc, file, control);
      const update = Y.encodeStateAsUpdate(doc);
      if (update.length > this.limits.maxDocBytes) {
        throw new BoardTooLarge(
          `the board would be stored in ${update.length} bytes; at most ${this.limits.maxDocBytes} are allowed`,
        );
      }
      await this.store.create(id, update);
      const controlName = docName({ boardId: id, kind: "control" });
      if (control.store.clients.size > 0) await this.store.append(controlName, [Y.encodeStateAsUpdate(control)]);
      this.store.forget(id);
      this.store.forget(controlName);
      const notes = file.maps.reduce((sum, map) => sum + map.notes.length, 0);
      this.log.info("board created", { board: id, from: source, maps: file.maps.length, notes, bytes: update.length });
      return id;
    } finally {
      doc.destroy();
      control.destroy();
    }
  }

  /** The loaded room of a document, loading it if needed; undefined when no such board is stored. */
  async open(ref: DocRef): Promise<Room | undefined> {
    const name = docName(ref);
    for (;;) {
      await this.releasing.get(name);
      const room = await (this.rooms.get(name) ?? this.load(ref));
      // A room being released is gone; wait for its release and load it afresh.
      if (!room?.closing) return room;
    }
  }

  private load(ref: DocRef): Promise<Room | undefined> {
    const name = docName(ref);
    const room = Room.load(ref, this.store, this.log, {
      compactEvery: this.compactEvery,
      onStoreFailure: (failed) => this.onStoreFailure(failed),
      shared: this.share?.(ref),
    }).then((loaded) => this.withLocks(loaded));
    this.rooms.set(name, room);
    if (!this.loadedFor.has(name)) this.loadedFor.set(name, RELAY);
    const forget = () => {
      this.rooms.delete(name);
      this.loadedFor.delete(name);
    };
    room.then((loaded) => {
      if (!loaded) return forget();
      this.loaded.set(name, loaded);
      this.refreshLocks(ref.boardId);
      this.log.info("board loaded", { board: ref.boardId, doc: ref.kind, bytes: loaded.bytes });
      if (ref.kind === "control") for (const listener of this.controlLoaded) listener(loaded);
    }, forget);
    return room;
  }

  /**
   * A board learns its locks from its control document before anyone joins it (none can be read: the
   * board does not open). A control document keeps its board's locks current while it is in memory,
   * which is whenever it changes.
   */
  private async withLocks(room: Room | undefined): Promise<Room | undefined> {
    if (room?.ref.kind === "control") {
      room.doc.on("update", () => this.refreshLocks(room.boardId));
    } else if (room) {
      try {
        room.locks = await this.change({ boardId: room.boardId, kind: "control" }, (control) => locksIn(control.doc));
      } catch (error) {
        await room.release();
        throw error;
      }
    }
    return room;
  }

  private refreshLocks(boardId: string): void {
    const board = this.loaded.get(docName({ boardId, kind: "board" }));
    const control = this.loaded.get(docName({ boardId, kind: "control" }));
    if (board && control) board.locks = locksIn(control.doc);
  }

  /**
   * Changes a document from the relay itself (not from a participant): loads it if needed, runs `fn`,
   * and releases it again when nobody is on it. The change is stored and relayed like any other, and
   * the promise settles once it is stored, so what follows (dropping a closed round's ballots) never
   * outruns it.
   */
  async change<T>(ref: DocRef, fn: (room: Room) => T): Promise<T> {
    let room: Room | undefined;
    do room = await this.open(ref);
    while (room?.closing);
    if (!room) throw new Error(`board ${ref.boardId} not found`);
    try {
      const result = fn(room);
      await room.stored();
      return result;
    } finally {
      this.releaseIfIdle(room);
    }
  }

  /** Takes a peer out of its room and releases the room when it was the last one. */
  leave(room: Room, peer: Peer): void {
    room.leave(peer);
    this.releaseIfIdle(room);
  }

  releaseIfIdle(room: Room): void {
    if (room.peers.size === 0) void this.release(room);
  }

  /** Stores and frees a room now, whoever is still in it (their connections must be closed by the caller). */
  async release(room: Room): Promise<void> {
    const pending = this.releasing.get(room.name);
    if (pending) return pending;
    // Already released through another path, whose failure was logged there.
    if (room.closing) return room.release().catch(() => undefined);
    this.rooms.delete(room.name);
    this.loadedFor.delete(room.name);
    this.loaded.delete(room.name);
    const fields = { board: room.boardId, doc: room.ref.kind };
    const done = room
      .release()
      .then(() => this.log.info("board released", fields))
      .catch((error: unknown) => this.log.error("board release failed", { ...fields, reason: error }))
      .finally(() => this.releasing.delete(room.name));
    this.releasing.set(room.name, done);
    return done;
  }

  /** Stores and frees every room (shutdown). */
  async releaseAll(): Promise<void> {
    const loads = await Promise.allSettled(this.rooms.values());
    const rooms = loads.flatMap((load) => (load.status === "fulfilled" && load.value ? [load.value] : []));
    await Promise.allSettled([...rooms.map((room) => this.release(room)), ...this.releasing.values()]);
  }
}

/** A file whose board would be stored over the MAX_DOC_BYTES limit. */
export class BoardTooLarge extends Error {}
