import { BOARD } from "../canvas/theme.js";
import type { Box, Shape } from "./shapes.js";
import { type Measure, wrapText } from "./text-layout.js";

/**
 * The frame around an exported map, pure: the board's and the map's titles above it, the legend under
 * it (what each note color and each curve means), on the light background.
 */

export const FRAME = {
  margin: 32,
  /** The narrowest a picture is, so that a one-stage export still has room for its titles and legend. */
  minWidth: 720,
  titleSize: 28,
  subtitleSize: 16,
  legendSize: 13,
  marksSize: 12,
  swatch: 16,
  gap: 24,
  lineHeight: 1.25,
} as const;

export interface LegendEntry {
  label: string;
  color: string;
  /** A note kind's swatch is a square; a segment's is a short line in its curve's color. */
  swatch: "note" | "curve";
}

export interface FrameInput {
  boardTitle: string;
  /** The map's title and what of it is shown, e.g. "Customer journey · stage Aware". */
  subtitle: string;
  map: { w: number; h: number };
  legend: readonly LegendEntry[];
  /** What the marks on the curves mean, one line under the legend's entries. */
  marks: string;
}

export interface Frame {
  width: number;
  height: number;
  /** Where the map's top-left corner goes. */
  map: { x: number; y: number };
  /** Where the titles and the legend are, to check that nothing overlaps. */
  titles: Box;
  legend: Box;
  shapes: Shape[];
}

function text(x: number, y: number, lines: string[], size: number, bold: boolean, fill: string, measure: Measure) {
  const width = Math.max(0, ...lines.map((line) => measure(line, bold) * size));
  return { kind: "text", x, y, lines, size, lineHeight: FRAME.lineHeight, bold, fill, width } as const;
}

export function layoutFrame(input: FrameInput, measure: Measure): Frame {
  const { margin, gap, lineHeight } = FRAME;
  const inner = Math.max(input.map.w, FRAME.minWidth - 2 * margin);
  const shapes: Shape[] = [];
  const title = wrapText(input.boardTitle, inner, FRAME.titleSize, true, measure);
  const subtitle = wrapText(input.subtitle, inner, FRAME.subtitleSize, false, measure);
  shapes.push(text(margin, margin, title, FRAME.titleSize, true, BOARD.stageText, measure));
  const subtitleY = margin + title.length * FRAME.titleSize * lineHeight + 4;
  shapes.push(text(margin, subtitleY, subtitle, FRAME.subtitleSize, false, "#495057", measure));
  const titlesBottom = subtitleY + subtitle.length * FRAME.subtitleSize * lineHeight;
  const mapY = titlesBottom + gap;

  // The legend's entries flow left to right and wrap at the picture's inner width.
  const legendTop = mapY + input.map.h + gap;
  const row = Math.max(FRAME.swatch, FRAME.legendSize * lineHeight) + 8;
  let x = margin;
  let y = legendTop;
  for (const entry of input.legend) {
    const labelWidth = measure(entry.label, false) * FRAME.legendSize;
    const width = FRAME.swatch + 6 + labelWidth;
    if (x > margin && x + width > margin + inner) {
      x = margin;
      y += row;
    }
    shapes.push(
      entry.swatch === "note"
        ? {
            kind: "rect",
            x,
            y,
            w: FRAME.swatch,
            h: FRAME.swatch,
            fill: entry.color,
            stroke: BOARD.noteBorder,
            strokeWidth: 1,
            radius: 3,
          }
        : {
            kind: "line",
            points: [x, y + FRAME.swatch / 2, x + FRAME.swatch, y + FRAME.swatch / 2],
            stroke: entry.color,
            strokeWidth: 3,
          },
    );
    const labelY = y + FRAME.swatch / 2 - (FRAME.legendSize * lineHeight) / 2;
    shapes.push(text(x + FRAME.swatch + 6, labelY, [entry.label], FRAME.legendSize, false, BOARD.stageText, measure));
    x += width + 20;
  }
  const marksY = (input.legend.length > 0 ? y + row : legendTop) + 4;
  const marks = wrapText(input.marks, inner, FRAME.marksSize, false, measure);
  shapes.push(text(margin, marksY, marks, FRAME.marksSize, false, "#495057", measure));
  const legendBottom = marksY + marks.length * FRAME.marksSize * lineHeight;
  return {
    width: inner + 2 * margin,
    height: Math.ceil(legendBottom + margin),
    map: { x: margin, y: mapY },
    titles: { x: margin, y: margin, w: inner, h: titlesBottom - margin },
    legend: { x: margin, y: legendTop, w: inner, h: legendBottom - legendTop },
    shapes,
  };
}
