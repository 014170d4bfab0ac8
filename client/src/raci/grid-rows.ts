import type { RaciActivity, RaciGrid, Stage } from "@journeyboard/shared";

/**
 * How the grid lays out its rows and columns: activities grouped by stage (in the journey's order, those
 * with no stage last), optionally only one stage's; the columns an activity's cells are in.
 */

/** All stages, the activities with no stage, or one stage's id (ids are 12 characters: never these words). */
export type StageFilter = "all" | "none" | (string & {});

export interface RowGroup {
  /** The stage's id, or null for the activities with no stage. */
  stageId: string | null;
  title: string;
  activities: RaciActivity[];
}

export const NO_STAGE = "No stage";

export function groupRows(
  grid: Pick<RaciGrid, "activities">,
  stages: readonly Stage[],
  filter: StageFilter,
): RowGroup[] {
  const groups: RowGroup[] = [
    ...stages.map((stage) => ({
      stageId: stage.id as string | null,
      title: stage.title,
      activities: [] as RaciActivity[],
    })),
    { stageId: null, title: NO_STAGE, activities: [] },
  ];
  for (const activity of grid.activities) {
    groups.find((group) => group.stageId === activity.stageId)?.activities.push(activity);
  }
  return groups.filter(
    (group) =>
      group.activities.length > 0 &&
      (filter === "all" || (filter === "none" ? group.stageId === null : group.stageId === filter)),
  );
}

/** An activity's columns that are not roles'. */
export const TITLE_COLUMN = "title";
export const STAGE_COLUMN = "stage";
export const SYSTEMS_COLUMN = "systems";

/** The grid's columns in order: the title, the stage, one per role, the systems. */
export function gridColumns(grid: Pick<RaciGrid, "roles">): string[] {
  return [TITLE_COLUMN, STAGE_COLUMN, ...grid.roles.map((role) => role.id), SYSTEMS_COLUMN];
}

/** The index of the first role's column in gridColumns. */
export const FIRST_ROLE_COLUMN = 1 + 1;
