import * as Y from "yjs";

/**
 * Version 3, frozen: an emotion point's score and label become plain values in two maps of the segment
 * (`emotion`: stage → score, `labels`: stage → label), instead of a nested map per point that two
 * people could each create at once, one replacing the other.
 */
export function up(doc: Y.Doc): void {
  for (const [, map] of doc.getMap("maps").entries()) {
    const segments = map instanceof Y.Map ? map.get("segments") : undefined;
    if (!(segments instanceof Y.Map)) continue;
    for (const [, segment] of segments.entries()) {
      if (segment instanceof Y.Map) flattenCurve(segment);
    }
  }
}

function flattenCurve(segment: Y.Map<unknown>): void {
  let scores = segment.get("emotion");
  if (!(scores instanceof Y.Map)) {
    scores = new Y.Map<unknown>();
    segment.set("emotion", scores);
  }
  let labels = segment.get("labels");
  if (!(labels instanceof Y.Map)) {
    labels = new Y.Map<unknown>();
    segment.set("labels", labels);
  }
  const scoreMap = scores as Y.Map<unknown>;
  const labelMap = labels as Y.Map<unknown>;
  for (const [stageId, point] of [...scoreMap.entries()]) {
    if (!(point instanceof Y.Map)) continue;
    const score = point.get("score");
    const label = point.get("label");
    scoreMap.set(stageId, typeof score === "number" && Number.isFinite(score) ? score : 0);
    if (typeof label === "string" && label.length > 0 && !labelMap.has(stageId)) labelMap.set(stageId, label);
  }
}
