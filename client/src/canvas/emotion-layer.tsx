import {
  type CrowdResult,
  EMOTION_SCALE,
  type Grid,
  type GridColumn,
  type GridRow,
  type JourneyMap,
  momentsOfTruth,
  type Segment,
  setEmotion,
} from "@journeyboard/shared";
import type Konva from "konva";
import { useEffect, useRef, useState } from "react";
import { Circle, Group, Label, Layer, Line, Tag, Text } from "react-konva";
import type { BoardConnection } from "../sync/connection.js";
import { useCrowd, useSegments } from "../sync/hooks.js";
import { beginUndoStep } from "../sync/undo-step.js";
import { type PointRef, useUi } from "../ui-state.js";
import { crowdBandPoints, curvePoints, emotionRow, scoreAt, scoreY, stageCenter } from "./curves.js";
import { EmotionAxis } from "./emotion-axis.js";
import {
  dodge,
  drawOrder,
  hitRadius,
  NAME_LINE,
  nameHeights,
  POINT_RADIUS,
  pointTitle,
  scoreText,
} from "./emotion-points.js";
import { curveNameSize, pointLabelSize } from "./legibility.js";
import { usePlacedMoments } from "./note-store.js";
import { BOARD, FONT_FAMILY } from "./theme.js";

const MOMENT_MARKS = { peak: "▲ peak", trough: "▼ trough", drop: "↘ largest drop" } as const;
const POLARITY_MARKS = { positive: "★", negative: "⚡" } as const;

/**
 * Each visible segment's emotion curve in the emotion lane: a smooth line through one point per stage,
 * labelled with the segment's name. Points drag vertically and snap to the -3..+3 scale (one undo step
 * per drag, its value shown beside it); a stage without a point shows a hollow one to drag into place.
 * Segments' points stand side by side, never on top of one another; where they overlap, the chosen
 * segment's curve is in front and takes the press. Hovering a point says whose it is. Derived moments
 * of truth and placed moment-of-truth notes are marked on the curve.
 */
