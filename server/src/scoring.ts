import {
  aggregateScores,
  type CrowdResult,
  cleanScores,
  getMap,
  newId,
  openBoard,
  readScoring,
  type ScoringRound,
  writeCrowd,
  writeScoring,
} from "@journeyboard/shared";
import type { Logger } from "./log.js";
import type { Rooms } from "./relay/rooms.js";
import type { BoardStore } from "./store/store.js";

/** The relay's own changes carry this origin (they are stored and relayed like a participant's). */
const RELAY_ORIGIN = "relay";

export class ScoringError extends Error {}

/**
 * Crowd scoring rounds. The facilitator opens a round for a segment of a map; each participant's
 * scores come to the relay alone and stay in its store; closing the round writes only the group's
 * result (and the scores of those who shared theirs by name) onto the segment, for everyone.
 */
export class Scoring {
  constructor(
    private readonly store: BoardStore,
    private readonly rooms: Rooms,
    private readonly log: Logger,
  ) {}

  async open(boardId: string, mapId: string, segmentId: string): Promise<ScoringRound> {
    const known = await this.rooms.change({ boardId, kind: "board" }, (room) => {
      const map = getMap(openBoard(room.doc), mapId);
      return map !== undefined && map.y.get("segments") !== undefined;
    });
    if (!known) throw new ScoringError("no such map");
    const round: ScoringRound = { roundId: newId(), mapId, segmentId, status: "open", submitted: 0 };
    await this.rooms.change({ boardId, kind: "control" }, (room) => writeScoring(room.doc, round, RELAY_ORIGIN));
    this.log.info("scoring opened", { board: boardId, round: round.roundId, segment: segmentId });
    return round;
  }

  async submit(
    boardId: string,
    roundId: string,
    participantId: string,
    scores: unknown,
    shareAs: unknown,
  ): Promise<number> {
    const round = await this.current(boardId);
    if (!round || round.roundId !== roundId || round.status !== "open")
      throw new ScoringError("this round is not open");
    const name = typeof shareAs === "string" && shareAs.trim() ? shareAs.trim().slice(0, 40) : null;
    await this.store.putScores(boardId, roundId, participantId, { scores: cleanScores(scores), shareAs: name });
    const submitted = (await this.store.listScores(boardId, roundId)).length;
    await this.rooms.change({ boardId, kind: "control" }, (room) =>
      writeScoring(room.doc, { ...round, submitted }, RELAY_ORIGIN),
    );
    return submitted;
  }

  async close(boardId: string): Promise<CrowdResult> {
    const round = await this.current(boardId);
    if (round?.status !== "open") throw new ScoringError("no round is open");
    const entries = await this.store.listScores(boardId, round.roundId);
    const result: CrowdResult = {
      roundId: round.roundId,
      closedAt: Date.now(),
      participants: entries.length,
      stages: aggregateScores(entries.map((e) => e.scores)),
      shared: Object.fromEntries(entries.flatMap((e) => (e.shareAs ? [[e.shareAs, e.scores]] : []))),
    };
    await this.rooms.change({ boardId, kind: "board" }, (room) => {
      const map = getMap(openBoard(room.doc, RELAY_ORIGIN), round.mapId);
      if (map) writeCrowd(map, round.segmentId, result);
    });
    await this.rooms.change({ boardId, kind: "control" }, (room) =>
      writeScoring(room.doc, { ...round, status: "closed", submitted: entries.length }, RELAY_ORIGIN),
    );
    this.log.info("scoring closed", { board: boardId, round: round.roundId, participants: entries.length });
    return result;
  }

  private current(boardId: string): Promise<ScoringRound | null> {
    return this.rooms.change({ boardId, kind: "control" }, (room) => readScoring(room.doc));
  }
}
