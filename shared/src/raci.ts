import * as Y from "yjs";
import { change, containerOf, type JourneyMap, record } from "./doc.js";
import { readChild, readString, records } from "./fields.js";
import { newId } from "./ids.js";
import { byOrder, keysInOrder } from "./order.js";
import {
  isSystemStatus,
  RACI_LETTERS,
  type RaciActivity,
  type RaciGrid,
  type RaciLetter,
  type RaciRole,
  type RaciSystem,
  type SystemStatus,
} from "./schema.js";

/**
 * The RACI grid of a map: who is Responsible, Accountable, Consulted and Informed for each activity of
 * the (future-state) process, and the systems each activity needs (the IT stack).
 *
 * API for the grid view (all take the map; each mutation is one transaction, one undo step; ids of
 * things that are gone are ignored; limits are in RACI_LIMITS):
 * - read (here): `readGrid(map)` → `{ roles, activities, accountableShare, systemStatus }`, roles and
 *   activities in order, `activity.cells[roleId]` the letters in R A C I order for every role (empty:
 *   []); `listRoles`, `listActivities` read one half; `activitiesPerStage(grid)` is the count a stage
 *   header shows; `setAccountableShare(map, share)` sets the checks' threshold.
 * - roles (raci-roles.ts): `addRole(map, name, afterId?)`, `renameRole`, `moveRole(map, id, toIndex)`,
 *   `roleLetterCount(map, id)` (ask before removing a role that holds letters), `removeRole` (its letters
 *   go with it, one undo step).
 * - activities and cells (raci-activities.ts): `addActivity(map, { title, stageId, noteIds, systems },
 *   afterId?)`, `activityFromNote(map, noteId)` (an opportunity or a pain point: ACTIVITY_NOTE_KINDS),
 *   `updateActivity(map, id, { title?, stageId? })`, `activityTitle(map, id)` (the Y.Text to bind an
 *   editor to, with RACI_LIMITS.activityTitle as its limit), `moveActivity`, `removeActivity`,
 *   `linkNotes(map, id, noteIds, linked)`, `toggleLetter(map, id, roleId, letter)`, `setCellLetters`,
 *   `clearCell`.
 * - checks (raci-checks.ts): `checkGrid(grid)` → `{ flags, byActivity, byRole }`, each flag naming its
 *   activity or role; `describeFlag(flag, grid)` in words. Flags never block an edit or an export.
 * - IT stack (it-stack.ts): `addSystem(map, activityId, name)`, `removeSystem(map, activityId, key)`,
 *   `setSystemStatus(map, key, status)`, `systemSuggestions(board, typed)`, `itStack(grid, stages)`.
 * - CSV: `gridCsv(grid, stages, { bom })` (raci-csv.ts), on the generic cells of csv.ts.
 *
 * Shape (see schema.ts): `raci` holds `roles`, `activities` and `systems` maps, made once with the map
 * (or by the version 4 migration), never lazily. An activity is made whole: its title is a Y.Text (two
 * people typing in it at once both keep their text) and its `notes`, `systems` and `cells` are maps
 * made with it. Each letter of a cell is its own key, `${roleId}:${letter}`, so two people setting
 * different letters of one cell at once both land, and removing an activity takes its letters along.
 * Removing a role deletes its keys in every activity; a letter someone set on it at the same moment
 * survives the merge as a key of no role, which reads ignore (and an undo of the removal shows again).
 */

/** Bounds the model keeps to: longer text is cut, one more role, activity, system or link is refused. */
export const RACI_LIMITS = {
  roles: 30,
  roleName: 60,
  activities: 500,
  activityTitle: 200,
  /** Systems one activity names. */
  systems: 20,
  systemName: 60,
  /** Notes one activity links to. */
  linkedNotes: 20,
} as const;

/** A role A on more than half of the activities holds too much: a bottleneck and a single point of failure. */
export const DEFAULT_ACCOUNTABLE_SHARE = 0.5;
export const ACCOUNTABLE_SHARE = { min: 0.1, max: 1 } as const;

/** What an activity with an empty title is called where it must be named (flags, summaries). */
export const UNTITLED_ACTIVITY = "Untitled activity";
export const DEFAULT_ROLE_NAME = "New role";

/** The key of one letter of one cell in an activity's `cells`. */
export function cellKey(roleId: string, letter: RaciLetter): string {
  return `${roleId}:${letter}`;
}

