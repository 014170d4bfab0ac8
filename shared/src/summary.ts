import type * as Y from "yjs";
import { readCrowd } from "./crowd.js";
import type { Journey } from "./derive/journey.js";
import { readFeedback } from "./feedback.js";
import { readRounds, readWalkthrough } from "./rounds.js";
import { readRunSheet, readStepRuns, type StepTime, timeByStep } from "./run-sheet.js";
import type { Phase } from "./schema.js";
import { readStageVisits, readTimerRuns, type TimerRun } from "./session-log.js";
import { rankNotes, readVote } from "./voting.js";

/**
 * The session summary of one map: per stage what each walk-through round said and how long it took, the
 * vote's dots and the crowd's scores; then the vote's ranking, the time each run-sheet step took and
 * every timer run. It holds only what the
 * control document already shows everyone, so anyone may read and download it.
 */

/** The shape of the summary as downloaded; a later shape gets a higher number. */
export const SUMMARY_VERSION = 2;

export interface StageSummary {
  stageId: string;
  title: string;
  phase: Phase;
  feedbackByRound: { roundId: string; round: string; feedback: { name: string; text: string; at: number }[] }[];
  /** Time the walk-through spent on the stage, per round: the stage now being walked counts up to now. */
  timeByRound: { roundId: string; round: string; ms: number; visits: number }[];
  /** Dots on the stage's notes, once the vote shows its counts. */
  voteDots: number;
  /** Per segment scored: the group's mean and spread, or withheld (too few private scores to show them). */
  crowd: {
    segmentId: string;
    segment: string;
    mean: number | null;
    sd: number | null;
    count: number;
    withheld: boolean;
  }[];
}

export interface RankedEntry {
  rank: number;
  dots: number;
  noteId: string;
  text: string;
  stage: string;
}

export interface Summary {
  version: typeof SUMMARY_VERSION;
  board: string;
  mapId: string;
  map: string;
  stages: StageSummary[];
  vote: { question: string; status: "open" | "closed"; budget: number; voters: number; ranking: RankedEntry[] } | null;
  /** Time spent per step of the run-sheet (the board's, whatever map each step is on), in agenda order. */
  steps: StepTime[];
  timers: Omit<TimerRun, "v">[];
  generatedAt: number;
}

export interface SummaryInput {
  board: string;
  mapId: string;
  map: string;
  journey: Journey;
}

/** The summary of a map at relay time `now`, from the board's map and its control document. */
export function summarize(input: SummaryInput, control: Y.Doc, now: number): Summary {
  const { journey, mapId } = input;
  const rounds = readRounds(control).filter((r) => r.mapId === mapId);
  const feedback = readFeedback(control).filter((f) => f.mapId === mapId);
  const visits = readStageVisits(control).filter((v) => v.mapId === mapId);
  const walk = readWalkthrough(control);
  if (walk?.status === "running" && walk.mapId === mapId) {
    const { roundId, stageId, stageStartedAt } = walk;
    visits.push({ v: 1, roundId, mapId, stageId, startedAt: stageStartedAt, endedAt: Math.max(stageStartedAt, now) });
  }
  const vote = readVote(control);
  const ofMap = vote?.mapId === mapId ? vote : null;
  const counts = ofMap?.counts ?? {};
  const stageOf = new Map(journey.notes.map((n) => [n.id, n.cell?.stageId]));
  const titles = new Map(journey.stages.map((s) => [s.id, s.title]));
  const crowd = journey.segments.flatMap((segment) => {
    const result = readCrowd(control, mapId, segment.id);
    return result ? [{ segment, result }] : [];
  });
  const stages = journey.stages.map((stage): StageSummary => {
    const here = (stageId: string | undefined) => stageId === stage.id;
    return {
      stageId: stage.id,
      title: stage.title,
      phase: stage.phase,
      feedbackByRound: rounds.map((r) => ({
        roundId: r.roundId,
        round: r.name,
        feedback: feedback
          .filter((f) => f.roundId === r.roundId && here(f.stageId))
          .map(({ name, text, at }) => ({ name, text, at })),
      })),
      timeByRound: rounds.map((r) => {
        const mine = visits.filter((v) => v.roundId === r.roundId && here(v.stageId));
        return {
          roundId: r.roundId,
          round: r.name,
          ms: mine.reduce((sum, v) => sum + Math.max(0, v.endedAt - v.startedAt), 0),
          visits: mine.length,
        };
      }),
      voteDots: Object.entries(counts).reduce((sum, [noteId, dots]) => sum + (here(stageOf.get(noteId)) ? dots : 0), 0),
      crowd: crowd.flatMap(({ segment, result }) => {
        const spread = result.stages[stage.id];
        if (!spread) return [];
        const { mean, sd, count } = spread;
        return [{ segmentId: segment.id, segment: segment.name, mean, sd, count, withheld: mean === null }];
      }),
    };
  });
  const text = new Map(journey.notes.map((n) => [n.id, n.text]));
  const ranked = ofMap ? (ofMap.ranking ?? (ofMap.counts ? rankNotes(ofMap.counts) : [])) : [];
  return {
    version: SUMMARY_VERSION,
    board: input.board,
    mapId,
    map: input.map,
    stages,
    vote: ofMap && {
      question: ofMap.question,
      status: ofMap.status,
      budget: ofMap.budget,
      voters: ofMap.voters,
      ranking: ranked.map((r) => ({
        rank: r.rank,
        dots: r.dots,
        noteId: r.noteId,
        text: text.get(r.noteId) ?? "(note deleted)",
        stage: titles.get(stageOf.get(r.noteId) ?? "") ?? "",
      })),
    },
    steps: stepTimes(control, now),
    timers: readTimerRuns(control).map(({ v: _, ...run }) => run),
    generatedAt: now,
  };
}

function stepTimes(control: Y.Doc, now: number): StepTime[] {
  const { steps, current } = readRunSheet(control);
  return timeByStep(steps, readStepRuns(control), current, now);
}

/** The summary as JSON: keys in a fixed order, versioned, so that a later reader knows what it holds. */
export function toJSON(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}
