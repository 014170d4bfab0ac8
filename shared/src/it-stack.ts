import type * as Y from "yjs";
import { getMap, listMaps } from "./board.js";
import { type Board, change, type JourneyMap } from "./doc.js";
import { readChild } from "./fields.js";
import { activityRecord, cleanText, listActivities, RACI_LIMITS, raciPart } from "./raci.js";
import { Phase, type RaciGrid, type RaciSystem, type Stage, type SystemStatus } from "./schema.js";

/**
 * The IT stack: the systems the process's activities need ("CRM", "field service app", "billing").
 * An activity keeps its systems as `systemKey → spelling`: the key matches spellings that differ only in
 * case or spaces, and the spelling first used on the board is kept for display (a new one is written
 * with the board's existing spelling). Whether a system exists, must be built or bought is one plain
 * value per system in the map's `raci.systems` (absent: unknown): the least structure that lets two
 * people set the status of different systems at once, and that a later map can answer differently.
 */

/** The matching key of a system's name: Unicode-normalised, lower case, spaces collapsed; "" for a blank name. */
export function systemKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase().slice(0, RACI_LIMITS.systemName);
}

/** Every system named on the board (all maps), key → the spelling shown, the first map's and row's first. */
export function systemSpellings(board: Board): Map<string, string> {
  const spellings = new Map<string, string>();
  for (const summary of listMaps(board)) {
    const map = getMap(board, summary.id);
    if (!map) continue;
    for (const activity of listActivities(map, [])) {
      for (const system of activity.systems) if (!spellings.has(system.key)) spellings.set(system.key, system.name);
    }
  }
  return spellings;
}

/** What to offer while someone types a system: the board's systems whose key contains what is typed, by name. */
export function systemSuggestions(board: Board, typed = ""): string[] {
  const wanted = systemKey(typed);
  return [...systemSpellings(board)]
    .filter(([key]) => key.includes(wanted))
    .map(([, name]) => name)
    .sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }));
}

/** Writes a system into an activity's `systems`; null when the name is blank or the activity has as many as it takes. */
export function writeSystem(board: Board, systems: Y.Map<unknown>, name: string): RaciSystem | null {
  const key = systemKey(name);
  if (key.length === 0) return null;
  if (systems.has(key)) return { key, name: String(systems.get(key)) };
  if (systems.size >= RACI_LIMITS.systems) return null;
  const spelling = systemSpellings(board).get(key) ?? cleanText(name.normalize("NFKC"), RACI_LIMITS.systemName, key);
  systems.set(key, spelling);
  return { key, name: spelling };
}

/** Adds a system an activity needs; returns it as stored (with the board's spelling), or null when refused. */
export function addSystem(map: JourneyMap, activityId: string, name: string): RaciSystem | null {
  return change(map.board, () => {
    const activity = activityRecord(map, activityId);
    const systems = activity && readChild(activity, "systems");
    return systems ? writeSystem(map.board, systems, name) : null;
  });
}

export function removeSystem(map: JourneyMap, activityId: string, key: string): void {
  change(map.board, () => {
    const activity = activityRecord(map, activityId);
    if (activity) readChild(activity, "systems")?.delete(key);
  });
}

/** Sets whether a system exists, must be built or bought on this map; "unknown" removes the entry. */
export function setSystemStatus(map: JourneyMap, key: string, status: SystemStatus): void {
  const clean = systemKey(key);
  if (clean.length === 0) return;
  change(map.board, () => {
    const statuses = raciPart(map, "systems");
    if (status === "unknown") statuses.delete(clean);
    else if (statuses.get(clean) !== status) statuses.set(clean, status);
  });
}

/** One system of the stack and what needs it. */
export interface ItStackEntry {
  key: string;
  name: string;
  status: SystemStatus;
  /** The activities that need it, in the grid's order. */
  activities: { id: string; title: string; stageId: string | null }[];
  /** Their stages, in the journey's order. */
  stageIds: string[];
  /** Pre-sale, post-sale or both, in that order. */
  phases: Phase[];
  /** The post-sale side depends on it and it does not exist yet (to build, to buy, or unknown). */
  postSaleGap: boolean;
}

/** The IT stack of a grid: each system with what needs it, by name. */
export function itStack(grid: RaciGrid, stages: readonly Pick<Stage, "id" | "phase">[]): ItStackEntry[] {
  const entries = new Map<string, ItStackEntry>();
  for (const activity of grid.activities) {
    for (const system of activity.systems) {
      let entry = entries.get(system.key);
      if (!entry) {
        const status = grid.systemStatus[system.key] ?? "unknown";
        entry = {
          key: system.key,
          name: system.name,
          status,
          activities: [],
          stageIds: [],
          phases: [],
          postSaleGap: false,
        };
        entries.set(system.key, entry);
      }
      entry.activities.push({ id: activity.id, title: activity.title, stageId: activity.stageId });
    }
  }
  for (const entry of entries.values()) {
    const needed = new Set(entry.activities.map((a) => a.stageId));
    const used = stages.filter((stage) => needed.has(stage.id));
    entry.stageIds = used.map((stage) => stage.id);
    entry.phases = [Phase.preSale, Phase.postSale].filter((phase) => used.some((stage) => stage.phase === phase));
    entry.postSaleGap = entry.status !== "exists" && entry.phases.includes(Phase.postSale);
  }
  return [...entries.values()].sort(
    (a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || (a.key < b.key ? -1 : 1),
  );
}
