import {
  type CrowdResult,
  computeGrid,
  type Grid,
  type Journey,
  LANE_HEADER_WIDTH,
  momentsOfTruth,
  NOTE_COLORS,
  type Note,
  noteRect,
  Phase,
  placedMoments,
  type Rect,
  saleBoundaries,
} from "@journeyboard/shared";
import { crowdBandPoints, curvePoints, emotionRow, scoreY, stageCenter } from "../canvas/curves.js";
import { dodge, NAME_LINE, nameHeights, POINT_RADIUS, scoreText } from "../canvas/emotion-points.js";
import { fittedTitleSize } from "../canvas/legibility.js";
import { authorLineSpace } from "../canvas/note-author.js";
import { fitLabel } from "../canvas/text-fit.js";
import { BOARD, NOTE_FONT_SIZE, NOTE_LINE_HEIGHT, NOTE_MIN_FONT_SIZE, NOTE_PADDING } from "../canvas/theme.js";
import { noteBadge, noteBadgeForms } from "../labels.js";
import type { Shape } from "./shapes.js";
import { smoothCurve } from "./shapes.js";
import { fitBox, fitLine, type Measure, wrapText } from "./text-layout.js";

/**
 * A map drawn as picture shapes, pure, from the shared model as the board draws it: cells tinted by
 * phase, stage and lane headers, notes with their badge, fitted text and author, and the emotion lane's
 * scale, curves, points and marks. A generator: it pauses after every batch of notes, so that the caller
 * can give the page its turn while a map of thousands of notes is drawn.
 */

const NOTES_PER_TURN = 20;
const PHASE_LABEL = { [Phase.preSale]: "PRE-SALE", [Phase.postSale]: "POST-SALE" } as const;
const MOMENT_MARKS = { peak: "▲ peak", trough: "▼ trough", drop: "↘ largest drop" } as const;
const POLARITY_MARKS = { positive: "★", negative: "⚡" } as const;
const SCORES = [3, 2, 1, 0, -1, -2, -3] as const;

export interface DrawnMap {
  /** The map's bounds on the board: its grid and every note, wherever it is. */
  bounds: Rect;
  shapes: Shape[];
}

function text(x: number, y: number, lines: string[], size: number, bold: boolean, fill: string, measure: Measure) {
  const width = Math.max(0, ...lines.map((line) => measure(line, bold) * size));
  return { kind: "text", x, y, lines, size, lineHeight: NOTE_LINE_HEIGHT, bold, fill, width } as const;
}

/** Yields after each batch of notes; gives the map's shapes, in board units, and its bounds. */
export function* drawMap(
  journey: Journey,
  measure: Measure,
  /** Each segment's last crowd-scoring result, drawn as a band around the group's mean. */
  crowd: ReadonlyMap<string, CrowdResult> = new Map(),
): Generator<number, DrawnMap> {
  const grid = computeGrid(journey.stages, journey.lanes);
  const shapes: Shape[] = [...cells(grid)];
  const rects: Rect[] = [{ x: 0, y: 0, w: grid.width, h: grid.height }];
  for (const [index, note] of journey.notes.entries()) {
    const rect = noteRect(grid, note);
    rects.push(rect);
    shapes.push(...noteShapes(note, rect, measure));
    if ((index + 1) % NOTES_PER_TURN === 0) yield index + 1;
  }
  shapes.push(...emotion(journey, grid, crowd, measure), ...headers(grid, measure));
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.w));
  const bottom = Math.max(...rects.map((r) => r.y + r.h));
  return { bounds: { x: left, y: top, w: Math.ceil(right - left), h: Math.ceil(bottom - top) }, shapes };
}

function cells(grid: Grid): Shape[] {
  const top = grid.rows[0]?.y ?? 0;
  const { changes } = saleBoundaries(grid.columns.map((c) => c.stage));
  return [
    ...grid.columns.map(
      ({ stage, x }): Shape => ({
        kind: "rect",
        x,
        y: top,
        w: stage.width,
        h: grid.height - top,
        fill: stage.phase === Phase.preSale ? BOARD.preSaleCell : BOARD.postSaleCell,
        stroke: BOARD.cellBorder,
        strokeWidth: 1,
      }),
    ),
    ...grid.rows.map(
      ({ y }): Shape => ({
        kind: "line",
        points: [0, y, grid.width, y],
        stroke: BOARD.cellBorder,
        strokeWidth: 1,
      }),
    ),
    ...changes.map((index): Shape => {
      const x = grid.columns[index]?.x ?? 0;
      return { kind: "line", points: [x, 0, x, grid.height], stroke: BOARD.saleLine, strokeWidth: 3, dash: [10, 6] };
    }),
  ];
}