export function EmotionLayer({
  connection,
  map,
  grid,
  readOnly,
}: {
  connection: BoardConnection;
  map: JourneyMap;
  grid: Grid;
  readOnly: boolean;
}) {
  // Narrow reads: the curves, and the moment-of-truth notes alone; a note moved elsewhere costs nothing here.
  const journey = useSegments(map);
  const placed = usePlacedMoments(map);
  const crowd = useCrowd(connection, map);
  const hidden = useUi((s) => s.hiddenSegments);
  const chosen = useUi((s) => s.chosenSegment);
  // Curve names grow when zoomed out (to read at 10 px), and are spaced for their size: whole board
  // units, so that zooming re-renders this layer only when a name's size really changes.
  const nameSize = useUi((s) => Math.round(curveNameSize(s.viewport.scale)));
  const [hover, setHover] = useState<PointRef | null>(null);
  const [dragging, setDragging] = useState<PointRef | null>(null);
  const endUndoStep = useRef<(() => void) | null>(null);
  // A drag cut short (its point removed by someone else) still closes its undo step.
  useEffect(() => () => endUndoStep.current?.(), []);
  const row = emotionRow(grid);
  if (!row) return null;
  const visible = journey.segments.filter((s) => !hidden.includes(s.id));
  const offsets = new Map(visible.map((s, i) => [s.id, i]));
  const dodged = (segment: Segment, column: GridColumn) =>
    stageCenter(column) + dodge(offsets.get(segment.id) ?? 0, visible.length, column.stage.width);
  const stages = grid.columns.map((column) => column.stage);
  const scoreOf = (ref: PointRef) => journey.curves.get(ref.segmentId)?.find((p) => p.stageId === ref.stageId)?.score;

  const drag = (ref: PointRef, x: number) => ({
    onDragStart: () => {
      endUndoStep.current?.();
      endUndoStep.current = beginUndoStep(connection.undo);
      setDragging(ref);
    },
    onDragMove: (event: Konva.KonvaEventObject<DragEvent>) => {
      const node = event.target;
      node.x(x);
      node.y(Math.min(scoreY(row, EMOTION_SCALE.min), Math.max(scoreY(row, EMOTION_SCALE.max), node.y())));
      setEmotion(map, ref.segmentId, ref.stageId, scoreAt(row, node.y()));
    },
    onDragEnd: (event: Konva.KonvaEventObject<DragEvent>) => {
      setEmotion(map, ref.segmentId, ref.stageId, scoreAt(row, event.target.y()));
      event.target.y(scoreY(row, scoreAt(row, event.target.y())));
      endUndoStep.current?.();
      endUndoStep.current = null;
      setDragging(null);
    },
  });

  const lastPoints = visible.map((segment) => {
    const scores = new Map((journey.curves.get(segment.id) ?? []).map((p) => [p.stageId, p.score]));
    const column = grid.columns.findLast((c) => scores.has(c.stage.id)) ?? grid.columns.at(-1);
    const score = column ? scores.get(column.stage.id) : undefined;
    const radius = score === undefined ? POINT_RADIUS.unscored : POINT_RADIUS.scored;
    // Right of every segment's point at that stage, just below the line's end.
    const x = column ? stageCenter(column) + dodge(visible.length - 1, visible.length, column.stage.width) : 0;
    return { segment, x: x + radius + 6, y: scoreY(row, score ?? 0) + 4 };
  });
  const nameY = nameHeights(
    lastPoints.map((p) => ({ id: p.segment.id, y: p.y })),
    row.y + row.lane.height,
    (nameSize * NAME_LINE) / 12,
  );
  const tipOf = (ref: PointRef | null, text: (segment: Segment, score: number | undefined) => string) => {
    const segment = ref && visible.find((s) => s.id === ref.segmentId);
    const column = ref && grid.columns.find((c) => c.stage.id === ref.stageId);
    if (!ref || !segment || !column) return null;
    const score = scoreOf(ref);
    return { x: dodged(segment, column), y: scoreY(row, score ?? 0), text: text(segment, score) };
  };
  const hoverTip = dragging ? null : tipOf(hover, (segment, score) => pointTitle(segment.name, score));
  const dragTip = tipOf(dragging, (_, score) => scoreText(score ?? 0));
  const { scale } = useUi.getState().viewport;

  return (
    <Layer>
      <EmotionAxis grid={grid} row={row} />
      {drawOrder(journey.segments, hidden, chosen).map((segment) => {
        const curve = journey.curves.get(segment.id) ?? [];
        const scores = new Map(curve.map((p) => [p.stageId, p]));
        const moments = momentsOfTruth(stages, curve);
        return (
          <Group key={segment.id} name="emotion-curve" id={`curve-${segment.id}`}>
            <CrowdBand grid={grid} row={row} color={segment.color} result={crowd.get(segment.id) ?? null} />
            <Line
              points={curvePoints(grid, row, curve, (column) => dodged(segment, column))}
              stroke={segment.color}
              strokeWidth={segment.id === chosen ? 4 : 3}
              tension={0.35}
              lineCap="round"
              listening={false}
            />
            {grid.columns.map((column) => {
              const point = scores.get(column.stage.id);
              const x = dodged(segment, column);
              const y = scoreY(row, point?.score ?? 0);
              const ref = { segmentId: segment.id, stageId: column.stage.id };
              const marks = [
                ...moments.filter((m) => m.stageId === column.stage.id).map((m) => MOMENT_MARKS[m.kind]),
                ...(placed.get(column.stage.id) ?? []).map((n) => (n.polarity ? POLARITY_MARKS[n.polarity] : "◆")),
              ];
              return (
                <Group key={column.stage.id}>
                  <Circle
                    name="emotion-point"
                    id={`${segment.id}:${column.stage.id}`}
                    x={x}
                    y={y}
                    radius={point ? POINT_RADIUS.scored : POINT_RADIUS.unscored}
                    fill={point ? segment.color : BOARD.background}
                    stroke={segment.color}
                    strokeWidth={2}
                    hitFunc={pressableDisk}
                    opacity={point ? 1 : 0.45}
                    draggable={!readOnly}
                    onMouseEnter={() => setHover(ref)}
                    onMouseLeave={() => setHover(null)}
                    {...drag(ref, x)}
                  />
                  {(point?.label || marks.length > 0) && (
                    <Text
                      name="point-label"
                      x={x + 14}
                      y={y - 18}
                      text={[marks.join(" "), point?.label].filter(Boolean).join("  ")}
                      fontSize={pointLabelSize(scale)}
                      fontFamily={FONT_FAMILY}
                      fill="#343A40"
                      listening={false}
                    />
                  )}
                </Group>
              );
            })}
          </Group>
        );
      })}
      <Group listening={false}>
        {lastPoints.map(({ segment, x, y }) => (
          <Text
            key={segment.id}
            name="curve-name"
            x={x}
            y={nameY.get(segment.id) ?? y}
            text={segment.name}
            fontSize={nameSize}
            fontStyle="bold"
            fontFamily={FONT_FAMILY}
            fill={segment.color}
          />
        ))}
      </Group>
      {hoverTip && <PointTip name="emotion-point-tip" {...hoverTip} scale={scale} direction="down" />}
      {dragTip && <PointTip name="emotion-drag-value" {...dragTip} scale={scale} direction="left" />}
    </Layer>
  );
}

