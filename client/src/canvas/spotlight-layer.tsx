import type { Grid } from "@journeyboard/shared";
import { Layer, Rect } from "react-konva";
import type { BoardConnection } from "../sync/connection.js";
import { useWalkthrough } from "../sync/walkthrough.js";
import { useUi } from "../ui-state.js";

/** How much the stages other than the facilitator's current one are dimmed while following. */
const DIM = "rgba(33, 37, 41, 0.38)";

/**
 * The spotlight of a walk-through: while this participant follows it, every stage but the one being
 * walked through is dimmed, so that all eyes are on the same stage.
 */
export function SpotlightLayer({
  connection,
  mapId,
  grid,
}: {
  connection: BoardConnection;
  mapId: string;
  grid: Grid;
}) {
  const walk = useWalkthrough(connection);
  const following = useUi((s) => s.following);
  if (walk?.status !== "running" || walk.mapId !== mapId || !following) return null;
  return (
    <Layer listening={false}>
      {grid.columns
        .filter((c) => c.stage.id !== walk.stageId)
        .map((c) => (
          <Rect
            key={c.stage.id}
            name="spotlight-dim"
            id={`spotlight-dim-${c.stage.id}`}
            x={c.x}
            y={0}
            width={c.stage.width}
            height={grid.height}
            fill={DIM}
          />
        ))}
    </Layer>
  );
}
