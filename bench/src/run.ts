import { coldLoad } from "./cold-load.js";
import type { Plan, Scenario } from "./plan.js";
import type { WorkerPool } from "./pool.js";
import { idleMemory, runLoad, saturation } from "./scenarios.js";
import { RunningServer, type ServerSpec } from "./servers.js";

/** One scenario's figures for one server and repetition: named numbers, so medians are taken field by field. */
export type Figures = Record<string, number>;

export interface Measurement {
  scenario: Scenario;
  server: string;
  repetition: number;
  figures?: Figures;
  error?: string;
}

function numbers(result: object): Figures {
  const figures: Figures = {};
  for (const [key, value] of Object.entries(result)) if (typeof value === "number") figures[key] = value;
  return figures;
}

async function measure(scenario: Scenario, server: RunningServer, pool: WorkerPool, plan: Plan): Promise<Figures> {
  switch (scenario) {
    case "fan-out":
      return numbers(await runLoad(server, pool, plan.fanOut));
    case "many-boards":
      return numbers(await runLoad(server, pool, plan.manyBoards));
    case "saturation": {
      const { clients, rates, durationMs, boundMs } = plan.saturation;
      const result = await saturation(server, pool, clients, rates, durationMs, boundMs);
      const figures: Figures = { rate: result.rate, deliveriesPerSecond: result.deliveriesPerSecond };
      figures.p99AtRate = result.p99AtRate;
      // Each step tried, for the JSON: where the bound was passed, and whether by latency or by loss.
      for (const step of result.steps) {
        figures[`p99At${step.rate}`] = step.p99;
        figures[`lostAt${step.rate}`] = step.lost;
      }
      return figures;
    }
    case "idle-memory":
      return numbers(await idleMemory(server, pool, plan.idle.boards, plan.idle.perBoard));
    case "cold-notes":
      return numbers(await coldLoad(server, pool, plan.coldLoad.notes));
    case "cold-16mb":
      return numbers(await coldLoad(server, pool, plan.coldLoad.large));
  }
}

/** One fan-out load, not measured: the client workers' code gets optimised before the first measurement. */
async function warmUp(spec: ServerSpec | undefined, pool: WorkerPool, plan: Plan): Promise<void> {
  if (!spec) return;
  const server = await RunningServer.start(spec);
  try {
    await runLoad(server, pool, { ...plan.fanOut, durationMs: Math.min(plan.fanOut.durationMs, 3000) });
  } finally {
    await server.stop();
  }
}

/**
 * Every scenario against every server, repeated; within a repetition the servers take turns, in an
 * order rotated each repetition, so that a change in the machine's load falls on all of them alike.
 * Each measurement gets a freshly started server with empty storage.
 */
export async function runAll(
  scenarios: readonly Scenario[],
  servers: readonly ServerSpec[],
  pool: WorkerPool,
  plan: Plan,
  onMeasured: (measurement: Measurement) => void,
  profileDir?: string,
): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  await warmUp(servers[0], pool, plan);
  for (let repetition = 0; repetition < plan.repetitions; repetition++) {
    for (const scenario of scenarios) {
      const order = servers.map((_, i) => servers[(i + repetition) % servers.length] as ServerSpec);
      for (const spec of order) {
        const measurement: Measurement = { scenario, server: spec.name, repetition };
        const server = await RunningServer.start(spec, profileDir);
        try {
          measurement.figures = await measure(scenario, server, pool, plan);
        } catch (error) {
          measurement.error = error instanceof Error ? error.message : String(error);
          await pool.closeAll().catch(() => undefined);
        } finally {
          await server.stop();
        }
        measurements.push(measurement);
        onMeasured(measurement);
      }
    }
  }
  return measurements;
}
