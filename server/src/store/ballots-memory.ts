import type { BallotBox, BallotKinds, Poll, PollKind } from "./ballots.js";

/**
 * The ballot box of the embedded store: the relay's memory, never the disk. A participant's private
 * scores and dots are in no file of the data directory, ever (LevelDB would keep a deleted record in
 * its table files until it rewrites them, which it may never do for its bottom level); the price is
 * that a restart of the relay during an open poll loses the ballots cast so far. Relays sharing boards
 * through PostgreSQL keep them in its `ballots` table instead (ballots-pg.ts), where each can count them.
 */
export class MemoryBallotBox implements BallotBox {
  /** Each open poll's ballots by participant, under `<board> <kind> <poll>`. */
  private readonly polls = new Map<string, Map<string, BallotKinds[PollKind]>>();

  async ballot<K extends PollKind>(poll: Poll<K>, participantId: string): Promise<BallotKinds[K] | undefined> {
    return this.polls.get(keyOf(poll))?.get(participantId) as BallotKinds[K] | undefined;
  }

  async cast<K extends PollKind>(
    poll: Poll<K>,
    participantId: string,
    ballot: BallotKinds[K] | undefined,
  ): Promise<void> {
    const key = keyOf(poll);
    const ballots = this.polls.get(key) ?? new Map<string, BallotKinds[PollKind]>();
    if (ballot === undefined) ballots.delete(participantId);
    else ballots.set(participantId, ballot);
    if (ballots.size > 0) this.polls.set(key, ballots);
    else this.polls.delete(key);
  }

  async ballots<K extends PollKind>(poll: Poll<K>): Promise<BallotKinds[K][]> {
    return [...(this.polls.get(keyOf(poll))?.values() ?? [])] as BallotKinds[K][];
  }

  async drop(boardId: string, kind: PollKind, keep?: string): Promise<void> {
    const prefix = `${boardId} ${kind} `;
    for (const key of [...this.polls.keys()]) {
      if (key.startsWith(prefix) && key !== `${prefix}${keep}`) this.polls.delete(key);
    }
  }

  /** How many polls hold ballots: what a test reads to see that nothing lingers. */
  get openPolls(): number {
    return this.polls.size;
  }
}

function keyOf(poll: Poll): string {
  return `${poll.boardId} ${poll.kind} ${poll.pollId}`;
}
