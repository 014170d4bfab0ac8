import {
  type DotChange,
  getMap,
  listNotes,
  newId,
  openBoard,
  placeDot,
  rankNotes,
  readNote,
  readVote,
  removeDot,
  tallyDots,
  type Vote,
  type VoteSettings,
  writeVote,
} from "@journeyboard/shared";
import type * as Y from "yjs";
import type { BoardQueue } from "./board-queue.js";
import type { Logger } from "./log.js";
import type { Rooms } from "./relay/rooms.js";
import type { BallotBox, Poll } from "./store/ballots.js";

/** The relay's own changes carry this origin (they are stored and relayed like a participant's). */
const RELAY_ORIGIN = "relay";

/** Voters one vote takes, so that nobody can grow the store without end. */
export const MAX_VOTERS = 500;

/**
 * Opens a vote in the control document (the run-sheet opens a step's vote this way too). Nobody has
 * dots in it yet: the ballot box holds none under its new id, and drops an earlier vote's at its first dot.
 */
export function openVoteIn(control: Y.Doc, mapId: string, settings: VoteSettings): Vote {
  const vote: Vote = {
    ...settings,
    voteId: newId(),
    mapId,
    status: "open",
    voters: 0,
    counts: settings.hidden ? null : {},
    ranking: null,
    closedAt: null,
  };
  writeVote(control, vote, RELAY_ORIGIN);
  return vote;
}

export class VotingError extends Error {}

/** What a participant's dot action left them with: their own dots, which only they are sent. */
export interface MyDots {
  voteId: string;
  dots: string[];
  left: number;
}

/**
 * Dot votes, one at a time per board. Each participant's dots come to the relay alone and wait in the
 * store's ballot box (so a restart keeps them), keyed by the participant id the relay issued
 * (auth/participants.ts). Operations on a board's vote run one after the other, so each placement is
 * checked against the dots the participant already has: two tabs at once, or a client that ignores its
 * budget, cannot get past it. The control document gets the number of voters and, unless the vote is
 * hidden, the count per note; closing the vote writes the counts and the ranking, and drops who placed
 * which dot from the store.
 */
export class Voting {
  constructor(
    private readonly rooms: Rooms,
    /** The board's one queue of facilitation operations, shared with the other facilitation features. */
    private readonly queue: BoardQueue,
    private readonly ballots: BallotBox,
    private readonly log: Logger,
  ) {}

  open(boardId: string, mapId: string, settings: VoteSettings): Promise<Vote> {
    return this.queue.run(boardId, async () => {
      if ((await this.current(boardId))?.status === "open") throw new VotingError("a vote is open: close it first");
      const known = await this.rooms.change({ boardId, kind: "board" }, (room) => !!getMap(openBoard(room.doc), mapId));
      if (!known) throw new VotingError("no such map on this board");
      const vote = await this.rooms.change({ boardId, kind: "control" }, (room) =>
        openVoteIn(room.doc, mapId, settings),
      );
      await this.ballots.drop(boardId, "voting");
      this.log.info("vote opened", { board: boardId, vote: vote.voteId, budget: vote.budget, hidden: vote.hidden });
      return vote;
    });
  }

  /** A participant's dot placed on, or taken off, a note; refused with the reason past the vote's rules. */
  change(
    boardId: string,
    voteId: string,
    participantId: string,
    action: "place" | "remove",
    noteId: string,
  ): Promise<MyDots> {
    return this.queue.run(boardId, async () => {
      const vote = await this.openVote(boardId, voteId);
      const poll = voteOf(boardId, voteId);
      const voters = (await this.ballots.ballots(poll)).length;
      // A vote's first dot: any left by a vote superseded in the control document (a run-sheet step's) go.
      if (voters === 0) await this.ballots.drop(boardId, "voting", voteId);
      const mine = (await this.ballots.ballot(poll, participantId)) ?? [];
      let changed: DotChange;
      if (action === "remove") changed = removeDot(mine, noteId);
      else {
        if (voters >= MAX_VOTERS && mine.length === 0)
          throw new VotingError(`this vote has taken ${MAX_VOTERS} voters`);
        const kind = await this.rooms.change({ boardId, kind: "board" }, (room) => {
          const map = getMap(openBoard(room.doc), vote.mapId);
          return map && readNote(map, noteId)?.kind;
        });
        if (!kind) throw new VotingError("no such note on the vote's map");
        changed = placeDot(vote, mine, noteId, kind);
      }
      if (!changed.ok) throw new VotingError(changed.reason);
      await this.ballots.cast(poll, participantId, changed.dots.length > 0 ? changed.dots : undefined);
      const kept = await this.ballots.ballots(poll);
      const counts = vote.hidden ? null : tallyDots(kept);
      await this.rooms.change({ boardId, kind: "control" }, (room) =>
        writeVote(room.doc, { ...vote, voters: kept.length, counts }, RELAY_ORIGIN),
      );
      return { voteId, dots: changed.dots, left: vote.budget - changed.dots.length };
    });
  }

  /** A participant's own dots in the open vote (after a reload, say). */
  mine(boardId: string, voteId: string, participantId: string): Promise<MyDots> {
    return this.queue.run(boardId, async () => {
      const vote = await this.openVote(boardId, voteId);
      const dots = (await this.ballots.ballot(voteOf(boardId, voteId), participantId)) ?? [];
      return { voteId, dots: [...dots], left: vote.budget - dots.length };
    });
  }

  close(boardId: string): Promise<Vote> {
    return this.queue.run(boardId, async () => {
      const vote = await this.current(boardId);
      if (vote?.status !== "open") throw new VotingError("no vote is open");
      const kept = await this.ballots.ballots(voteOf(boardId, vote.voteId));
      // Dots on notes deleted during the vote do not count.
      const present = await this.rooms.change({ boardId, kind: "board" }, (room) => {
        const map = getMap(openBoard(room.doc), vote.mapId);
        return new Set(map ? listNotes(map).map((n) => n.id) : []);
      });
      const counts = Object.fromEntries(Object.entries(tallyDots(kept)).filter(([id]) => present.has(id)));
      const closed: Vote = {
        ...vote,
        status: "closed",
        voters: kept.length,
        counts,
        ranking: rankNotes(counts),
        closedAt: Date.now(),
      };
      await this.rooms.change({ boardId, kind: "control" }, (room) => writeVote(room.doc, closed, RELAY_ORIGIN));
      // The counts are all anyone will see: who placed which dot is not kept beyond them.
      await this.ballots.drop(boardId, "voting");
      this.log.info("vote closed", { board: boardId, vote: vote.voteId, voters: kept.length });
      return closed;
    });
  }

  private async openVote(boardId: string, voteId: string): Promise<Vote> {
    const vote = await this.current(boardId);
    if (!vote || vote.voteId !== voteId || vote.status !== "open") throw new VotingError("this vote is not open");
    return vote;
  }

  private current(boardId: string): Promise<Vote | null> {
    return this.rooms.change({ boardId, kind: "control" }, (room) => readVote(room.doc));
  }
}

function voteOf(boardId: string, voteId: string): Poll<"voting"> {
  return { boardId, kind: "voting", pollId: voteId };
}