/** Where a point takes a press: a disk around it, comfortably large on screen at any zoom (hitRadius). */
function pressableDisk(context: Konva.Context, shape: Konva.Shape): void {
  context.beginPath();
  context.arc(0, 0, hitRadius((shape as Konva.Circle).radius(), shape.getAbsoluteScale().x), 0, Math.PI * 2);
  context.closePath();
  context.fillShape(shape);
}

/** A dark tag beside a point, as large on screen at any zoom; its tip points at the point's edge. */
function PointTip(props: {
  name: string;
  x: number;
  y: number;
  text: string;
  scale: number;
  direction: "down" | "left";
}) {
  const gap = POINT_RADIUS.scored + 3 / props.scale;
  return (
    <Label
      x={props.direction === "left" ? props.x + gap : props.x}
      y={props.direction === "down" ? props.y - gap : props.y}
      scaleX={1 / props.scale}
      scaleY={1 / props.scale}
      listening={false}
    >
      <Tag
        fill="#212529"
        opacity={0.92}
        cornerRadius={4}
        pointerDirection={props.direction}
        pointerWidth={10}
        pointerHeight={6}
      />
      <Text name={props.name} text={props.text} padding={6} fontSize={12} fill="#FFFFFF" fontFamily={FONT_FAMILY} />
    </Label>
  );
}

/** The group's result of a crowd-scoring round: its mean as a dashed line inside a band of ± one standard deviation. */
function CrowdBand({
  grid,
  row,
  color,
  result,
}: {
  grid: Grid;
  row: GridRow;
  color: string;
  result: CrowdResult | null;
}) {
  if (!result) return null;
  const points = crowdBandPoints(grid, row, result.stages);
  if (!points) return null;
  return (
    <Group name="crowd-band" listening={false}>
      <Line points={points.band} closed fill={color} opacity={0.14} />
      <Line points={points.mean} stroke={color} strokeWidth={2} dash={[8, 6]} tension={0.35} />
      <Text
        x={(points.mean[0] ?? 0) - 60}
        y={(points.mean[1] ?? 0) - 20}
        text={`group (${result.participants})`}
        fontSize={11}
        fontFamily={FONT_FAMILY}
        fill={color}
      />
    </Group>
  );
}
