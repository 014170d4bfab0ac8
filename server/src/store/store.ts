import type { Role } from "@journeyboard/shared";

/** The current generation of each role's share links on a board. */
export type LinkGenerations = Record<Role, number>;

/**
 * Where boards live between sessions. A board is a log of raw Yjs updates, appended as they arrive
 * and compacted now and then into one snapshot. The relay stores an update before it relays it.
 */
export interface BoardStore {
  /** Writes a new board's first state. Fails if the board exists. */
  create(boardId: string, initial: Uint8Array): Promise<void>;
  exists(boardId: string): Promise<boolean>;
  /** The board's link generations, or undefined when there is no such board. */
  generations(boardId: string): Promise<LinkGenerations | undefined>;
  setGenerations(boardId: string, generations: LinkGenerations): Promise<void>;
  /**
   * Moves one role's generation on, in one step that a revocation of another role at the same time (from
   * any process sharing the store) cannot undo; resolves with the generations after it.
   */
  revokeGeneration(boardId: string, role: Role): Promise<LinkGenerations>;
  /**
   * Every stored update of a document, oldest first; empty for an unknown one. A board has two
   * documents: its content (named by the board id) and its facilitator-only control document.
   */
  load(docName: string): Promise<Uint8Array[]>;
  /**
   * Appends updates in order, in one atomic write (the relay's group commit: everything that arrived
   * while the previous write was under way). Resolves once they are on disk: a crash of the process
   * after that loses none of them, one during it all of them.
   */
  append(docName: string, updates: readonly Uint8Array[]): Promise<void>;
  /** Replaces a document's stored updates with one snapshot holding them all. */
  compact(docName: string): Promise<Compaction>;
  /** Whether any board is stored. */
  hasBoards(): Promise<boolean>;
  /** The fingerprint of the key that signed this store's links, once one was recorded. */
  keyFingerprint(): Promise<string | undefined>;
  setKeyFingerprint(fingerprint: string): Promise<void>;
  /**
   * Why the store takes no writes now, or undefined when it does. A failed write makes it refuse every
   * write until it has recovered by itself (see level-store.ts); reads go on.
   */
  failure(): string | undefined;
  /** Writes a small record, to learn whether the disk takes writes; fails when it does not. */
  probe(): Promise<void>;
  /** Drops what the store keeps in memory for a document that is no longer loaded. */
  forget(docName: string): void;
  close(): Promise<void>;
}

export interface Compaction {
  /** How many stored updates the snapshot replaced (0 when there was nothing to compact). */
  replaced: number;
  /** The document's stored size afterwards, in bytes. */
  bytes: number;
}
