import type { EmotionPoint, Note, Segment, Stage } from "../schema.js";

/**
 * Two maps side by side, stage by stage: typically the current state and the future state made from
 * it. A duplicated map keeps the ids of its stages, notes and segments, so they match across the two.
 */
export interface StageComparison {
  stageId: string;
  title: string;
  /** Notes in this stage of the second map that the first map does not have (by id). */
  added: number;
  /** Notes in this stage of the first map that the second map no longer has. */
  removed: number;
  /** Per segment: the second map's score minus the first's, or null when either is unscored. */
  emotionChange: Record<string, number | null>;
}

export interface MapSide {
  stages: readonly Stage[];
  notes: readonly Note[];
  curves: ReadonlyMap<string, readonly EmotionPoint[]>;
}

export function compareMaps(before: MapSide, after: MapSide, segments: readonly Segment[]): StageComparison[] {
  const stageOf = (side: MapSide) => {
    const byStage = new Map<string, Set<string>>();
    for (const note of side.notes) {
      if (!note.cell) continue;
      const ids = byStage.get(note.cell.stageId) ?? new Set<string>();
      ids.add(note.id);
      byStage.set(note.cell.stageId, ids);
    }
    return byStage;
  };
  const [was, is] = [stageOf(before), stageOf(after)];
  const score = (side: MapSide, segmentId: string, stageId: string) =>
    side.curves.get(segmentId)?.find((p) => p.stageId === stageId)?.score;
  return after.stages.map((stage) => {
    const then = was.get(stage.id) ?? new Set<string>();
    const now = is.get(stage.id) ?? new Set<string>();
    const emotionChange: Record<string, number | null> = {};
    for (const segment of segments) {
      const a = score(before, segment.id, stage.id);
      const b = score(after, segment.id, stage.id);
      emotionChange[segment.id] = a === undefined || b === undefined ? null : b - a;
    }
    return {
      stageId: stage.id,
      title: stage.title,
      added: [...now].filter((id) => !then.has(id)).length,
      removed: [...then].filter((id) => !now.has(id)).length,
      emotionChange,
    };
  });
}
