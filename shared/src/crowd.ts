import type * as Y from "yjs";
import { snapScore } from "./emotion.js";
import type { Role } from "./protocol.js";

/**
 * Crowd scoring: during a workshop each participant scores each stage for a segment, privately. The
 * scores go to the relay only (never into a shared document); when the facilitator closes the round
 * the relay writes the group's result into the control document (which only facilitators, through the
 * relay, can write): per stage the mean and the standard deviation, and the scores of those who chose
 * to share theirs by name. A stage's mean is withheld while fewer than three people kept their score
 * private, since a mean of one or two scores would give those scores away; its spread (a coarse
 * standard deviation) while fewer than five did, since with three or four the mean and the spread
 * together let one scorer work out the others' scores. The spread is never the lowest and highest
 * score: with three scores, those and the mean are all three.
 */

/** Private scores a stage needs before its mean is shown. */
export const MIN_PRIVATE_SCORES = 3;
/** Private scores a stage needs before its spread is shown too. */
export const MIN_PRIVATE_FOR_SPREAD = 5;

/** How finely the standard deviation is published: coarse, so that it tells the spread, not the scores. */
export const SPREAD_STEP = 0.5;

/**
 * Facilitators and editors score; viewers watch. A viewer's scores would count people who are not
 * taking part, and viewer links are the ones handed out widely: each would be a free extra identity.
 */
export function canScore(role: Role): boolean {
  return role !== "viewer";
}

/** One participant's scores: stageId → -3..+3. */
export type StageScores = Record<string, number>;

export interface StageSpread {
  /** Null while too few private scores would be exposed by it. */
  mean: number | null;
  /** The standard deviation of the stage's scores, rounded to SPREAD_STEP; null below MIN_PRIVATE_FOR_SPREAD. */
  sd: number | null;
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
  /** Per stage, how many kept their score private: tells the facilitator which figures would be withheld. */
  privateScores: Record<string, number>;
}

/** How many private scores each stage has, from every participant's scores. */
export function privateCounts(all: readonly { scores: StageScores; shared: boolean }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of all) {
    if (entry.shared) continue;
    for (const stageId of Object.keys(entry.scores)) counts[stageId] = (counts[stageId] ?? 0) + 1;
  }
  return counts;
}

/** Stages whose mean closing now would withhold, and how many more private scores each needs. */
export function withheldStages(privateScores: Record<string, number>): { stageId: string; needs: number }[] {
  return Object.entries(privateScores)
    .filter(([, count]) => count > 0 && count < MIN_PRIVATE_SCORES)
    .map(([stageId, count]) => ({ stageId, needs: MIN_PRIVATE_SCORES - count }));
}

export function cleanScores(scores: unknown): StageScores {
  const clean: StageScores = {};
  if (typeof scores !== "object" || scores === null) return clean;
  for (const [stageId, score] of Object.entries(scores)) {
    if (typeof score === "number" && Number.isFinite(score) && stageId.length <= 64) clean[stageId] = snapScore(score);
  }
  return clean;
}

/** The group's mean and spread per stage, withheld where it would expose one or two private scores. */
export function aggregateScores(all: readonly { scores: StageScores; shared: boolean }[]): Record<string, StageSpread> {
  const byStage = new Map<string, { scores: number[]; private: number }>();
  for (const entry of all) {
    for (const [stageId, score] of Object.entries(entry.scores)) {
      const stage = byStage.get(stageId) ?? { scores: [], private: 0 };
      stage.scores.push(score);
      if (!entry.shared) stage.private++;
      byStage.set(stageId, stage);
    }
  }
  return Object.fromEntries(
    [...byStage].map(([stageId, { scores, private: hidden }]) => {
      // Scores all shared by name are public anyway.
      const shown = hidden === 0 || hidden >= MIN_PRIVATE_SCORES;
      const spreadShown = hidden === 0 || hidden >= MIN_PRIVATE_FOR_SPREAD;
      const exact = scores.reduce((a, b) => a + b, 0) / scores.length;
      const variance = scores.reduce((sum, score) => sum + (score - exact) ** 2, 0) / scores.length;
      const mean = Math.round(exact * 100) / 100;
      const sd = Math.round(Math.sqrt(variance) / SPREAD_STEP) * SPREAD_STEP;
      return [stageId, { mean: shown ? mean : null, sd: spreadShown ? sd : null, count: scores.length }];
    }),
  );
}

/** The last closed round's result for a segment of a map, from the board's control document. */
export function readCrowd(control: Y.Doc, mapId: string, segmentId: string): CrowdResult | null {
  const value: unknown = control.getMap("crowd").get(`${mapId}/${segmentId}`);
  if (typeof value !== "object" || value === null) return null;
  const { roundId, closedAt, participants, stages, shared } = value as Record<string, unknown>;
  if (typeof roundId !== "string" || typeof closedAt !== "number" || typeof participants !== "number") return null;
  if (typeof stages !== "object" || stages === null || typeof shared !== "object" || shared === null) return null;
  const clean: Record<string, StageSpread> = {};
  for (const [stageId, spread] of Object.entries(stages)) {
    // Results written before the spread was a standard deviation hold min and max instead: left unread.
    const { mean, sd, count } = (spread ?? {}) as Record<string, unknown>;
    const figure = (n: unknown) => (typeof n === "number" && Number.isFinite(n) ? n : null);
    if (typeof count === "number") clean[stageId] = { mean: figure(mean), sd: figure(sd), count };
  }
  const named: Record<string, StageScores> = {};
  for (const [name, scores] of Object.entries(shared)) named[name] = cleanScores(scores);
  return { roundId, closedAt, participants, stages: clean, shared: named };
}

export function writeCrowd(
  control: Y.Doc,
  mapId: string,
  segmentId: string,
  result: CrowdResult,
  origin: unknown,
): void {
  control.transact(() => control.getMap("crowd").set(`${mapId}/${segmentId}`, result), origin);
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
  const counts = round.get("privateScores");
  const privateScores: Record<string, number> = {};
  if (typeof counts === "object" && counts !== null) {
    for (const [stageId, count] of Object.entries(counts))
      if (typeof count === "number") privateScores[stageId] = count;
  }
  return {
    roundId,
    mapId,
    segmentId,
    status,
    submitted: typeof submitted === "number" ? submitted : 0,
    privateScores,
  };
}

export function writeScoring(control: Y.Doc, round: ScoringRound, origin: unknown): void {
  control.transact(() => {
    const map = control.getMap("scoring");
    for (const [key, value] of Object.entries(round)) if (map.get(key) !== value) map.set(key, value);
  }, origin);
}
