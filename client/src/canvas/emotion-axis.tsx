import type { Grid, GridRow } from "@journeyboard/shared";
import type Konva from "konva";
import { Group, Label, Line, Tag, Text } from "react-konva";
import { useUi } from "../ui-state.js";
import { scoreY } from "./curves.js";
import { axisX, scoreText } from "./emotion-points.js";
import { axisLabelLift, axisLabelShown, axisLabelSize } from "./legibility.js";
import { BOARD, FONT_FAMILY } from "./theme.js";
import type { Viewport } from "./viewport.js";

const SCORES = [3, 2, 1, 0, -1, -2, -3] as const;

/**
 * The emotion lane's scale: a line per score across the map, and the scores' labels ("−2 · frustrated"),
 * which stay at the left edge of the view whatever the pan (pinEmotionAxis), as the lane headers do.
 */
export function EmotionAxis({ grid, row }: { grid: Grid; row: GridRow }) {
  const left = grid.columns[0]?.x ?? 0;
  // Placed for the view of the moment; later pans move it without a render (pinEmotionAxis).
  const viewport = useUi.getState().viewport;
  const x = axisX(viewport);
  const { scale } = viewport;
  return (
    <Group listening={false}>
      {SCORES.map((score) => (
        <Line
          key={score}
          points={[left, scoreY(row, score), grid.width, scoreY(row, score)]}
          stroke={score === 0 ? "#ADB5BD" : "#E9ECEF"}
          strokeWidth={1}
          dash={score === 0 ? undefined : [4, 6]}
        />
      ))}
      <Group name="emotion-axis" x={x}>
        {SCORES.map((score) => (
          <Label
            key={score}
            name="emotion-axis-mark"
            score={score}
            y={scoreY(row, score)}
            offsetY={axisLabelLift(scale)}
            visible={axisLabelShown(score, scale)}
          >
            <Tag fill={BOARD.background} opacity={0.85} cornerRadius={3} />
            <Text
              name="emotion-axis-label"
              text={scoreText(score)}
              padding={2}
              fontSize={axisLabelSize(scale)}
              fill="#868E96"
              fontFamily={FONT_FAMILY}
            />
          </Label>
        ))}
      </Group>
    </Group>
  );
}

/** Keeps the scale's labels at the left edge of the view. Runs on every pan and zoom, without React. */
export function pinEmotionAxis(stage: Konva.Stage, viewport: Viewport): void {
  stage.findOne(".emotion-axis")?.x(axisX(viewport));
}
