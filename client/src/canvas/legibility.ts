import { STAGE_HEADER_HEIGHT } from "@journeyboard/shared";
import type Konva from "konva";
import { laneColumnWidth } from "./headers.js";
import { FONT_FAMILY, NOTE_FONT_SIZE } from "./theme.js";

/**
 * Text stays readable whatever the zoom: below these sizes on screen, stage and lane titles are drawn
 * larger in board units, and notes show a simple face (their kind and first words, large) instead of
 * their full text. Applied to the drawn nodes on every zoom, without a React render.
 */
const MIN_TITLE_PX = { stage: 12, lane: 10 } as const;
const FACE_TEXT_PX = 12;
/** Below this zoom a note's full text would be smaller than 9 px on screen. */
export const FACE_BELOW_SCALE = 9 / NOTE_FONT_SIZE;

export const TITLE_SIZES = { stage: 17, lane: 15 } as const;
/** The largest a title grows, in board units: a stage title stays within its header, a lane title's words within its header's width. */
const TITLE_MAX = { stage: STAGE_HEADER_HEIGHT - 8, lane: 120 } as const;

/** A title's font size at a zoom: its own size, or larger so that it reads at MIN_TITLE_PX. */
export function titleSize(kind: "stage" | "lane", scale: number): number {
  return Math.min(TITLE_MAX[kind], Math.max(TITLE_SIZES[kind], MIN_TITLE_PX[kind] / scale));
}

/** A text's width at font size 1, in the font a title is drawn in. */
export type Measure = (text: string) => number;

/** Canvas text widths round to whole pixels and hint: a margin keeps a word that just fits on one line. */
const FIT_MARGIN = 0.97;

/** How many lines `widths` (words, at font size 1) take when wrapped between words in `width` (same unit). */
function wrappedLines(widths: readonly number[], space: number, width: number): number {
  let lines = 1;
  let used = -1;
  for (const word of widths) {
    if (used < 0) used = word;
    else if (used + space + word <= width) used += space + word;
    else {
      lines += 1;
      used = word;
    }
  }
  return lines;
}

/**
 * The largest font size up to `wanted` at which a title wraps between words only and fits its box: its
 * longest word fits the width (a word is never broken) and its lines fit the height. Readability gives
 * way here: a word wider than the box at a readable size is shrunk rather than cut.
 */
export function fittedTitleSize(
  text: string,
  box: { w: number; h: number },
  wanted: number,
  measure: Measure,
  lineHeight = 1,
): number {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0) return wanted;
  const widths = words.map(measure);
  const space = measure(" ");
  let size = Math.min(wanted, (box.w * FIT_MARGIN) / Math.max(...widths));
  // Bounded: each step shrinks by 5 %, and 60 steps take any size down to 5 % of itself.
  for (let step = 0; step < 60; step++) {
    if (wrappedLines(widths, space, (box.w * FIT_MARGIN) / size) * size * lineHeight <= box.h) break;
    size *= 0.95;
  }
  return size;
}

let measuring: CanvasRenderingContext2D | null = null;

/** A text's width at font size 1, measured as Konva draws titles and note faces (bold, the board's font). */
const measureBold: Measure = (text) => {
  measuring ??= document.createElement("canvas").getContext("2d");
  if (!measuring) return text.length * 0.6;
  measuring.font = `bold 100px ${FONT_FAMILY}`;
  return measuring.measureText(text).width / 100;
};

/** A lane title's font size at a zoom: readable if its words fit the header, else as large as they fit. */
export function laneTitleSize(title: string, box: { w: number; h: number }, scale: number): number {
  return fittedTitleSize(title, box, titleSize("lane", scale), measureBold);
}

/** Where a stage title of this size sits in its header: under the phase label, or centred once enlarged. */
export function stageTitleY(size: number): number {
  return size > TITLE_SIZES.stage ? Math.max(4, (STAGE_HEADER_HEIGHT - size) / 2) : 28;
}

/**
 * A stage's count of RACI activities, at the top right of its header: "3 activities" at the title's own
 * size, and "▦ 3" beside an enlarged title (zoomed out, where the words would take the title's room).
 * It reads at 10 px on screen, up to the title's largest size.
 */
export function activityBadgeSize(scale: number): number {
  return Math.min(TITLE_MAX.stage, Math.max(11, 10 / scale));
}

function titleEnlarged(scale: number): boolean {
  return titleSize("stage", scale) > TITLE_SIZES.stage;
}

export function activityBadgeText(count: number, scale: number): string {
  if (titleEnlarged(scale)) return `▦ ${count}`;
  return count === 1 ? "1 activity" : `${count} activities`;
}

/** Where the badge sits: on the phase label's line, or centred beside an enlarged title. */
export function activityBadgeY(scale: number): number {
  return titleEnlarged(scale) ? Math.max(4, (STAGE_HEADER_HEIGHT - activityBadgeSize(scale)) / 2) : 6;
}

