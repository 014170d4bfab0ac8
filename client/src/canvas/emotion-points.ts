import type { Segment } from "@journeyboard/shared";
import { EMOTION_WORDS } from "../labels.js";
import { pinnedOffset } from "./headers.js";
import type { Viewport } from "./viewport.js";

/**
 * The emotion lane's points, pure: which segment's point a press takes where curves overlap, where each
 * segment's points stand at a stage, how large a point is to grab, and what its labels say.
 */

export const POINT_RADIUS = { scored: 9, unscored: 7 } as const;
/** The width, on screen, of the ring around a point that still takes a press (both sides together). */
export const HIT_RING_PX = 20;
/** How far apart two segments' points stand at a stage, at most, in board units. */
const DODGE = 24;
/** How far the axis labels sit from the pinned lane headers, in board units. */
const AXIS_INSET = 6;
export const NAME_LINE = 16;

/**
 * The visible segments back to front: the chosen one last, so it is drawn in front and, where points
 * overlap, the press goes to it (the canvas takes a press on the front-most point under the pointer).
 * Without a chosen visible segment, the list's last visible segment is in front.
 */
export function drawOrder<S extends Pick<Segment, "id">>(
  segments: readonly S[],
  hidden: readonly string[],
  chosen: string | null,
): S[] {
  const visible = segments.filter((s) => !hidden.includes(s.id));
  return [...visible.filter((s) => s.id !== chosen), ...visible.filter((s) => s.id === chosen)];
}

/**
 * How far a segment's points stand from the stage's centre: the segments side by side in the list's
 * order (not the drawing order, so choosing one moves nothing), never on top of one another even at the
 * same score, and together within a third of the stage.
 */
export function dodge(index: number, count: number, stageWidth: number): number {
  if (count < 2) return 0;
  const step = Math.min(DODGE, stageWidth / 3 / (count - 1));
  return (index - (count - 1) / 2) * step;
}

/**
 * How far from a point's centre a press still takes it, in board units: its circle plus a ring that is
 * HIT_RING_PX wide on screen at any zoom, so that zoomed out a point is still comfortable to grab.
 */
export function hitRadius(radius: number, scale: number): number {
  return radius + HIT_RING_PX / 2 / scale;
}

/** A score as people read it: its sign and the scale's word, e.g. "−2 · frustrated". */
export function scoreText(score: number): string {
  const signed = score > 0 ? `+${score}` : score < 0 ? `−${-score}` : "0";
  return `${signed} · ${EMOTION_WORDS[score] ?? ""}`;
}

/** What hovering a point shows: whose it is, and its value. */
export function pointTitle(segmentName: string, score: number | undefined): string {
  return `${segmentName} · ${score === undefined ? "not scored yet" : scoreText(score)}`;
}

/**
 * The board x of the scale labels: just right of the lane headers, which stay at the left edge of the
 * view (see pinnedOffset), so the labels stay in view whatever the pan.
 */
export function axisX(view: Viewport): number {
  const pinned = pinnedOffset(view);
  return pinned.x + pinned.laneWidth + AXIS_INSET;
}

/**
 * Where each curve's name goes, beside its last point: the wanted heights, pushed apart so that no two
 * names are closer than a line (`line`, for names drawn larger when zoomed out), and kept above `bottom`
 * (pushed back up as a block if need be).
 */
export function nameHeights(
  wanted: readonly { id: string; y: number }[],
  bottom: number,
  line = NAME_LINE,
): Map<string, number> {
  const sorted = [...wanted].sort((a, b) => a.y - b.y);
  const placed: number[] = [];
  for (const [i, each] of sorted.entries()) placed.push(Math.max(each.y, (placed[i - 1] ?? -Infinity) + line));
  const overflow = Math.max(0, (placed.at(-1) ?? 0) - (bottom - line));
  return new Map(sorted.map((each, i) => [each.id, (placed[i] ?? each.y) - overflow]));
}
