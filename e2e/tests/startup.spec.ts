import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AppProcess, expect, freePort, test } from "./app.js";

test("a second server on the same data directory or port says plainly why it cannot start", async ({ app }) => {
  const sameData = new AppProcess(await freePort(), app.dataDir);
  await expect(sameData.start()).rejects.toThrow(/data directory .* is in use by another running Journeyboard/);
  const samePort = await AppProcess.started().then(async (other) => {
    const clash = new AppProcess(other.port, `${other.dataDir}-2`);
    const failure = await clash.start().then(
      () => "started",
      (error: Error) => error.message,
    );
    await other.dispose();
    await rm(`${other.dataDir}-2`, { recursive: true, force: true });
    return failure;
  });
  expect(samePort).toMatch(/port \d+ is in use/);
});

test("`pnpm start` builds nothing when nothing changed, and Ctrl+C stops it cleanly", async () => {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), "journeyboard-start-"));
  // The tests run after `pnpm build`: everything is up to date.
  const child = spawn("npx", ["--yes", "pnpm@10", "start"], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await expect.poll(() => output, { timeout: 60_000 }).toContain("Journeyboard is running at");
  // What a terminal does on Ctrl+C: SIGINT to the whole foreground process group.
  process.kill(-(child.pid ?? 0), "SIGINT");
  await exited;
  await rm(dataDir, { recursive: true, force: true });
  expect(output).not.toMatch(/tsc -b|vite build|built in/);
  expect(output).toContain('"event":"stopped"');
  expect(output).not.toContain("ELIFECYCLE");
});