/** A stage title's width: the header's, less the badge's once the title is enlarged and beside it. */
export function stageTitleWidth(
  stageWidth: number,
  badge: string | null,
  scale: number,
  measure: Measure = measureBold,
): number {
  const full = stageWidth - 24;
  if (badge === null || !titleEnlarged(scale)) return full;
  return Math.max(0, full - measure(badge) * activityBadgeSize(scale) - 8);
}

/** Whether notes show their simple face at a zoom, and its font size then. */
export function noteFace(scale: number): { face: boolean; fontSize: number } {
  return { face: scale < FACE_BELOW_SCALE, fontSize: FACE_TEXT_PX / scale };
}

/**
 * Zoomed out to notes' faces, more notes than this near the view are drawn as colored blocks, all on one
 * shape, instead of one by one: their words would be a few pixels high, and thousands of mounted notes
 * would make every frame slow. A board with fewer notes in view keeps their faces at any zoom.
 */
export const NOTE_BLOCKS_ABOVE = 500;

export function notesAsBlocks(scale: number, crowded: boolean): boolean {
  return scale < FACE_BELOW_SCALE && crowded;
}

/** The smallest a note face's words are drawn on screen, so that its first words fit unbroken. */
const FACE_MIN_PX = 7;

/**
 * A note face's font size: FACE_TEXT_PX on screen, or smaller (down to FACE_MIN_PX) so that none of its
 * first words is wider than the note and broken across lines.
 */
export function noteFaceSize(text: string, width: number, scale: number, measure: Measure = measureBold): number {
  const words = text.split(/\s+/).filter(Boolean).slice(0, 3);
  const widest = Math.max(0, ...words.map(measure));
  const fitting = widest > 0 ? (width * FIT_MARGIN) / widest : Number.POSITIVE_INFINITY;
  return Math.max(FACE_MIN_PX / scale, Math.min(FACE_TEXT_PX / scale, fitting));
}

/** Emotion curves' names and point labels: their own size, or larger so they read at 10 / 9 px on screen. */
export function curveNameSize(scale: number): number {
  return Math.max(12, 10 / scale);
}
export function pointLabelSize(scale: number): number {
  return Math.max(12, 9 / scale);
}

/** The emotion scale's labels read at 9 px on screen; zoomed out, only the ends and neutral are shown. */
export function axisLabelSize(scale: number): number {
  return Math.max(11, 9 / scale);
}
/** How far a scale label is lifted so that it stays centred on its line whatever its size (2 px padding). */
export function axisLabelLift(scale: number): number {
  return (axisLabelSize(scale) + 4) / 2;
}
export function axisLabelShown(score: number, scale: number): boolean {
  return 11 * scale >= 9 || score === 0 || Math.abs(score) === 3;
}

/** The zoom each stage's text was last fitted to: a pan (same zoom) costs nothing here. */
const fitted = new WeakMap<Konva.Stage, number>();

export function applyLegibility(stage: Konva.Stage, scale: number): void {
  if (fitted.get(stage) === scale) return;
  fitted.set(stage, scale);
  const stageTitle = titleSize("stage", scale);
  for (const node of stage.find(".stage-title")) (node as Konva.Text).fontSize(stageTitle).y(stageTitleY(stageTitle));
  for (const node of stage.find(".stage-activities")) {
    const badge = node as Konva.Text;
    badge.text(activityBadgeText(Number(badge.getAttr("count")), scale));
    badge.fontSize(activityBadgeSize(scale)).y(activityBadgeY(scale));
    const title = badge.getParent()?.findOne<Konva.Text>(".stage-title");
    title?.width(stageTitleWidth(badge.width() + 24, badge.text(), scale));
  }
  // Zoomed out, the lane column is drawn wider than its place on the board (see laneColumnWidth).
  const laneWidth = laneColumnWidth(scale);
  for (const node of stage.find(".lane-box, .header-corner")) node.width(laneWidth);
  for (const node of stage.find(".lane-title")) {
    const title = node as Konva.Text;
    title.width(laneWidth - 2 * title.x());
    title.fontSize(laneTitleSize(title.text(), { w: title.width(), h: title.height() }, scale));
  }
  // Once the title is enlarged the phase label would sit under it; the header's tint tells the phase.
  for (const node of stage.find(".phase-label")) node.visible(stageTitle <= TITLE_SIZES.stage);
  const { face } = noteFace(scale);
  for (const node of stage.find(".note-detail")) node.visible(!face);
  for (const node of stage.find(".note-face")) {
    const text = node as Konva.Text;
    text.visible(face);
    text.fontSize(noteFaceSize(text.text(), text.width(), scale));
  }
  for (const node of stage.find(".point-label")) (node as Konva.Text).fontSize(pointLabelSize(scale));
  for (const node of stage.find<Konva.Label>(".emotion-axis-mark")) {
    node.visible(axisLabelShown(Number(node.getAttr("score")), scale)).offsetY(axisLabelLift(scale));
    node.getText().fontSize(axisLabelSize(scale));
  }
}
