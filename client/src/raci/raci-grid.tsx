import {
  clearCell,
  type RaciGrid as Grid,
  type JourneyMap,
  nextCellLetters,
  type RaciCheck,
  type Stage,
  setCellLetters,
  toggleLetter,
} from "@journeyboard/shared";
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { useBoardEdit } from "../commands/scope.js";
import { useUi } from "../ui-state.js";
import { ActivityRow } from "./activity-row.js";
import { type CellRef, cellId, cellSender, useCellVisitors } from "./cell-presence.js";
import { clampPosition, type GridShape, gridKeyAction } from "./grid-keys.js";
import {
  FIRST_ROLE_COLUMN,
  gridColumns,
  groupRows,
  STAGE_COLUMN,
  type StageFilter,
  SYSTEMS_COLUMN,
  TITLE_COLUMN,
} from "./grid-rows.js";
import { RoleHeader } from "./role-header.js";

/** The cell this participant is on: an activity and a column (gridColumns). */
export type ActiveCell = { activityId: string; column: string };

/**
 * The grid itself: one row per activity, grouped by stage, one column per role. One cell at a time takes
 * the Tab stop (a roving tabindex), the arrows move it, and the keys of grid-keys.ts act on it; the board's
 * own shortcuts stay out (data-own-keys). Every change passes the board's edit gate.
 */
export function RaciGrid(props: {
  map: JourneyMap;
  grid: Grid;
  stages: readonly Stage[];
  check: RaciCheck;
  filter: StageFilter;
  awareness: Awareness;
  editing: string | null;
  setEditing: (activityId: string | null) => void;
}) {
  const { map, grid, stages, check, filter, awareness, editing, setEditing } = props;
  const { edit } = useBoardEdit();
  const groups = useMemo(() => groupRows(grid, stages, filter), [grid, stages, filter]);
  const rows = useMemo(() => groups.flatMap((group) => group.activities), [groups]);
  const columns = useMemo(() => gridColumns(grid), [grid]);
  const shape: GridShape = {
    rows: rows.length,
    cols: columns.length,
    firstRole: FIRST_ROLE_COLUMN,
    roles: grid.roles.length,
  };
  const [active, setActive] = useState<ActiveCell | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const visitors = useCellVisitors(awareness, map.id);
  const send = useMemo(() => cellSender(awareness), [awareness]);
  useEffect(() => () => send(null), [send]);

  // The cell that holds the Tab stop: the active one while it is shown, else the nearest one.
  const at = position(active, rows, columns);
  const activeRow = at ? rows[at.row] : undefined;
  const current: ActiveCell | null =
    at && activeRow ? { activityId: activeRow.id, column: columns[at.col] ?? TITLE_COLUMN } : null;

  const focusCell = useCallback((cell: ActiveCell) => {
    setActive(cell);
    const found = table.current?.querySelector<HTMLElement>(`[data-cell="${cellId(cell.activityId, cell.column)}"]`);
    found?.focus();
  }, []);

  // "Create activity from note" and a new activity open the grid on their row.
  const raciFocus = useUi((s) => s.raciFocus);
  useEffect(() => {
    if (raciFocus === null || !rows.some((a) => a.id === raciFocus)) return;
    focusCell({ activityId: raciFocus, column: TITLE_COLUMN });
    useUi.getState().focusActivity(null);
  }, [raciFocus, rows, focusCell]);

  // The title being edited is the active cell, so the focus comes back to it when editing ends.
  useEffect(() => {
    if (editing !== null) setActive({ activityId: editing, column: TITLE_COLUMN });
  }, [editing]);

  const onFocusCell = (cell: ActiveCell) => {
    setActive(cell);
    send({ mapId: map.id, ...cell } satisfies CellRef);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest("input, textarea, select, button")) return;
    // The key acts on the cell it was pressed in (the active one, unless focus came another way).
    const from = cellOf(target.closest<HTMLElement>("[data-cell]")) ?? current;
    const here = position(from, rows, columns);
    if (!from || !here) return;
    const action = gridKeyAction(event.nativeEvent, here, shape);
    if (!action) return;
    event.preventDefault();
    const { activityId, column } = from;
    const letters = rows[here.row]?.cells[column] ?? [];
    switch (action.kind) {
      case "move": {
        const row = rows[action.to.row];
        if (row) focusCell({ activityId: row.id, column: columns[action.to.col] ?? TITLE_COLUMN });
        return;
      }
      case "toggle":
        edit(() => toggleLetter(map, activityId, column, action.letter));
        return;
      case "clear":
        edit(() => clearCell(map, activityId, column));
        return;
      case "click":
        edit(() => setCellLetters(map, activityId, column, nextCellLetters(letters)));
        return;
      case "edit":
        if (column === STAGE_COLUMN || column === SYSTEMS_COLUMN)
          target.querySelector<HTMLElement>("select, input")?.focus();
        else edit(() => setEditing(activityId));
    }
  };

  if (rows.length === 0) {
    return (
      <p className="raci-empty">
        {grid.activities.length === 0
          ? "No activities yet: add one, or create one from a selected opportunity or pain point."
          : "No activity in this stage."}
      </p>
    );
  }
  return (
    <div className="raci-scroll">
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an interactive data grid is a table with role grid (WAI-ARIA's grid pattern). */}
      <table ref={table} className="raci-grid" role="grid" aria-label="RACI grid" data-own-keys onKeyDown={onKeyDown}>
        <thead>
          <tr>
            <th scope="col">Activity</th>
            <th scope="col">Stage</th>
            {grid.roles.map((role, index) => (
              <RoleHeader
                key={role.id}
                map={map}
                role={role}
                index={index}
                count={grid.roles.length}
                flags={check.byRole[role.id] ?? []}
                grid={grid}
              />
            ))}
            <th scope="col">Systems</th>
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.stageId ?? "none"}>
            <tr className="raci-group">
              <th scope="rowgroup" colSpan={columns.length}>
                {group.title} · {group.activities.length === 1 ? "1 activity" : `${group.activities.length} activities`}
              </th>
            </tr>
            {group.activities.map((activity) => (
              <ActivityRow
                key={activity.id}
                map={map}
                grid={grid}
                activity={activity}
                stages={stages}
                flags={check.byActivity[activity.id] ?? []}
                tabStop={current?.activityId === activity.id ? current.column : null}
                visitors={visitors}
                editing={editing === activity.id}
                stopEditing={(refocus) => {
                  setEditing(null);
                  if (refocus) focusCell({ activityId: activity.id, column: TITLE_COLUMN });
                }}
                onFocusCell={onFocusCell}
              />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function cellOf(element: HTMLElement | null): ActiveCell | null {
  const [activityId, column] = element?.dataset.cell?.split("/") ?? [];
  return activityId && column ? { activityId, column } : null;
}

function position(active: ActiveCell | null, rows: readonly { id: string }[], columns: readonly string[]) {
  const row = active ? rows.findIndex((a) => a.id === active.activityId) : 0;
  const col = active ? columns.indexOf(active.column) : 0;
  return clampPosition({ row: Math.max(0, row), col: Math.max(0, col) }, { rows: rows.length, cols: columns.length });
}
