import {
  addLane,
  addStage,
  deleteLane,
  deleteStage,
  type Grid,
  type JourneyMap,
  moveLane,
  moveStage,
  Phase,
  setStagePhase,
} from "@journeyboard/shared";
import { useEffect } from "react";
import { useBoardEdit } from "../commands/scope.js";
import { type HeaderRef, useUi } from "../ui-state.js";

export interface MenuAt {
  header: HeaderRef;
  x: number;
  y: number;
}

/** What can be done to a stage or lane: the menu of its header (right-click). */
export function HeaderMenu({ map, grid, at, close }: { map: JourneyMap; grid: Grid; at: MenuAt; close: () => void }) {
  const rename = useUi((s) => s.rename);
  const { edit } = useBoardEdit();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && close();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [close]);

  const { header } = at;
  const items: [string, () => void, boolean?][] = [];
  if (header.kind === "stage") {
    const index = grid.columns.findIndex((c) => c.stage.id === header.id);
    const column = grid.columns[index];
    if (!column) return null;
    const { stage } = column;
    const neighbour = grid.columns[index - 1] ?? grid.columns[index + 1];
    items.push(
      ["Rename", () => rename(header)],
      [
        stage.phase === Phase.preSale ? "Make it post-sale" : "Make it pre-sale",
        () => edit(() => setStagePhase(map, stage.id, stage.phase === Phase.preSale ? Phase.postSale : Phase.preSale)),
      ],
      [
        "Add a stage before",
        () => edit(() => moveStage(map, addStage(map, { title: "New stage", phase: stage.phase }, stage.id), index)),
      ],
      ["Add a stage after", () => edit(() => addStage(map, { title: "New stage", phase: stage.phase }, stage.id))],
      ["Move left", () => edit(() => moveStage(map, stage.id, index - 1)), index === 0],
      ["Move right", () => edit(() => moveStage(map, stage.id, index + 1)), index === grid.columns.length - 1],
      [
        "Delete stage",
        () => {
          const notes = neighbour
            ? `Its notes move to "${neighbour.stage.title}".`
            : "Its notes stay, as unplaced notes.";
          useUi.getState().ask({
            title: `Delete the stage "${stage.title}"?`,
            message: `${notes} Undo brings the stage back.`,
            confirmLabel: "Delete stage",
            run: () => edit(() => deleteStage(map, stage.id)),
          });
        },
      ],
    );
  } else {
    const index = grid.rows.findIndex((r) => r.lane.id === header.id);
    const row = grid.rows[index];
    if (!row) return null;
    const { lane } = row;
    const neighbour = grid.rows[index - 1] ?? grid.rows[index + 1];
    items.push(
      ["Rename", () => rename(header)],
      [
        "Add a lane above",
        () => edit(() => moveLane(map, addLane(map, { title: "New lane", kind: lane.kind }, lane.id), index)),
      ],
      ["Add a lane below", () => edit(() => addLane(map, { title: "New lane", kind: lane.kind }, lane.id))],
      ["Move up", () => edit(() => moveLane(map, lane.id, index - 1)), index === 0],
      ["Move down", () => edit(() => moveLane(map, lane.id, index + 1)), index === grid.rows.length - 1],
      [
        "Delete lane",
        () => {
          const notes = neighbour
            ? `Its notes move to "${neighbour.lane.title}".`
            : "Its notes stay, as unplaced notes.";
          useUi.getState().ask({
            title: `Delete the lane "${lane.title}"?`,
            message: `${notes} Undo brings the lane back.`,
            confirmLabel: "Delete lane",
            run: () => edit(() => deleteLane(map, lane.id)),
          });
        },
      ],
    );
  }
  return (
    <div
      className="context-menu"
      role="menu"
      aria-label={header.kind === "stage" ? "Stage" : "Lane"}
      style={{ left: at.x, top: at.y }}
    >
      {items.map(([label, run, disabled]) => (
        <button
          key={label}
          type="button"
          role="menuitem"
          disabled={disabled}
          onClick={() => {
            close();
            run();
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
