/**
 * Where boards live between sessions. A board is a log of raw Yjs updates, appended as they arrive
 * and compacted now and then into one snapshot. The relay stores an update before it relays it.
 */
export interface BoardStore {
  /** Writes a new board's first state. Fails if the board exists. */
  create(boardId: string, initial: Uint8Array): Promise<void>;
  exists(boardId: string): Promise<boolean>;
  /** Every stored update of a board, oldest first; empty for an unknown board. */
  load(boardId: string): Promise<Uint8Array[]>;
  /** Resolves once the update is on disk: a crash of the process after that loses nothing. */
  append(boardId: string, update: Uint8Array): Promise<void>;
  /** Replaces the stored updates with one snapshot that holds them all; returns how many it replaced. */
  compact(boardId: string): Promise<number>;
  /** Drops what the store keeps in memory for a board that is no longer loaded. */
  forget(boardId: string): void;
  close(): Promise<void>;
}
