import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./ports.js";

/** The built relay, as `pnpm serve` runs it (`pnpm build` first). */
const MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

/** A relay as a real process (node server/dist/main.js) on a loopback port, so that it can be killed. */
export class RelayProcess {
  private child: ChildProcess | undefined;
  /** Its log, one parsed JSON line per event. */
  readonly logs: Record<string, unknown>[] = [];

  private constructor(
    readonly port: number,
    private readonly dataDir: string,
    private readonly env: Record<string, string>,
  ) {}

  static async started(env: Record<string, string>): Promise<RelayProcess> {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run pnpm build first`);
    const dataDir = await mkdtemp(join(tmpdir(), "journeyboard-process-"));
    const relay = new RelayProcess(await freePort(), dataDir, env);
    await relay.start();
    return relay;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH ?? "",
        PORT: String(this.port),
        HOST: "127.0.0.1",
        DATA_DIR: this.dataDir,
        CLIENT_DIR: "/nonexistent",
        LOG_LEVEL: "info",
        ...this.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    let rest = "";
    const output: string[] = [];
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        const text = rest + chunk.toString();
        const lines = text.split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) {
          output.push(line);
          if (line.startsWith("{")) this.logs.push(JSON.parse(line) as Record<string, unknown>);
          if (line.includes("Journeyboard is running at")) resolve();
        }
      });
      child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
      child.once("exit", (code) => reject(new Error(`the relay exited (${code}):\n${output.join("\n")}`)));
    });
  }

  /** Its /metrics (answered to loopback requests without a token). */
  async metrics(): Promise<Record<string, unknown>> {
    return (await (await fetch(`${this.url}/metrics`)).json()) as Record<string, unknown>;
  }

  /** SIGTERM stops it gracefully, SIGKILL is a crash. */
  async stop(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(signal);
    await exited;
    this.child = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
