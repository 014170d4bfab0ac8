import { UNTITLED_ACTIVITY } from "./raci.js";
import type { RaciGrid } from "./schema.js";

/**
 * The RACI grid checks itself: pure rules over the plain grid (`readGrid`), each problem a flag that
 * names its activity or role so the view can show it in the row or column and list it in a summary.
 * Flags never block: a grid with problems is edited and exported as any other.
 */
export type RaciFlag =
  /** Nobody is Accountable: the activity has no owner. */
  | { kind: "no-accountable"; activityId: string }
  /** More than one role is Accountable: nobody quite owns it. */
  | { kind: "several-accountable"; activityId: string; roleIds: string[] }
  /** Nobody is Responsible: nobody does the work. */
  | { kind: "no-responsible"; activityId: string }
  /** The activity belongs to no stage of the journey. */
  | { kind: "no-stage"; activityId: string }
  /** The role does the work of no activity. */
  | { kind: "never-responsible"; roleId: string }
  /** The role is Accountable for more than the grid's set share of the activities: a bottleneck. */
  | { kind: "accountable-too-often"; roleId: string; share: number; limit: number };

export type RaciFlagKind = RaciFlag["kind"];

/**
 * A role being A on most of a handful of activities is normal; the share is checked from this many
 * activities on.
 */
export const MIN_ACTIVITIES_FOR_SHARE = 4;

export interface RaciCheck {
  /** Every flag: activities' in the grid's order, then roles' in theirs. */
  flags: RaciFlag[];
  /** Activity id → its flags (activities without any are left out). */
  byActivity: Record<string, RaciFlag[]>;
  /** Role id → its flags. */
  byRole: Record<string, RaciFlag[]>;
}

export function checkGrid(grid: RaciGrid): RaciCheck {
  const flags: RaciFlag[] = [];
  const responsible = new Set<string>();
  const accountable = new Map<string, number>();
  for (const activity of grid.activities) {
    const roleIds = (letter: "R" | "A") =>
      grid.roles.filter((role) => activity.cells[role.id]?.includes(letter)).map((role) => role.id);
    const owners = roleIds("A");
    const doers = roleIds("R");
    for (const id of doers) responsible.add(id);
    for (const id of owners) accountable.set(id, (accountable.get(id) ?? 0) + 1);
    if (owners.length === 0) flags.push({ kind: "no-accountable", activityId: activity.id });
    if (owners.length > 1) flags.push({ kind: "several-accountable", activityId: activity.id, roleIds: owners });
    if (doers.length === 0) flags.push({ kind: "no-responsible", activityId: activity.id });
    if (activity.stageId === null) flags.push({ kind: "no-stage", activityId: activity.id });
  }
  const count = grid.activities.length;
  for (const role of grid.roles) {
    if (count > 0 && !responsible.has(role.id)) flags.push({ kind: "never-responsible", roleId: role.id });
    const share = (accountable.get(role.id) ?? 0) / Math.max(1, count);
    if (count >= MIN_ACTIVITIES_FOR_SHARE && share > grid.accountableShare) {
      flags.push({ kind: "accountable-too-often", roleId: role.id, share, limit: grid.accountableShare });
    }
  }
  const byActivity: Record<string, RaciFlag[]> = {};
  const byRole: Record<string, RaciFlag[]> = {};
  for (const flag of flags) {
    const [index, id] = "activityId" in flag ? [byActivity, flag.activityId] : [byRole, flag.roleId];
    index[id] = [...(index[id] ?? []), flag];
  }
  return { flags, byActivity, byRole };
}

/** A flag in words, for the summary and for a tooltip: names come from the grid. */
export function describeFlag(
  flag: RaciFlag,
  grid: Pick<RaciGrid, "roles" | "activities">,
  /** "inline": shown on the flagged row or column itself, which needs no naming again. */
  where: "summary" | "inline" = "summary",
): string {
  const inline = where === "inline";
  const role = (id: string) => grid.roles.find((r) => r.id === id)?.name ?? "A removed role";
  const activity = (id: string) => {
    const title = grid.activities.find((a) => a.id === id)?.title ?? "";
    return `“${title.length > 0 ? title : UNTITLED_ACTIVITY}”`;
  };
  // The row or column the flag is shown on is not named again.
  const subject = (name: string) => (inline ? "It" : name);
  switch (flag.kind) {
    case "no-accountable":
      return `${subject(activity(flag.activityId))} has nobody Accountable`;
    case "several-accountable":
      return `${subject(activity(flag.activityId))} has ${flag.roleIds.length} roles Accountable (${flag.roleIds.map(role).join(", ")}): exactly one should be`;
    case "no-responsible":
      return `${subject(activity(flag.activityId))} has nobody Responsible`;
    case "no-stage":
      return `${subject(activity(flag.activityId))} belongs to no stage`;
    case "never-responsible":
      return `${subject(role(flag.roleId))} is Responsible for no activity`;
    case "accountable-too-often":
      return `${subject(role(flag.roleId))} is Accountable for ${Math.round(flag.share * 100)}% of the activities (more than ${Math.round(flag.limit * 100)}%)`;
  }
}
