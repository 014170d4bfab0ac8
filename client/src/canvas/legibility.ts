import { STAGE_HEADER_HEIGHT } from "@journeyboard/shared";
import type Konva from "konva";
import { NOTE_FONT_SIZE } from "./theme.js";

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
const TITLE_MAX = { stage: STAGE_HEADER_HEIGHT - 8, lane: 30 } as const;

/** A title's font size at a zoom: its own size, or larger so that it reads at MIN_TITLE_PX. */
export function titleSize(kind: "stage" | "lane", scale: number): number {
  return Math.min(TITLE_MAX[kind], Math.max(TITLE_SIZES[kind], MIN_TITLE_PX[kind] / scale));
}

/** Where a stage title of this size sits in its header: under the phase label, or centred once enlarged. */
export function stageTitleY(size: number): number {
  return size > TITLE_SIZES.stage ? Math.max(4, (STAGE_HEADER_HEIGHT - size) / 2) : 28;
}

/** Whether notes show their simple face at a zoom, and its font size then. */
export function noteFace(scale: number): { face: boolean; fontSize: number } {
  return { face: scale < FACE_BELOW_SCALE, fontSize: FACE_TEXT_PX / scale };
}

/** The zoom each stage's text was last fitted to: a pan (same zoom) costs nothing here. */
const fitted = new WeakMap<Konva.Stage, number>();

export function applyLegibility(stage: Konva.Stage, scale: number): void {
  if (fitted.get(stage) === scale) return;
  fitted.set(stage, scale);
  const stageTitle = titleSize("stage", scale);
  for (const node of stage.find(".stage-title")) (node as Konva.Text).fontSize(stageTitle).y(stageTitleY(stageTitle));
  for (const node of stage.find(".lane-title")) (node as Konva.Text).fontSize(titleSize("lane", scale));
  // Once the title is enlarged the phase label would sit under it; the header's tint tells the phase.
  for (const node of stage.find(".phase-label")) node.visible(stageTitle <= TITLE_SIZES.stage);
  const { face, fontSize } = noteFace(scale);
  for (const node of stage.find(".note-detail")) node.visible(!face);
  for (const node of stage.find(".note-face")) {
    node.visible(face);
    (node as Konva.Text).fontSize(fontSize);
  }
}