/** The grid's structure for a new map, with its roles in order. */
export function newRaciRecord(roleNames: readonly string[]): Y.Map<unknown> {
  const raci = new Y.Map<unknown>();
  const roles = new Y.Map<unknown>();
  const keys = keysInOrder(roleNames.length);
  roleNames.forEach((name, i) => {
    roles.set(newId(), record({ name: cleanText(name, RACI_LIMITS.roleName, DEFAULT_ROLE_NAME), order: keys[i] }));
  });
  raci.set("roles", roles);
  raci.set("activities", new Y.Map<unknown>());
  raci.set("systems", new Y.Map<unknown>());
  return raci;
}

/** Trimmed, whitespace collapsed, cut to `max`; the fallback when nothing is left. */
export function cleanText(text: string, max: number, fallback: string): string {
  const clean = text.replace(/\s+/g, " ").trim().slice(0, max).trim();
  return clean.length > 0 ? clean : fallback;
}

/** One of the grid's maps (roles, activities, systems). Made with the map, so there in a valid board. */
export function raciPart(map: JourneyMap, part: "roles" | "activities" | "systems"): Y.Map<unknown> {
  const found = readChild(containerOf(map, "raci"), part);
  if (!found) throw new Error(`map ${map.id} has no raci ${part}`);
  return found;
}

export function activityRecord(map: JourneyMap, activityId: string): Y.Map<unknown> | undefined {
  return readChild(raciPart(map, "activities"), activityId);
}

export function listRoles(map: JourneyMap): RaciRole[] {
  return [...records(raciPart(map, "roles"))]
    .map(([id, y]) => ({
      id,
      name: readString(y, "name", DEFAULT_ROLE_NAME).slice(0, RACI_LIMITS.roleName),
      order: readString(y, "order", ""),
    }))
    .sort(byOrder);
}

/** The activities in order, their cells read for `roles` (all of the map's when not given). */
export function listActivities(map: JourneyMap, roles: readonly RaciRole[] = listRoles(map)): RaciActivity[] {
  const stages = containerOf(map, "stages");
  const notes = containerOf(map, "notes");
  return [...records(raciPart(map, "activities"))]
    .map(([id, y]): RaciActivity => {
      const title = y.get("title");
      const stageId = y.get("stageId");
      const linked = readChild(y, "notes");
      const cells = readChild(y, "cells");
      return {
        id,
        title: (title instanceof Y.Text ? title.toString() : "").slice(0, RACI_LIMITS.activityTitle),
        // A stage deleted since reads as none (and is flagged), as a letter of a deleted role is not shown.
        stageId: typeof stageId === "string" && readChild(stages, stageId) ? stageId : null,
        order: readString(y, "order", ""),
        noteIds: linked ? [...linked.keys()].filter((noteId) => readChild(notes, noteId)).sort() : [],
        systems: readSystems(readChild(y, "systems")),
        cells: Object.fromEntries(roles.map((role) => [role.id, lettersOf(cells, role.id)])),
      };
    })
    .sort(byOrder);
}

function lettersOf(cells: Y.Map<unknown> | undefined, roleId: string): RaciLetter[] {
  return RACI_LETTERS.filter((letter) => cells?.get(cellKey(roleId, letter)) === true);
}

function readSystems(systems: Y.Map<unknown> | undefined): RaciSystem[] {
  if (!systems) return [];
  return [...systems.entries()]
    .map(([key, name]) => ({ key, name: typeof name === "string" && name.length > 0 ? name : key }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function readGrid(map: JourneyMap): RaciGrid {
  const roles = listRoles(map);
  const systemStatus: Record<string, SystemStatus> = {};
  for (const [key, status] of raciPart(map, "systems").entries()) {
    if (isSystemStatus(status)) systemStatus[key] = status;
  }
  return { roles, activities: listActivities(map, roles), accountableShare: readAccountableShare(map), systemStatus };
}

function readAccountableShare(map: JourneyMap): number {
  const share = containerOf(map, "raci").get("accountableShare");
  return typeof share === "number" && share >= ACCOUNTABLE_SHARE.min && share <= ACCOUNTABLE_SHARE.max
    ? share
    : DEFAULT_ACCOUNTABLE_SHARE;
}

/** Sets the share of activities above which a role's A is flagged (clamped, to the hundredth). */
export function setAccountableShare(map: JourneyMap, share: number): void {
  if (!Number.isFinite(share)) return;
  const clamped = Math.min(ACCOUNTABLE_SHARE.max, Math.max(ACCOUNTABLE_SHARE.min, Math.round(share * 100) / 100));
  change(map.board, () => containerOf(map, "raci").set("accountableShare", clamped));
}

/** How many activities each stage has (stages with none are left out), for the stage headers. */
export function activitiesPerStage(grid: Pick<RaciGrid, "activities">): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { stageId } of grid.activities) {
    if (stageId !== null) counts[stageId] = (counts[stageId] ?? 0) + 1;
  }
  return counts;
}
