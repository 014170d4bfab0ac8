import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUICK } from "../src/plan.js";

const run = promisify(execFile);
const bench = fileURLToPath(new URL("..", import.meta.url));

interface Report {
  servers: { name: string }[];
  measurements: { scenario: string; server: string; figures?: Record<string, number>; error?: string }[];
}

/**
 * The quick fan-out scenario, run as `pnpm bench:relay --quick` runs it, against Journeyboard's relay
 * and one peer: checks the measurement itself, so that the harness cannot silently measure nothing.
 */
describe("the relay benchmark's harness", () => {
  let out: string;
  let report: Report;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), "bench-results-"));
    // Builds the harness and Journeyboard's relay (a project reference) as the benchmark's script does.
    await run(process.execPath, [join(bench, "../node_modules/typescript/bin/tsc"), "-b", bench]);
    const servers = "journeyboard,y-websocket-server";
    await run(
      process.execPath,
      [join(bench, "dist/main.js"), "--quick", "--scenarios", "fan-out", "--servers", servers, "--out", out],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const [json] = (await readdir(out)).filter((name) => name.endsWith(".json"));
    report = JSON.parse(await readFile(join(out, json ?? "missing"), "utf8")) as Report;
  }, 180_000);

  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  for (const server of ["journeyboard", "y-websocket-server"]) {
    it(`accounts for every update sent to ${server}: delivered to every other client, or lost`, () => {
      const measured = report.measurements.find((m) => m.server === server && m.scenario === "fan-out");
      expect(measured?.error).toBeUndefined();
      const figures = measured?.figures ?? {};
      const { clientsPerBoard, rate, durationMs } = QUICK.fanOut;
      const sent = figures.sent ?? 0;
      // Each client sends rate × duration, give or take the last tick.
      expect(sent).toBeGreaterThanOrEqual(clientsPerBoard * (rate * (durationMs / 1000) - 1));
      expect(sent).toBeLessThanOrEqual(clientsPerBoard * (rate * (durationMs / 1000) + 1));
      expect((figures.delivered ?? 0) + (figures.lost ?? 0)).toBe(sent * (clientsPerBoard - 1));
      // A light load on loopback: a lost delivery would be a fault of the server or of the harness.
      expect(figures.lost).toBe(0);
      expect(figures.unexpected).toBe(0);
      expect(figures.failedToSync).toBe(0);
      expect(figures.deliveriesPerSecond).toBeCloseTo(((figures.delivered ?? 0) * 1000) / durationMs, 6);
    });

    it(`measures ${server}'s latencies end to end: positive, ordered, and within the run`, () => {
      const figures = report.measurements.find((m) => m.server === server)?.figures ?? {};
      const { min = Number.NaN, p50 = Number.NaN, p99 = Number.NaN, max = Number.NaN } = figures;
      expect(min).toBeGreaterThan(0);
      expect(min).toBeLessThanOrEqual(p50);
      expect(p50).toBeLessThanOrEqual(p99);
      expect(p99).toBeLessThanOrEqual(max);
      // A delivery can take no longer than the sending time plus the time allowed for the last ones.
      expect(max).toBeLessThan(QUICK.fanOut.durationMs + 10_000);
      expect(figures.serverCpu).toBeGreaterThan(0);
      expect(figures.clientCpu).toBeGreaterThan(0);
      expect(figures.serverRssMb).toBeGreaterThan(10);
      // Every delivery left the server in some write; none writes a thousand times per delivery.
      expect(figures.writesPerDelivery).toBeGreaterThan(0);
      expect(figures.writesPerDelivery).toBeLessThan(1000);
    });
  }
});
