import { cpus, loadavg, totalmem } from "node:os";
import type { Plan, Scenario } from "./plan.js";
import type { Figures, Measurement } from "./run.js";
import type { ServerSpec } from "./servers.js";
import { median } from "./stats.js";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
}

export function machine(): Machine {
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

export function loadAverage(): number[] {
  return loadavg().map((load) => Math.round(load * 100) / 100);
}

/** The columns shown for a scenario, and the one its ratios compare (with which way is better). */
interface View {
  title: string;
  columns: [field: string, label: string][];
  key: string;
  higherIsBetter: boolean;
}

const load = (title: string): View => ({
  title,
  columns: [
    ["p50", "p50 ms"],
    ["p95", "p95 ms"],
    ["p99", "p99 ms"],
    ["deliveriesPerSecond", "deliveries/s"],
    ["lost", "lost"],
    ["serverCpu", "server CPU %"],
    ["clientCpu", "clients' CPU %"],
    ["serverRssMb", "server RSS MB"],
    ["writesPerDelivery", "server writes per delivery"],
  ],
  key: "p99",
  higherIsBetter: false,
});

const cold = (title: string): View => ({
  title,
  columns: [
    ["docMb", "document MB"],
    ["firstSyncMs", "first sync ms"],
    ["notesAtSync", "notes at first sync"],
    ["allNotesMs", "all notes ms"],
    ["notesWritten", "notes written"],
    ["otherBoardStallMs", "other board's longest delivery ms"],
  ],
  key: "allNotesMs",
  higherIsBetter: false,
});

export function views(plan: Plan): Record<Scenario, View> {
  const { fanOut, manyBoards, saturation, idle, coldLoad } = plan;
  return {
    "fan-out": load(
      `(1) one board, ${fanOut.clientsPerBoard} clients, ${fanOut.rate} updates/s each, ${fanOut.durationMs / 1000} s`,
    ),
    "many-boards": load(
      `(2) ${manyBoards.boards} boards × ${manyBoards.clientsPerBoard} clients, ${manyBoards.rate} update/s each, ${manyBoards.durationMs / 1000} s`,
    ),
    saturation: {
      title: `(3) saturation: ${saturation.clients} clients on one board, rates ${saturation.rates.join(", ")}/s per client, ${saturation.durationMs / 1000} s each, until p99 passes ${saturation.boundMs} ms or a delivery is lost`,
      columns: [
        ["rate", "highest rate/client within bound"],
        ["deliveriesPerSecond", "deliveries/s there"],
        ["p99AtRate", "p99 ms there"],
      ],
      key: "rate",
      higherIsBetter: true,
    },
    "idle-memory": {
      title: `(4) ${idle.boards * idle.perBoard} idle connections over ${idle.boards} boards: resident memory added`,
      columns: [
        ["perConnectionKb", "KB per connection"],
        ["perBoardKb", "KB per board"],
        ["baseRssMb", "RSS at start MB"],
      ],
      key: "perConnectionKb",
      higherIsBetter: false,
    },
    "cold-notes": cold(
      `(5a) load of a stored ${coldLoad.notes.notes}-note board (in-memory servers: a newcomer's first sync, nothing to load)`,
    ),
    "cold-16mb": cold(
      `(5b) load of a stored document of ${coldLoad.large.notes} notes × ${coldLoad.large.textBytes} characters (in-memory servers: a newcomer's first sync)`,
    ),
  };
}

/** Medians, field by field, of a server's repetitions of a scenario (failed repetitions left out). */
export function mediansOf(measurements: Measurement[], scenario: Scenario, server: string): Figures | undefined {
  const runs = measurements.filter((m) => m.scenario === scenario && m.server === server && m.figures);
  if (runs.length === 0) return undefined;
  const fields = new Set(runs.flatMap((m) => Object.keys(m.figures ?? {})));
  const figures: Figures = {};
  for (const field of fields) figures[field] = median(runs.map((m) => m.figures?.[field] ?? Number.NaN));
  return figures;
}

function shown(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  if (Math.abs(value) >= 100) return String(Math.round(value));
  return String(Math.round(value * 10) / 10);
}

export interface Summary {
  scenario: Scenario;
  title: string;
  medians: Record<string, Figures | undefined>;
  /** Journeyboard's key figure divided by each peer's, from the same run. */
  ratios: Record<string, number>;
  key: string;
  higherIsBetter: boolean;
  failures: Record<string, string[]>;
}

export function summarise(
  measurements: Measurement[],
  scenarios: readonly Scenario[],
  servers: readonly ServerSpec[],
  plan: Plan,
): Summary[] {
  const all = views(plan);
  return scenarios.map((scenario) => {
    const view = all[scenario];
    const medians: Record<string, Figures | undefined> = {};
    const failures: Record<string, string[]> = {};
    for (const { name } of servers) {
      medians[name] = mediansOf(measurements, scenario, name);
      const errors = measurements.filter((m) => m.scenario === scenario && m.server === name && m.error);
      if (errors.length > 0) failures[name] = errors.map((m) => m.error ?? "");
    }
    const ours = medians.journeyboard?.[view.key];
    const ratios: Record<string, number> = {};
    for (const { name } of servers) {
      const theirs = medians[name]?.[view.key];
      if (name !== "journeyboard" && ours !== undefined && theirs !== undefined) ratios[name] = ours / theirs;
    }
    return {
      scenario,
      title: view.title,
      medians,
      ratios,
      key: view.key,
      higherIsBetter: view.higherIsBetter,
      failures,
    };
  });
}

export function markdown(summaries: Summary[], servers: readonly ServerSpec[], plan: Plan): string {
  const all = views(plan);
  const lines: string[] = [];
  for (const summary of summaries) {
    const view = all[summary.scenario];
    const better = summary.higherIsBetter ? "above 1: Journeyboard better" : "below 1: Journeyboard better";
    lines.push(`**${summary.title}**`, "");
    lines.push(`| server | ${view.columns.map(([, label]) => label).join(" | ")} | Journeyboard ÷ this (${better}) |`);
    lines.push(`| --- | ${view.columns.map(() => "---:").join(" | ")} | ---: |`);
    for (const { name, persists } of servers) {
      const figures = summary.medians[name];
      const cells = view.columns.map(([field]) => shown(figures?.[field]));
      const ratio = name === "journeyboard" ? "" : shown(summary.ratios[name]);
      const failed = summary.failures[name] ? ` (${summary.failures[name]?.length} failed)` : "";
      lines.push(`| ${name}${persists ? " (persists)" : ""}${failed} | ${cells.join(" | ")} | ${ratio} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
