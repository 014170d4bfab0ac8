import {
  EMOTION_SCALE,
  type EmotionPoint,
  type Grid,
  type GridColumn,
  type GridRow,
  type StageSpread,
  snapScore,
} from "@journeyboard/shared";

/** Geometry of the emotion lane, pure: where a score sits, and which score a height means. */

const PADDING = 28;
const RANGE = EMOTION_SCALE.max - EMOTION_SCALE.min;

export function emotionRow(grid: Grid): GridRow | undefined {
  return grid.rows.find((r) => r.lane.kind === "emotion");
}

export function scoreY(row: GridRow, score: number): number {
  const span = Math.max(1, row.lane.height - 2 * PADDING);
  return row.y + PADDING + ((EMOTION_SCALE.max - score) / RANGE) * span;
}

/** The score (snapped to the scale) at a board height within the emotion lane. */
export function scoreAt(row: GridRow, y: number): number {
  const span = Math.max(1, row.lane.height - 2 * PADDING);
  return snapScore(EMOTION_SCALE.max - ((y - row.y - PADDING) / span) * RANGE);
}

export function stageCenter(column: GridColumn): number {
  return column.x + column.stage.width / 2;
}

/**
 * A curve's points in stage order, flattened for a Konva line: only stages that have a score, each at
 * `x` of its stage (the stage's centre unless the curve stands aside, see emotion-points.ts).
 */
export function curvePoints(
  grid: Grid,
  row: GridRow,
  curve: readonly EmotionPoint[],
  x: (column: GridColumn) => number = stageCenter,
): number[] {
  const byStage = new Map(curve.map((p) => [p.stageId, p.score]));
  return grid.columns.flatMap((column) => {
    const score = byStage.get(column.stage.id);
    return score === undefined ? [] : [x(column), scoreY(row, score)];
  });
}

/**
 * A crowd result's mean line and its band of ± one standard deviation (kept within the scale), both in
 * stage order; null if every stage's figures were withheld. Stages withheld (too few private scores)
 * are left out; a result from before spreads were standard deviations has a mean only, and no band.
 */
export function crowdBandPoints(
  grid: Grid,
  row: GridRow,
  stages: Readonly<Record<string, StageSpread>>,
): { band: number[]; mean: number[] } | null {
  const scored = grid.columns.flatMap((column) => {
    const { mean = null, sd = null } = stages[column.stage.id] ?? {};
    return mean === null ? [] : [{ x: stageCenter(column), mean, sd: sd ?? 0 }];
  });
  if (scored.length === 0) return null;
  const y = (score: number) => scoreY(row, Math.min(EMOTION_SCALE.max, Math.max(EMOTION_SCALE.min, score)));
  return {
    band: [
      ...scored.flatMap((s) => [s.x, y(s.mean + s.sd)]),
      ...[...scored].reverse().flatMap((s) => [s.x, y(s.mean - s.sd)]),
    ],
    mean: scored.flatMap((s) => [s.x, y(s.mean)]),
  };
}
