import { type CsvOptions, toCsv } from "./csv.js";
import type { RaciGrid, Stage } from "./schema.js";

/**
 * The RACI grid as CSV: one row per activity (in the grid's order) with its stage and phase, one column
 * per role holding its letters ("R/A"), and the systems it needs. Problems are not checked here: a grid
 * with flags exports as any other.
 */
export function gridCsv(
  grid: Pick<RaciGrid, "roles" | "activities">,
  stages: readonly Pick<Stage, "id" | "title" | "phase">[],
  options: CsvOptions = {},
): string {
  const header = ["Activity", "Stage", "Phase", ...grid.roles.map((role) => role.name), "Systems"];
  const rows = grid.activities.map((activity) => {
    const stage = stages.find((s) => s.id === activity.stageId);
    return [
      activity.title,
      stage?.title ?? "",
      stage?.phase ?? "",
      ...grid.roles.map((role) => (activity.cells[role.id] ?? []).join("/")),
      activity.systems.map((system) => system.name).join("; "),
    ];
  });
  return toCsv([header, ...rows], options);
}
