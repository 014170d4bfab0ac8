import type { EmotionPoint, Note, Stage } from "../schema.js";

/**
 * Moments of truth, derived from an emotion curve: where the customer's feeling peaks, bottoms out, or
 * falls furthest from one stage to the next. Placed moment-of-truth notes are shown with them.
 */
export type MomentKind = "peak" | "trough" | "drop";

export interface DerivedMoment {
  stageId: string;
  kind: MomentKind;
  score: number;
  /** For a drop: how far the score fell from the stage before (a positive number). */
  fall?: number;
}

/** A drop counts when the score falls at least this far between neighbouring scored stages. */
export const SIGNIFICANT_FALL = 2;

export function momentsOfTruth(stages: readonly Stage[], curve: readonly EmotionPoint[]): DerivedMoment[] {
  const byStage = new Map(curve.map((p) => [p.stageId, p.score]));
  const scored = stages.flatMap((s) => {
    const score = byStage.get(s.id);
    return score === undefined ? [] : [{ stageId: s.id, score }];
  });
  const moments: DerivedMoment[] = [];
  scored.forEach((point, i) => {
    const before = scored[i - 1]?.score;
    const after = scored[i + 1]?.score;
    const neighbours = [before, after].filter((n): n is number => n !== undefined);
    if (neighbours.length === 0) return;
    if (point.score >= 1 && neighbours.every((n) => point.score > n)) {
      moments.push({ stageId: point.stageId, kind: "peak", score: point.score });
    }
    if (point.score <= -1 && neighbours.every((n) => point.score < n)) {
      moments.push({ stageId: point.stageId, kind: "trough", score: point.score });
    }
  });
  const falls = scored.slice(1).map((point, i) => ({ point, fall: (scored[i]?.score ?? 0) - point.score }));
  const largest = Math.max(0, ...falls.map((f) => f.fall));
  if (largest >= SIGNIFICANT_FALL) {
    for (const { point, fall } of falls) {
      if (fall === largest) moments.push({ stageId: point.stageId, kind: "drop", score: point.score, fall });
    }
  }
  return moments;
}

/** The moment-of-truth notes placed in each stage, for drawing them on the curve. */
export function placedMoments(notes: readonly Note[]): Map<string, Note[]> {
  const byStage = new Map<string, Note[]>();
  for (const note of notes) {
    if (note.kind !== "moment-of-truth" || !note.cell) continue;
    byStage.set(note.cell.stageId, [...(byStage.get(note.cell.stageId) ?? []), note]);
  }
  return byStage;
}