function headers(grid: Grid, measure: Measure): Shape[] {
  const top = grid.rows[0]?.y ?? 0;
  const outOfOrder = new Set(saleBoundaries(grid.columns.map((c) => c.stage)).outOfOrder);
  const shapes: Shape[] = [];
  for (const { stage, x } of grid.columns) {
    const late = outOfOrder.has(stage.id);
    const fill = stage.phase === Phase.preSale ? BOARD.preSaleHeader : BOARD.postSaleHeader;
    const width = stage.width - 24;
    const phase = fitLine(late ? "PRE-SALE · AFTER THE SALE?" : PHASE_LABEL[stage.phase], width, 11, true, measure);
    shapes.push(
      { kind: "rect", x, y: 0, w: stage.width, h: top, fill, stroke: BOARD.cellBorder, strokeWidth: 1 },
      { ...text(x + 12, 10, [phase], 11, true, late ? BOARD.outOfOrder : "#495057", measure), lineHeight: 1 },
      {
        ...text(x + 12, 28, [fitLine(stage.title, width, 17, true, measure)], 17, true, BOARD.stageText, measure),
        lineHeight: 1,
      },
    );
  }
  for (const { lane, y } of grid.rows) {
    const box = { w: LANE_HEADER_WIDTH - 24, h: lane.height - 24 };
    const size = fittedTitleSize(lane.title, box, 15, (t) => measure(t, true));
    const lines = wrapText(lane.title, box.w, size, true, measure);
    shapes.push(
      {
        kind: "rect",
        x: 0,
        y,
        w: LANE_HEADER_WIDTH,
        h: lane.height,
        fill: BOARD.laneHeader,
        stroke: BOARD.cellBorder,
        strokeWidth: 1,
      },
      { ...text(12, y + 12, lines, size, true, BOARD.laneHeaderText, measure), lineHeight: 1 },
    );
  }
  shapes.push({
    kind: "rect",
    x: 0,
    y: 0,
    w: LANE_HEADER_WIDTH,
    h: top,
    fill: BOARD.background,
    stroke: BOARD.cellBorder,
    strokeWidth: 1,
  });
  return shapes;
}

function noteShapes(note: Note, rect: Rect, measure: Measure): Shape[] {
  const inner = rect.w - 2 * NOTE_PADDING;
  const label = noteBadge(note);
  const textTop = label ? NOTE_PADDING + 16 : NOTE_PADDING;
  const authorSpace = authorLineSpace(note, rect.h - textTop - NOTE_PADDING);
  const shapes: Shape[] = [
    { kind: "rect", ...rect, fill: NOTE_COLORS[note.color], stroke: BOARD.noteBorder, strokeWidth: 1, radius: 4 },
  ];
  if (label) {
    const badge = fitLabel(noteBadgeForms(note), inner, (form) => measure(form, true) * 10);
    shapes.push(
      text(
        rect.x + NOTE_PADDING,
        rect.y + NOTE_PADDING,
        [fitLine(badge, inner, 10, true, measure)],
        10,
        true,
        "#495057",
        measure,
      ),
    );
  }
  const box = { w: inner, h: rect.h - textTop - NOTE_PADDING - authorSpace };
  const fit = fitBox(note.text, box, { max: NOTE_FONT_SIZE, min: NOTE_MIN_FONT_SIZE }, NOTE_LINE_HEIGHT, measure);
  if (note.text.trim())
    shapes.push(text(rect.x + NOTE_PADDING, rect.y + textTop, fit.lines, fit.size, false, BOARD.noteText, measure));
  if (authorSpace > 0) {
    const bottom = rect.y + rect.h - NOTE_PADDING;
    const dot = note.authorColor ? 13 : 0;
    if (note.authorColor)
      shapes.push({
        kind: "circle",
        x: rect.x + NOTE_PADDING + 4,
        y: bottom - 7,
        r: 4,
        fill: note.authorColor,
        stroke: "rgba(0, 0, 0, 0.25)",
        strokeWidth: 0.5,
      });
    const name = fitLine(note.author.trim(), inner - dot, 11, false, measure);
    shapes.push({
      ...text(rect.x + NOTE_PADDING + dot, bottom - 14, [name], 11, false, "#495057", measure),
      lineHeight: 14 / 11,
    });
  }
  return shapes;
}

