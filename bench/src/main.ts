import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { FULL, QUICK, SCENARIOS, type Scenario } from "./plan.js";
import { WorkerPool } from "./pool.js";
import { loadAverage, machine, markdown, summarise } from "./report.js";
import { runAll } from "./run.js";
import { JOURNEYBOARD_RAISED, SERVERS, type ServerSpec } from "./servers.js";

/**
 * `pnpm bench:relay [--quick] [--scenarios fan-out,...] [--servers journeyboard,...] [--repetitions N]
 * [--workers N] [--out DIR] [--profile DIR] [--baseline server/dist/main.js of another build]`: runs the scenarios against Journeyboard's relay and its peers, interleaved,
 * and writes DIR/<date>.json and .md (DIR: bench/results). With --profile, Journeyboard's relay runs
 * under `node --cpu-prof` and leaves its profiles in that directory; with --baseline, the relay built
 * from another commit is measured too, as "journeyboard-baseline" (a fix's before and after in one run).
 */
const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    scenarios: { type: "string" },
    servers: { type: "string" },
    repetitions: { type: "string" },
    workers: { type: "string", default: "4" },
    profile: { type: "string" },
    baseline: { type: "string" },
    out: { type: "string", default: fileURLToPath(new URL("../results", import.meta.url)) },
  },
});

function pick<T extends string>(list: string | undefined, known: readonly T[], what: string): T[] {
  if (list === undefined) return [...known];
  const picked = list.split(",").map((name) => name.trim());
  for (const name of picked)
    if (!known.includes(name as T)) throw new Error(`no ${what} "${name}": ${known.join(", ")}`);
  return picked as T[];
}

const plan = { ...(values.quick ? QUICK : FULL) };
if (values.repetitions !== undefined) plan.repetitions = Number(values.repetitions);
const scenarios: Scenario[] = pick(values.scenarios, SCENARIOS, "scenario");
const names = pick(
  values.servers,
  SERVERS.map((s) => s.name),
  "server",
);
const servers = SERVERS.filter((s) => names.includes(s.name) && (s.name !== "hocuspocus+sqlite" || sqliteBuilt()));
if (names.includes("hocuspocus+sqlite") && !sqliteBuilt()) {
  console.log("hocuspocus+sqlite left out: sqlite3 is not built here; `pnpm bench:sqlite` builds it (node-gyp).");
}
if (values.baseline) {
  const journeyboard = SERVERS[0] as ServerSpec;
  servers.splice(1, 0, { ...journeyboard, name: "journeyboard-baseline", entry: resolve(values.baseline) });
}
const command = `pnpm bench:relay ${process.argv.slice(2).join(" ")}`.trim();

const startedAt = new Date();
const loadAtStart = loadAverage();
console.log(`${command}\nmachine: ${JSON.stringify(machine())}, load average at start: ${loadAtStart.join(" ")}`);
console.log(
  `Journeyboard's limits raised for one client address: ${Object.entries(JOURNEYBOARD_RAISED)
    .map(([name, value]) => `${name}=${value}`)
    .join(" ")}`,
);

const pool = WorkerPool.start(Number(values.workers));
try {
  const measurements = await runAll(
    scenarios,
    servers,
    pool,
    plan,
    (m) => {
      const result = m.error ? `failed: ${m.error}` : JSON.stringify(m.figures);
      console.log(`[${new Date().toISOString()}] ${m.scenario} ${m.server} #${m.repetition + 1}: ${result}`);
    },
    values.profile,
  );
  const summaries = summarise(measurements, scenarios, servers, plan);
  const loadAtEnd = loadAverage();
  const persistence = servers.map((s) => `- ${s.name}: ${s.persists ? "persists" : "in memory"}; ${s.durability}`);
  const header = [
    `Run ${startedAt.toISOString()} with \`${command}\` (${values.quick ? "quick" : "full"} mode).`,
    `Machine: ${JSON.stringify(machine())}; load average (1, 5, 15 min) at start ${loadAtStart.join(" ")}, at end ${loadAtEnd.join(" ")}.`,
    `Medians of ${plan.repetitions} interleaved repetition(s); ${pool.size} client worker processes; clients are y-websocket's WebsocketProvider (Hocuspocus: its own HocuspocusProvider, as its protocol is not y-websocket's) over \`ws\`.`,
    `Journeyboard's limits raised: ${Object.entries(JOURNEYBOARD_RAISED)
      .map(([name, value]) => `${name}=${value}`)
      .join(", ")}.`,
    "",
    "What each server keeps on a crash:",
    ...persistence,
    "",
  ].join("\n");
  const table = `${header}\n${markdown(summaries, servers, plan)}`;
  console.log(`\n${table}`);
  await mkdir(values.out, { recursive: true });
  const base = join(values.out, startedAt.toISOString().replace(/[:.]/g, "-"));
  const report = {
    startedAt: startedAt.toISOString(),
    command,
    mode: values.quick ? "quick" : "full",
    machine: machine(),
    loadAverage: { start: loadAtStart, end: loadAtEnd },
    plan,
    clientWorkers: pool.size,
    journeyboardRaised: JOURNEYBOARD_RAISED,
    servers,
    summaries,
    measurements,
  };
  await writeFile(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(`${base}.md`, table);
  console.log(`written: ${base}.json, ${base}.md`);
} finally {
  pool.stop();
}

/** Whether sqlite3's native binding, under Hocuspocus's SQLite extension, is built on this machine. */
function sqliteBuilt(): boolean {
  try {
    const extension = createRequire(import.meta.url).resolve("@hocuspocus/extension-sqlite");
    createRequire(extension)("sqlite3");
    return true;
  } catch {
    return false;
  }
}
