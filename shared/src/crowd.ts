import type * as Y from "yjs";
import { change, containerOf, type JourneyMap } from "./board.js";
import { snapScore } from "./emotion.js";
import { readChild } from "./fields.js";

/**
 * Crowd scoring: during a workshop each participant scores each stage for a segment, privately. The
 * scores go to the relay only (never into a shared document); when the facilitator closes the round
 * the relay writes the group's result onto the segment: per stage the mean and the spread, and the
 * scores of those who chose to share theirs by name.
 */

/** One participant's scores: stageId → -3..+3. */
export type StageScores = Record<string, number>;

export interface StageSpread {
  mean: number;
  min: number;
  max: number;
  count: number;
}

export interface CrowdResult {
  roundId: string;
  closedAt: number;
  participants: number;
  stages: Record<string, StageSpread>;
  /** Participants who opted in: name → their scores. */
  shared: Record<string, StageScores>;
}

/** A round as the control document shows it to everyone (no scores in it, only how many scored). */
export interface ScoringRound {
  roundId: string;
  mapId: string;
  segmentId: string;
  status: "open" | "closed";
  submitted: number;
}

export function cleanScores(scores: unknown): StageScores {
  const clean: StageScores = {};
  if (typeof scores !== "object" || scores === null) return clean;
  for (const [stageId, score] of Object.entries(scores)) {
    if (typeof score === "number" && Number.isFinite(score) && stageId.length <= 64) clean[stageId] = snapScore(score);
  }
  return clean;
}

/** The group's mean and spread per stage, over the participants who scored it. */
export function aggregateScores(all: readonly StageScores[]): Record<string, StageSpread> {
  const byStage = new Map<string, number[]>();
  for (const scores of all) {
    for (const [stageId, score] of Object.entries(scores))
      byStage.set(stageId, [...(byStage.get(stageId) ?? []), score]);
  }
  return Object.fromEntries(
    [...byStage].map(([stageId, scores]) => [
      stageId,
      {
        mean: Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100,
        min: Math.min(...scores),
        max: Math.max(...scores),
        count: scores.length,
      },
    ]),
  );
}

export function readCrowd(map: JourneyMap, segmentId: string): CrowdResult | null {
  const value = readChild(containerOf(map, "segments"), segmentId)?.get("crowd");
  return typeof value === "object" && value !== null && "stages" in value ? (value as CrowdResult) : null;
}

export function writeCrowd(map: JourneyMap, segmentId: string, result: CrowdResult): void {
  change(map.board, () => readChild(containerOf(map, "segments"), segmentId)?.set("crowd", result));
}

/** The current round, from a board's control document. */
export function readScoring(control: Y.Doc): ScoringRound | null {
  const round = control.getMap("scoring");
  const roundId = round.get("roundId");
  const mapId = round.get("mapId");
  const segmentId = round.get("segmentId");
  const status = round.get("status");
  if (
    typeof roundId !== "string" ||
    typeof mapId !== "string" ||
    typeof segmentId !== "string" ||
    (status !== "open" && status !== "closed")
  ) {
    return null;
  }
  const submitted = round.get("submitted");
  return { roundId, mapId, segmentId, status, submitted: typeof submitted === "number" ? submitted : 0 };
}

export function writeScoring(control: Y.Doc, round: ScoringRound, origin: unknown): void {
  control.transact(() => {
    const map = control.getMap("scoring");
    for (const [key, value] of Object.entries(round)) if (map.get(key) !== value) map.set(key, value);
  }, origin);
}
