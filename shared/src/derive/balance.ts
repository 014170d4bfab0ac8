import { countedKind } from "../lanes.js";
import {
  type EmotionPoint,
  type Lane,
  type Note,
  type Phase,
  Phase as Phases,
  type Segment,
  type Stage,
} from "../schema.js";

/**
 * The pre-sale/post-sale balance the method asks about: is the experience after the sale as rich and as
 * good as before it? Counts per phase, average emotion per segment, stages without a touchpoint, and a
 * one-line verdict when the post-sale side is clearly thinner or lower. A plain note counts as what its
 * lane makes it (one in "Pain points" is a pain point), as a person reading the map would count it.
 */
export interface PhaseFigures {
  phase: Phase;
  stages: number;
  notes: number;
  touchpoints: number;
  painPoints: number;
  opportunities: number;
  /** Average emotion of each segment over this phase's scored stages (null when none is scored). */
  emotion: Record<string, number | null>;
  /** Titles of this phase's stages with no touchpoint at all. */
  stagesWithoutTouchpoint: string[];
}

export interface Balance {
  preSale: PhaseFigures;
  postSale: PhaseFigures;
  /** Says plainly where the post-sale side falls short; null when it does not. */
  verdict: string | null;
}

/** Post-sale touchpoints per stage below this share of pre-sale ones count as clearly thinner. */
export const THINNER_RATIO = 0.6;
/** An average emotion this much lower after the sale counts as clearly lower. */
export const LOWER_BY = 1;

export function balance(
  stages: readonly Stage[],
  notes: readonly Note[],
  segments: readonly Segment[],
  curves: ReadonlyMap<string, readonly EmotionPoint[]>,
  lanes: readonly Lane[],
): Balance {
  const laneKinds = new Map(lanes.map((l) => [l.id, l.kind]));
  const figures = (phase: Phase): PhaseFigures => {
    const inPhase = stages.filter((s) => s.phase === phase);
    const ids = new Set(inPhase.map((s) => s.id));
    const phaseNotes = notes.filter((n) => n.cell && ids.has(n.cell.stageId));
    const count = (kind: Note["kind"]) => phaseNotes.filter((n) => countedKind(n, laneKinds) === kind).length;
    const touched = new Set(
      phaseNotes.filter((n) => countedKind(n, laneKinds) === "touchpoint").map((n) => n.cell?.stageId),
    );
    const emotion: Record<string, number | null> = {};
    for (const segment of segments) {
      const scores = (curves.get(segment.id) ?? []).filter((p) => ids.has(p.stageId)).map((p) => p.score);
      emotion[segment.id] = scores.length > 0 ? round(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
    }
    return {
      phase,
      stages: inPhase.length,
      notes: phaseNotes.length,
      touchpoints: count("touchpoint"),
      painPoints: count("pain-point"),
      opportunities: count("opportunity"),
      emotion,
      stagesWithoutTouchpoint: inPhase.filter((s) => !touched.has(s.id)).map((s) => s.title),
    };
  };
  const preSale = figures(Phases.preSale);
  const postSale = figures(Phases.postSale);
  return { preSale, postSale, verdict: verdictOf(preSale, postSale, segments) };
}

function verdictOf(pre: PhaseFigures, post: PhaseFigures, segments: readonly Segment[]): string | null {
  const findings: string[] = [];
  const perStage = (f: PhaseFigures) => (f.stages > 0 ? f.touchpoints / f.stages : 0);
  if (pre.touchpoints > 0 && post.stages > 0 && perStage(post) < perStage(pre) * THINNER_RATIO) {
    findings.push(
      `fewer touchpoints per stage after the sale (${round(perStage(post))} against ${round(perStage(pre))} before)`,
    );
  }
  for (const segment of segments) {
    const before = pre.emotion[segment.id];
    const after = post.emotion[segment.id];
    if (before != null && after != null && after <= before - LOWER_BY) {
      findings.push(`${segment.name} feels worse after the sale (${after} against ${before} before)`);
    }
  }
  if (findings.length === 0) return null;
  return `The post-sale experience falls short: ${findings.join("; ")}.`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
