import type { StageScores } from "@journeyboard/shared";

/** What one participant scored in a crowd-scoring round. */
export interface ScoreBallot {
  scores: StageScores;
  /** The name to show these scores under once the round closes, or null to keep them private. */
  shareAs: string | null;
}

/** What a ballot holds, by the kind of poll it is cast in: a crowd-scoring round's scores, a dot vote's dots. */
export interface BallotKinds {
  scoring: ScoreBallot;
  /** The ids of the notes the participant put a dot on, one entry per dot. */
  voting: string[];
}

export type PollKind = keyof BallotKinds;

/** A crowd-scoring round or a dot vote of a board, named by the id the control document gives it. */
export interface Poll<K extends PollKind = PollKind> {
  boardId: string;
  kind: K;
  pollId: string;
}

/**
 * Where the relay keeps participants' private inputs (their crowd scores, their dots) while a poll is
 * open: sent to the relay only, never into a Yjs document, so that a restart, or another relay process
 * serving the board, finds them. A participant is the id the relay issued them (auth/participants.ts).
 * Callers change a board's ballots within its facilitation turn (board-queue.ts): a read and the write it
 * allows never interleave with another's, so these operations need not be atomic with each other.
 */
export interface BallotBox {
  /** A participant's ballot in a poll, or undefined when they have cast none. */
  ballot<K extends PollKind>(poll: Poll<K>, participantId: string): Promise<BallotKinds[K] | undefined>;
  /** Puts a participant's ballot in a poll, replacing theirs; undefined takes theirs out. */
  cast<K extends PollKind>(poll: Poll<K>, participantId: string, ballot: BallotKinds[K] | undefined): Promise<void>;
  /** Every ballot cast in a poll, in no particular order (who cast which is not needed to count them). */
  ballots<K extends PollKind>(poll: Poll<K>): Promise<BallotKinds[K][]>;
  /**
   * Drops every ballot of the board's polls of this kind, but those of the poll `keep` (a closed or
   * superseded poll's), so that nothing private outlives the poll it was cast in.
   */
  drop(boardId: string, kind: PollKind, keep?: string): Promise<void>;
}
