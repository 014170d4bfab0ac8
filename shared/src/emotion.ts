import type * as Y from "yjs";
import { change, containerOf, type JourneyMap } from "./doc.js";
import { clamp, readChild } from "./fields.js";
import { MAX_TITLE } from "./protocol.js";
import { EMOTION_SCALE, type EmotionPoint } from "./schema.js";

/**
 * Emotion curves: for each segment, one point per stage on the scale -3..+3, agreed by the team. A
 * point's score and its label ("why") are plain values in two maps made with the segment (`emotion`
 * and `labels`, keyed by stage), so two people setting the same point's score and label at once both
 * land, and different points never meet.
 */

interface Curve {
  scores: Y.Map<unknown>;
  labels: Y.Map<unknown>;
}

function curveOf(map: JourneyMap, segmentId: string): Curve | undefined {
  const segment = readChild(containerOf(map, "segments"), segmentId);
  const scores = segment && readChild(segment, "emotion");
  const labels = segment && readChild(segment, "labels");
  return scores && labels ? { scores, labels } : undefined;
}

/** Snaps any number to a whole step of the scale. */
export function snapScore(score: number): number {
  return clamp(Math.round(score), EMOTION_SCALE.min, EMOTION_SCALE.max);
}

/** The segment's points, one per stage that has a score or a label (a label alone stands at 0). */
export function readCurve(map: JourneyMap, segmentId: string): EmotionPoint[] {
  const curve = curveOf(map, segmentId);
  if (!curve) return [];
  const stageIds = new Set([...curve.scores.keys(), ...curve.labels.keys()]);
  return [...stageIds].map((stageId) => {
    const score = curve.scores.get(stageId);
    const label = curve.labels.get(stageId);
    return {
      stageId,
      score: typeof score === "number" && Number.isFinite(score) ? snapScore(score) : 0,
      label: typeof label === "string" ? label : "",
    };
  });
}

export function setEmotion(map: JourneyMap, segmentId: string, stageId: string, score: number): void {
  change(map.board, () => {
    const curve = curveOf(map, segmentId);
    const snapped = snapScore(score);
    if (curve && curve.scores.get(stageId) !== snapped) curve.scores.set(stageId, snapped);
  });
}

/** Labels a point ("why"); a stage with a label and no score yet shows at 0. */
export function setEmotionLabel(map: JourneyMap, segmentId: string, stageId: string, label: string): void {
  change(map.board, () => curveOf(map, segmentId)?.labels.set(stageId, label.trim().slice(0, MAX_TITLE)));
}

export function clearEmotion(map: JourneyMap, segmentId: string, stageId: string): void {
  change(map.board, () => {
    const curve = curveOf(map, segmentId);
    curve?.scores.delete(stageId);
    curve?.labels.delete(stageId);
  });
}
