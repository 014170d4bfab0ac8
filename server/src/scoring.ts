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
  type StageScores,
  writeCrowd,
  writeScoring,
} from "@journeyboard/shared";
import type { BoardQueue } from "./board-queue.js";
import type { Logger } from "./log.js";
import type { Rooms } from "./relay/rooms.js";

/** The relay's own changes carry this origin (they are stored and relayed like a participant's). */
const RELAY_ORIGIN = "relay";

/** Scorers one round takes, so that nobody can grow the store without end. */
export const MAX_SCORERS = 500;

export class ScoringError extends Error {}

/** What one participant scored in a crowd-scoring round; never sent to another participant. */
export interface PrivateScores {
  participantId: string;
  scores: StageScores;
  /** The name to show these scores under once the round closes, or null to keep them private. */
  shareAs: string | null;
}

/**
 * Crowd-scoring rounds, one at a time per board. The facilitator opens a round for a segment of a map;
 * each participant's scores come to the relay alone and stay in its memory, never on disk (a deleted
 * record stays readable in LevelDB's files for a while); closing the round writes only the group's
 * result (and the scores of those who shared theirs by name) into the control document, which nobody
 * but facilitators can write, and forgets the rest. A restart during an open round loses its scores.
 */
export class Scoring {
  /** Operations on one board's round run one after the other: a close never meets a submit midway. */
  /** Each board's open round and its private scores, by participant. */
  private readonly rounds = new Map<string, { roundId: string; scores: Map<string, PrivateScores> }>();

  constructor(
    private readonly rooms: Rooms,
    /** The board's one queue of facilitation operations, shared with the other facilitation features. */
    private readonly queue: BoardQueue,
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
      this.rounds.set(boardId, { roundId: round.roundId, scores: new Map() });
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
      const kept = this.scoresOf(boardId, roundId);
      if (kept.size >= MAX_SCORERS && !kept.has(participantId)) {
        throw new ScoringError(`this round has taken ${MAX_SCORERS} scorers`);
      }
      kept.set(participantId, { participantId, scores: clean, shareAs: name });
      const submitted = kept.size;
      const privateScores = privateCounts(
        [...kept.values()].map((e) => ({ scores: e.scores, shared: e.shareAs !== null })),
      );
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
      const entries = [...this.scoresOf(boardId, round.roundId).values()];
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
      this.rounds.delete(boardId);
      this.log.info("scoring closed", { board: boardId, round: round.roundId, participants: entries.length });
      return result;
    });
  }

  /** The private scores kept for a round (none yet after a restart during the round: they were lost). */
  private scoresOf(boardId: string, roundId: string): Map<string, PrivateScores> {
    let round = this.rounds.get(boardId);
    if (round?.roundId !== roundId) {
      round = { roundId, scores: new Map() };
      this.rounds.set(boardId, round);
    }
    return round.scores;
  }

  private current(boardId: string): Promise<ScoringRound | null> {
    return this.rooms.change({ boardId, kind: "control" }, (room) => readScoring(room.doc));
  }
}
