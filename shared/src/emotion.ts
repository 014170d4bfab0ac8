import * as Y from "yjs";
import { change, containerOf, type JourneyMap } from "./board.js";
import { clamp, readChild, readNumber, readString, records } from "./fields.js";
import { MAX_TITLE } from "./protocol.js";
import { EMOTION_SCALE, type EmotionPoint } from "./schema.js";

/**
 * Emotion curves: for each segment, one point per stage on the scale -3..+3, agreed by the team.
 * Each point is its own record, so two people setting different stages' points at once both land.
 */

function pointsOf(map: JourneyMap, segmentId: string): Y.Map<unknown> | undefined {
  const segment = readChild(containerOf(map, "segments"), segmentId);
  return segment ? readChild(segment, "emotion") : undefined;
}

/** Snaps any number to a whole step of the scale. */
export function snapScore(score: number): number {
  return clamp(Math.round(score), EMOTION_SCALE.min, EMOTION_SCALE.max);
}

/** The segment's points, one per stage that has one. */
export function readCurve(map: JourneyMap, segmentId: string): EmotionPoint[] {
  return [...records(pointsOf(map, segmentId))].map(([stageId, y]) => ({
    stageId,
    score: snapScore(readNumber(y, "score", 0)),
    label: readString(y, "label", ""),
  }));
}

export function setEmotion(map: JourneyMap, segmentId: string, stageId: string, score: number): void {
  change(map.board, () => {
    const points = pointsOf(map, segmentId);
    if (!points) return;
    let point = readChild(points, stageId);
    if (!point) {
      point = new Y.Map<unknown>();
      points.set(stageId, point);
    }
    const snapped = snapScore(score);
    if (point.get("score") !== snapped) point.set("score", snapped);
  });
}

/** Labels a point ("why"); the point is created at 0 when the stage has none yet. */
export function setEmotionLabel(map: JourneyMap, segmentId: string, stageId: string, label: string): void {
  change(map.board, () => {
    const points = pointsOf(map, segmentId);
    if (!points) return;
    if (!readChild(points, stageId)) setEmotion(map, segmentId, stageId, 0);
    readChild(points, stageId)?.set("label", label.trim().slice(0, MAX_TITLE));
  });
}

export function clearEmotion(map: JourneyMap, segmentId: string, stageId: string): void {
  change(map.board, () => pointsOf(map, segmentId)?.delete(stageId));
}
