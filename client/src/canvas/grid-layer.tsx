import { type Grid, Phase, saleBoundaries } from "@journeyboard/shared";
import type Konva from "konva";
import { memo, type ReactNode } from "react";
import { Group, Layer, Line, Rect, Text } from "react-konva";
import { useUi } from "../ui-state.js";
import { laneColumnWidth, pinnedOffset } from "./headers.js";
import {
  activityBadgeSize,
  activityBadgeText,
  activityBadgeY,
  laneTitleSize,
  stageTitleWidth,
  stageTitleY,
  TITLE_SIZES,
  titleSize,
} from "./legibility.js";
import { BOARD, FONT_FAMILY } from "./theme.js";
import type { Viewport } from "./viewport.js";

const PHASE_LABEL = { [Phase.preSale]: "PRE-SALE", [Phase.postSale]: "POST-SALE" } as const;

/**
 * The static part of a map, in two layers that never listen to events (clicks fall through to the stage):
 * the cells under the notes, tinted by phase so the pre-sale/post-sale balance shows at a glance, with a
 * line wherever the phase changes; and the headers over the notes, which stay in view while panning. A
 * pre-sale stage after a post-sale one is flagged in its header.
 */
export function CellsLayer({ grid, children }: { grid: Grid; children?: ReactNode }) {
  // What lies on the cells (the note blocks) shares their canvas: each canvas shown is copied to the
  // compositor on every frame of a pan.
  return (
    <Layer listening={false}>
      <Cells grid={grid} />
      {children}
    </Layer>
  );
}

/** The cells, drawn again only when the grid changes. */
const Cells = memo(function Cells({ grid }: { grid: Grid }) {
  const top = grid.rows[0]?.y ?? 0;
  const { changes } = saleBoundaries(grid.columns.map((c) => c.stage));
  return (
    <>
      {grid.columns.map(({ stage, x }) => (
        <Rect
          key={stage.id}
          name="cell"
          x={x}
          y={top}
          width={stage.width}
          height={grid.height - top}
          fill={stage.phase === Phase.preSale ? BOARD.preSaleCell : BOARD.postSaleCell}
          stroke={BOARD.cellBorder}
          strokeWidth={1}
        />
      ))}
      {grid.rows.map(({ lane, y }) => (
        <Line key={lane.id} points={[0, y, grid.width, y]} stroke={BOARD.cellBorder} strokeWidth={1} />
      ))}
      {changes.map((index) => {
        const x = grid.columns[index]?.x ?? 0;
        return (
          <Line
            key={`sale-${index}`}
            name="sale-line"
            points={[x, 0, x, grid.height]}
            stroke={BOARD.saleLine}
            strokeWidth={3}
            dash={[10, 6]}
          />
        );
      })}
    </>
  );
});

/** `activities`: how many RACI activities each stage has (a badge in its header; none when 0). */
export const HeadersLayer = memo(function HeadersLayer({
  grid,
  activities,
}: {
  grid: Grid;
  activities: Readonly<Record<string, number>>;
}) {
  const top = grid.rows[0]?.y ?? 0;
  const outOfOrder = new Set(saleBoundaries(grid.columns.map((c) => c.stage)).outOfOrder);
  // Drawn for the zoom of the moment; later zooms resize the titles without a render (legibility.ts).
  const { scale } = useUi.getState().viewport;
  const left = laneColumnWidth(scale);
  return (
    <Layer listening={false}>
      <Group name="stage-headers">
        {grid.columns.map(({ stage, x }) => (
          <Group key={stage.id} x={x}>
            <Rect
              width={stage.width}
              height={top}
              fill={stage.phase === Phase.preSale ? BOARD.preSaleHeader : BOARD.postSaleHeader}
              stroke={BOARD.cellBorder}
              strokeWidth={1}
            />
            <Text
              name="phase-label"
              x={12}
              y={10}
              width={stage.width - 24}
              text={outOfOrder.has(stage.id) ? "PRE-SALE · AFTER THE SALE?" : PHASE_LABEL[stage.phase]}
              fontFamily={FONT_FAMILY}
              fontSize={11}
              fontStyle="bold"
              letterSpacing={0.8}
              fill={outOfOrder.has(stage.id) ? BOARD.outOfOrder : "#495057"}
              visible={titleSize("stage", scale) <= TITLE_SIZES.stage}
              wrap="none"
              ellipsis
            />
            {(activities[stage.id] ?? 0) > 0 && (
              <Text
                name="stage-activities"
                count={activities[stage.id]}
                x={12}
                y={activityBadgeY(scale)}
                width={stage.width - 24}
                align="right"
                text={activityBadgeText(activities[stage.id] ?? 0, scale)}
                fontFamily={FONT_FAMILY}
                fontSize={activityBadgeSize(scale)}
                fontStyle="bold"
                fill={BOARD.stageText}
                wrap="none"
              />
            )}
            <Text
              name="stage-title"
              x={12}
              y={stageTitleY(titleSize("stage", scale))}
              width={stageTitleWidth(
                stage.width,
                (activities[stage.id] ?? 0) > 0 ? activityBadgeText(activities[stage.id] ?? 0, scale) : null,
                scale,
              )}
              text={stage.title}
              fontFamily={FONT_FAMILY}
              fontSize={titleSize("stage", scale)}
              fontStyle="bold"
              fill={BOARD.stageText}
              ellipsis
              wrap="none"
            />
          </Group>
        ))}
      </Group>
      <Group name="lane-headers">
        {grid.rows.map(({ lane, y }) => (
          <Group key={lane.id} y={y}>
            <Rect
              name="lane-box"
              width={left}
              height={lane.height}
              fill={BOARD.laneHeader}
              stroke={BOARD.cellBorder}
              strokeWidth={1}
            />
            <Text
              name="lane-title"
              x={12}
              y={12}
              width={left - 24}
              height={lane.height - 24}
              text={lane.title}
              fontFamily={FONT_FAMILY}
              fontSize={laneTitleSize(lane.title, { w: left - 24, h: lane.height - 24 }, scale)}
              fontStyle="bold"
              fill={BOARD.laneHeaderText}
            />
          </Group>
        ))}
      </Group>
      <Rect
        name="header-corner"
        width={left}
        height={top}
        fill={BOARD.background}
        stroke={BOARD.cellBorder}
        strokeWidth={1}
      />
    </Layer>
  );
});

/**
 * Keeps the headers in view: lane headers stick to the left edge, stage headers to the top, as frozen
 * panes do in a spreadsheet. Runs on every pan and zoom, without React.
 */
export function pinHeaders(stage: Konva.Stage, viewport: Viewport): void {
  const pinned = pinnedOffset(viewport);
  stage.findOne(".lane-headers")?.x(pinned.x);
  stage.findOne(".stage-headers")?.y(pinned.y);
  stage.findOne(".vote-heat")?.y(pinned.y);
  stage.findOne(".header-corner")?.position({ x: pinned.x, y: pinned.y });
}
