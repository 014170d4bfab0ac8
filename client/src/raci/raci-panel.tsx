import {
  addActivity,
  addRole,
  checkGrid,
  DEFAULT_ROLE_NAME,
  type JourneyMap,
  systemSuggestions,
} from "@journeyboard/shared";
import { useMemo, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { useBoardEdit } from "../commands/scope.js";
import { SidePanel } from "../panels/side-panel.js";
import { useUi } from "../ui-state.js";
import { SYSTEMS_LIST } from "./activity-row.js";
import { ChecksSummary } from "./checks-summary.js";
import { downloadGridCsv } from "./csv-download.js";
import type { StageFilter } from "./grid-rows.js";
import { ItStackSummary } from "./it-stack-summary.js";
import { RaciGrid } from "./raci-grid.js";
import { useRaciGrid } from "./use-grid.js";

/**
 * The map's RACI grid and IT stack, co-edited live: a wide panel beside the canvas that can take the
 * canvas's place. Above the grid: the stage filter, adding activities and roles, the CSV; below it, the
 * checks and the IT stack, both live.
 */
export function RaciPanel({ map, awareness }: { map: JourneyMap; awareness: Awareness }) {
  const { readOnly, edit } = useBoardEdit();
  const { grid, stages } = useRaciGrid(map);
  const check = useMemo(() => checkGrid(grid), [grid]);
  const expanded = useUi((s) => s.raciExpanded);
  const [filter, setFilter] = useState<StageFilter>("all");
  const [editing, setEditing] = useState<string | null>(null);
  const shownFilter = filter === "all" || filter === "none" || stages.some((s) => s.id === filter) ? filter : "all";
  const suggestions = systemSuggestions(map.board);

  const add = () => {
    const stageId = shownFilter === "all" || shownFilter === "none" ? null : shownFilter;
    const id = edit(() => addActivity(map, { stageId }));
    if (!id) return;
    // A new activity with no stage is shown whatever the filter, so it is never added out of sight.
    if (stageId === null && shownFilter !== "none") setFilter("all");
    setEditing(id);
  };

  return (
    <SidePanel
      title="RACI grid"
      className={expanded ? "raci-panel expanded" : "raci-panel"}
      actions={
        <button
          type="button"
          className="raci-expand"
          aria-pressed={expanded}
          onClick={() => useUi.getState().expandRaci(!expanded)}
        >
          {expanded ? "Show the board" : "Full width"}
        </button>
      }
    >
      <div className="raci-toolbar">
        <label>
          Stage{" "}
          <select aria-label="Show the activities of" value={shownFilter} onChange={(e) => setFilter(e.target.value)}>
            <option value="all">All stages</option>
            {stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.title}
              </option>
            ))}
            <option value="none">No stage</option>
          </select>
        </label>
        <button type="button" onClick={add} disabled={readOnly}>
          Add activity
        </button>
        <button type="button" onClick={() => edit(() => addRole(map, DEFAULT_ROLE_NAME))} disabled={readOnly}>
          Add role
        </button>
        <button type="button" onClick={() => downloadGridCsv(map)}>
          Download CSV
        </button>
      </div>
      {readOnly && <p className="raci-read-only">You can look at this grid, not change it.</p>}
      <RaciGrid
        map={map}
        grid={grid}
        stages={stages}
        check={check}
        filter={shownFilter}
        awareness={awareness}
        editing={editing}
        setEditing={setEditing}
      />
      <datalist id={SYSTEMS_LIST}>
        {suggestions.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <ChecksSummary map={map} grid={grid} check={check} />
      <ItStackSummary map={map} grid={grid} stages={stages} />
    </SidePanel>
  );
}
