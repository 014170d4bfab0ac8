import {
  aggregateScores,
  type CrowdResult,
  cleanScores,
  getMap,
  listSegments,
  listStages,
  newId,
  openBoard,
  privateCounts,
  readScoring,
  type ScoringRound,
  writeCrowd,
  writeScoring,
} from "@journeyboard/shared";
import type { BoardQueue } from "./board-queue.js";
import type { Logger } from "./log.js";
import type { Rooms } from "./relay/rooms.js";
import type { BallotBox, Poll } from "./store/ballots.js";

/** The relay's own changes carry this origin (they are stored and relayed like a participant's). */
const RELAY_ORIGIN = "relay";

/** Scorers one round takes, so that nobody can grow the store without end. */
export const MAX_SCORERS = 500;

export class ScoringError extends Error {}

/**
 * Crowd-scoring rounds, one at a time per board. The facilitator opens a round for a segment of a map;
 * each participant's scores come to the relay alone and wait in the store's ballot box (so a restart
 * keeps them), never in a document; closing the round writes only the group's result (and the scores of
 * those who shared theirs by name) into the control document, which nobody but facilitators can write,
 * and drops the rest from the store. Operations on one board's round run one after the other in its
 * facilitation queue: a close never meets a submit midway.
 */
export class Scoring {
  constructor(
    private readonly rooms: Rooms,
    /** The board's one queue of facilitation operations, shared with the other facilitation features. */
    private readonly queue: BoardQueue,
    private readonly ballots: BallotBox,
    private readonly log: Logger,
  ) {}

  open(boardId: string, mapId: string, segmentId: string): Promise<ScoringRound> {
    return this.queue.run(boardId, async () => {
      if ((await this.current(boardId))?.status === "open") throw new ScoringError("a round is open: close it first");
      const known = await this.rooms.change({ boardId, kind: "board" }, (room) => {
        const map = getMap(openBoard(room.doc), mapId);
        return map !== undefined && listSegments(map).some((s) => s.id === segmentId);
      });
      if (!known) throw new ScoringError("no such segment on this map");
      const round: ScoringRound = {
        roundId: newId(),
        mapId,
        segmentId,
        status: "open",
        submitted: 0,
        privateScores: {},
      };
      await this.rooms.change({ boardId, kind: "control" }, (room) => writeScoring(room.doc, round, RELAY_ORIGIN));
      await this.ballots.drop(boardId, "scoring");
      this.log.info("scoring opened", { board: boardId, round: round.roundId, segment: segmentId });
      return round;
    });
  }

  /** Keeps a participant's scores, keyed by the id the relay issued them (auth/participants.ts): a resend replaces. */
  submit(boardId: string, roundId: string, participantId: string, scores: unknown, shareAs: unknown): Promise<number> {
    return this.queue.run(boardId, async () => {
      const round = await this.current(boardId);
      if (!round || round.roundId !== roundId || round.status !== "open")
        throw new ScoringError("this round is not open");
      const stages = await this.rooms.change({ boardId, kind: "board" }, (room) => {
        const map = getMap(openBoard(room.doc), round.mapId);
        return new Set(map ? listStages(map).map((s) => s.id) : []);
      });
      const clean = Object.fromEntries(Object.entries(cleanScores(scores)).filter(([stageId]) => stages.has(stageId)));
      const name = typeof shareAs === "string" && shareAs.trim() ? shareAs.trim().slice(0, 40) : null;
      const poll = roundOf(boardId, roundId);
      const before = await this.ballots.ballots(poll);
      // A round's first scores: any left by a round superseded in the control document go.
      if (before.length === 0) await this.ballots.drop(boardId, "scoring", roundId);
      const resent = (await this.ballots.ballot(poll, participantId)) !== undefined;
      if (before.length >= MAX_SCORERS && !resent) {
        throw new ScoringError(`this round has taken ${MAX_SCORERS} scorers`);
      }
      await this.ballots.cast(poll, participantId, { scores: clean, shareAs: name });
      const kept = await this.ballots.ballots(poll);
      const submitted = kept.length;
      const privateScores = privateCounts(kept.map((e) => ({ scores: e.scores, shared: e.shareAs !== null })));
      await this.rooms.change({ boardId, kind: "control" }, (room) =>
        writeScoring(room.doc, { ...round, submitted, privateScores }, RELAY_ORIGIN),
      );
      return submitted;
    });
  }

  close(boardId: string): Promise<CrowdResult> {
    return this.queue.run(boardId, async () => {
      const round = await this.current(boardId);
      if (round?.status !== "open") throw new ScoringError("no round is open");
      const entries = await this.ballots.ballots(roundOf(boardId, round.roundId));
      const result: CrowdResult = {
        roundId: round.roundId,
        closedAt: Date.now(),
        participants: entries.length,
        stages: aggregateScores(entries.map((e) => ({ scores: e.scores, shared: e.shareAs !== null }))),
        shared: Object.fromEntries(entries.flatMap((e) => (e.shareAs ? [[e.shareAs, e.scores]] : []))),
      };
      await this.rooms.change({ boardId, kind: "control" }, (room) => {
        writeCrowd(room.doc, round.mapId, round.segmentId, result, RELAY_ORIGIN);
        writeScoring(room.doc, { ...round, status: "closed", submitted: entries.length }, RELAY_ORIGIN);
      });
      // The result is all anyone will see of them: individual scores are not kept beyond it.
      await this.ballots.drop(boardId, "scoring");
      this.log.info("scoring closed", { board: boardId, round: round.roundId, participants: entries.length });
      return result;
    });
  }

  private current(boardId: string): Promise<ScoringRound | null> {
    return this.rooms.change({ boardId, kind: "control" }, (room) => readScoring(room.doc));
  }
}

function roundOf(boardId: string, roundId: string): Poll<"scoring"> {
  return { boardId, kind: "scoring", pollId: roundId };
}