function emotion(journey: Journey, grid: Grid, crowd: ReadonlyMap<string, CrowdResult>, measure: Measure): Shape[] {
  const row = emotionRow(grid);
  if (!row) return [];
  const left = grid.columns[0]?.x ?? 0;
  const shapes: Shape[] = SCORES.map((score) => ({
    kind: "line",
    points: [left, scoreY(row, score), grid.width, scoreY(row, score)],
    stroke: score === 0 ? "#ADB5BD" : "#E9ECEF",
    strokeWidth: 1,
    ...(score === 0 ? {} : { dash: [4, 6] }),
  }));
  for (const score of SCORES)
    shapes.push({
      ...text(LANE_HEADER_WIDTH + 6, scoreY(row, score) - 7.5, [scoreText(score)], 11, false, "#868E96", measure),
      lineHeight: 15 / 11,
    });
  const { segments, curves } = journey;
  const placed = placedMoments(journey.notes);
  const names: { id: string; x: number; y: number; name: string; color: string }[] = [];
  for (const [index, segment] of segments.entries()) {
    const curve = curves.get(segment.id) ?? [];
    const x = (column: Grid["columns"][number]) =>
      stageCenter(column) + dodge(index, segments.length, column.stage.width);
    const result = crowd.get(segment.id);
    const band = result ? crowdBandPoints(grid, row, result.stages) : null;
    if (result && band) {
      const [meanX = 0, meanY = 0] = band.mean;
      shapes.push(
        { kind: "line", points: band.band, fill: segment.color, opacity: 0.14 },
        {
          kind: "line",
          points: smoothCurve(band.mean),
          bezier: band.mean.length >= 6,
          stroke: segment.color,
          strokeWidth: 2,
          dash: [8, 6],
        },
        {
          ...text(meanX - 60, meanY - 20, [`group (${result.participants})`], 11, false, segment.color, measure),
          lineHeight: 1,
        },
      );
    }
    const points = curvePoints(grid, row, curve, x);
    if (points.length >= 4)
      shapes.push({
        kind: "line",
        points: smoothCurve(points),
        bezier: points.length >= 6,
        stroke: segment.color,
        strokeWidth: 3,
      });
    const moments = momentsOfTruth(journey.stages, curve);
    const scores = new Map(curve.map((p) => [p.stageId, p]));
    for (const column of grid.columns) {
      const point = scores.get(column.stage.id);
      if (!point) continue;
      const [px, py] = [x(column), scoreY(row, point.score)];
      shapes.push({
        kind: "circle",
        x: px,
        y: py,
        r: POINT_RADIUS.scored,
        fill: segment.color,
        stroke: segment.color,
        strokeWidth: 2,
      });
      const marks = [
        ...moments.filter((m) => m.stageId === column.stage.id).map((m) => MOMENT_MARKS[m.kind]),
        ...(placed.get(column.stage.id) ?? []).map((n) => (n.polarity ? POLARITY_MARKS[n.polarity] : "◆")),
      ];
      const caption = [marks.join(" "), point.label].filter(Boolean).join("  ");
      if (caption) shapes.push({ ...text(px + 14, py - 18, [caption], 12, false, "#343A40", measure), lineHeight: 1 });
    }
    const last = grid.columns.findLast((c) => scores.has(c.stage.id));
    if (last) {
      const lastX = x(last) + POINT_RADIUS.scored + 6;
      names.push({
        id: segment.id,
        x: lastX,
        y: scoreY(row, scores.get(last.stage.id)?.score ?? 0) + 4,
        name: segment.name,
        color: segment.color,
      });
    }
  }
  const heights = nameHeights(names, row.y + row.lane.height, NAME_LINE);
  for (const name of names)
    shapes.push({
      ...text(name.x, heights.get(name.id) ?? name.y, [name.name], 12, true, name.color, measure),
      lineHeight: 1,
    });
  return shapes;
}
