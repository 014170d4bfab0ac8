import type { Role, StageScores } from "@journeyboard/shared";

/** What one participant scored in a crowd-scoring round; never sent to another participant. */
export interface PrivateScores {
  participantId: string;
  scores: StageScores;
  /** The name to show these scores under once the round closes, or null to keep them private. */
  shareAs: string | null;
}

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
   * Every stored update of a document, oldest first; empty for an unknown one. A board has two
   * documents: its content (named by the board id) and its facilitator-only control document.
   */
  load(docName: string): Promise<Uint8Array[]>;
  /** Resolves once the update is on disk: a crash of the process after that loses nothing. */
  append(docName: string, update: Uint8Array): Promise<void>;
  /** Replaces a document's stored updates with one snapshot holding them all. */
  compact(docName: string): Promise<Compaction>;
  /** Keeps one participant's private crowd scores for a round (replacing what they sent before). */
  putScores(boardId: string, roundId: string, participantId: string, entry: PrivateScores): Promise<void>;
  /** Every participant's private scores for a round. */
  listScores(boardId: string, roundId: string): Promise<PrivateScores[]>;
  /** Forgets a round's private scores (once its result is published, nobody needs them). */
  deleteScores(boardId: string, roundId: string): Promise<void>;
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
