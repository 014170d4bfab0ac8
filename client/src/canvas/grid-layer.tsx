import { type Grid, Phase } from "@journeyboard/shared";
import { memo } from "react";
import { Group, Layer, Line, Rect, Text } from "react-konva";
import { BOARD, FONT_FAMILY } from "./theme.js";

const PHASE_LABEL = { [Phase.preSale]: "PRE-SALE", [Phase.postSale]: "POST-SALE" } as const;

/**
 * The static part of a map: stage headers across the top, lane headers down the left, cells tinted by
 * phase so the pre-sale/post-sale balance shows at a glance, and a line where the sale happens.
 * It never listens to events: clicks fall through to the stage.
 */
export const GridLayer = memo(function GridLayer({ grid }: { grid: Grid }) {
  const top = grid.rows[0]?.y ?? 0;
  const firstPostSale = grid.columns.findIndex(
    (c, i) => c.stage.phase === Phase.postSale && grid.columns[i - 1]?.stage.phase === Phase.preSale,
  );
  const saleX = firstPostSale > 0 ? grid.columns[firstPostSale]?.x : undefined;
  return (
    <Layer listening={false}>
      {grid.columns.map(({ stage, x }) => (
        <Group key={stage.id} x={x}>
          <Rect
            y={top}
            width={stage.width}
            height={grid.height - top}
            fill={stage.phase === Phase.preSale ? BOARD.preSaleCell : BOARD.postSaleCell}
            stroke={BOARD.cellBorder}
            strokeWidth={1}
          />
          <Rect
            width={stage.width}
            height={top}
            fill={stage.phase === Phase.preSale ? BOARD.preSaleHeader : BOARD.postSaleHeader}
            stroke={BOARD.cellBorder}
            strokeWidth={1}
          />
          <Text
            x={12}
            y={10}
            width={stage.width - 24}
            text={PHASE_LABEL[stage.phase]}
            fontFamily={FONT_FAMILY}
            fontSize={11}
            fontStyle="bold"
            letterSpacing={0.8}
            fill="#495057"
          />
          <Text
            x={12}
            y={28}
            width={stage.width - 24}
            height={top - 32}
            text={stage.title}
            fontFamily={FONT_FAMILY}
            fontSize={17}
            fontStyle="bold"
            fill={BOARD.stageText}
            ellipsis
            wrap="none"
          />
        </Group>
      ))}
      {grid.rows.map(({ lane, y }) => (
        <Group key={lane.id} y={y}>
          <Line points={[0, 0, grid.width, 0]} stroke={BOARD.cellBorder} strokeWidth={1} />
          <Rect
            width={grid.columns[0]?.x ?? 0}
            height={lane.height}
            fill={BOARD.laneHeader}
            stroke={BOARD.cellBorder}
          />
          <Text
            x={12}
            y={12}
            width={(grid.columns[0]?.x ?? 0) - 24}
            height={lane.height - 24}
            text={lane.title}
            fontFamily={FONT_FAMILY}
            fontSize={15}
            fontStyle="bold"
            fill={BOARD.laneHeaderText}
          />
        </Group>
      ))}
      {saleX !== undefined && (
        <Line points={[saleX, 0, saleX, grid.height]} stroke={BOARD.saleLine} strokeWidth={3} dash={[10, 6]} />
      )}
    </Layer>
  );
});
