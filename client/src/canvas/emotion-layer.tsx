import {
  type CrowdResult,
  EMOTION_SCALE,
  type Grid,
  type GridRow,
  type JourneyMap,
  momentsOfTruth,
  placedMoments,
  setEmotion,
} from "@journeyboard/shared";
import type Konva from "konva";
import { Circle, Group, Layer, Line, Text } from "react-konva";
import type { BoardConnection } from "../sync/connection.js";
import { useCrowd, useJourney } from "../sync/hooks.js";
import { useUi } from "../ui-state.js";
import { crowdBandPoints, curvePoints, emotionRow, scoreAt, scoreY, stageCenter } from "./curves.js";
import { BOARD, FONT_FAMILY } from "./theme.js";

const MOMENT_MARKS = { peak: "▲ peak", trough: "▼ trough", drop: "↘ largest drop" } as const;
const POLARITY_MARKS = { positive: "★", negative: "⚡" } as const;

/**
 * Each visible segment's emotion curve in the emotion lane: a smooth line through one point per stage.
 * Points drag vertically and snap to the -3..+3 scale (one undo step per drag); a stage without a point
 * shows a hollow one to drag into place. Derived moments of truth and placed moment-of-truth notes are
 * marked on the curve.
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
  const journey = useJourney(map);
  const crowd = useCrowd(connection, map);
  const hidden = useUi((s) => s.hiddenSegments);
  const row = emotionRow(grid);
  if (!row) return null;
  const visible = journey.segments.filter((s) => !hidden.includes(s.id));
  const placed = placedMoments(journey.notes);
  const left = grid.columns[0]?.x ?? 0;

  const drag = (segmentId: string, stageId: string, x: number) => ({
    onDragStart: () => connection.undo.stopCapturing(),
    onDragMove: (event: Konva.KonvaEventObject<DragEvent>) => {
      const node = event.target;
      node.x(x);
      node.y(Math.min(scoreY(row, EMOTION_SCALE.min), Math.max(scoreY(row, EMOTION_SCALE.max), node.y())));
      setEmotion(map, segmentId, stageId, scoreAt(row, node.y()));
    },
    onDragEnd: (event: Konva.KonvaEventObject<DragEvent>) => {
      setEmotion(map, segmentId, stageId, scoreAt(row, event.target.y()));
      event.target.y(scoreY(row, scoreAt(row, event.target.y())));
      connection.undo.stopCapturing();
    },
  });

  return (
    <Layer>
      <Group listening={false}>
        {[3, 2, 1, 0, -1, -2, -3].map((score) => (
          <Group key={score}>
            <Line
              points={[left, scoreY(row, score), grid.width, scoreY(row, score)]}
              stroke={score === 0 ? "#ADB5BD" : "#E9ECEF"}
              strokeWidth={1}
              dash={score === 0 ? undefined : [4, 6]}
            />
            <Text
              x={left + 4}
              y={scoreY(row, score) - 7}
              text={score > 0 ? `+${score}` : `${score}`}
              fontSize={11}
              fill="#868E96"
              fontFamily={FONT_FAMILY}
            />
          </Group>
        ))}
      </Group>
      {visible.map((segment) => {
        const curve = journey.curves.get(segment.id) ?? [];
        const scores = new Map(curve.map((p) => [p.stageId, p]));
        const moments = momentsOfTruth(journey.stages, curve);
        return (
          <Group key={segment.id} name="emotion-curve" id={`curve-${segment.id}`}>
            <CrowdBand grid={grid} row={row} color={segment.color} result={crowd.get(segment.id) ?? null} />
            <Line
              points={curvePoints(grid, row, curve)}
              stroke={segment.color}
              strokeWidth={3}
              tension={0.35}
              lineCap="round"
              listening={false}
            />
            {grid.columns.map((column) => {
              const point = scores.get(column.stage.id);
              const x = stageCenter(column);
              const y = scoreY(row, point?.score ?? 0);
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
                    radius={point ? 9 : 7}
                    fill={point ? segment.color : BOARD.background}
                    stroke={segment.color}
                    strokeWidth={2}
                    opacity={point ? 1 : 0.45}
                    hitStrokeWidth={12}
                    draggable={!readOnly}
                    {...drag(segment.id, column.stage.id, x)}
                  />
                  {(point?.label || marks.length > 0) && (
                    <Text
                      x={x + 14}
                      y={y - 18}
                      text={[marks.join(" "), point?.label].filter(Boolean).join("  ")}
                      fontSize={12}
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
    </Layer>
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
