import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BoardAddress, ClientKind } from "./protocol.js";

/** A server under test, and what its own docs and code say it keeps on a crash. */
export interface ServerSpec {
  name: string;
  client: ClientKind;
  persists: boolean;
  durability: string;
  /** Journeyboard's relay built from another commit (its server/dist/main.js), to compare in one run. */
  entry?: string;
}

const ours = (spec: ServerSpec) => spec.name === "journeyboard" || spec.entry !== undefined;

export const SERVERS: readonly ServerSpec[] = [
  {
    name: "journeyboard",
    client: "y-websocket",
    persists: true,
    durability:
      "stores every update in LevelDB before relaying it (server/src/relay/room.ts, README Durability): a process " +
      "crash loses nothing anyone has seen; no fsync by default (STORE_FSYNC=1 forces each batch to disk), so a " +
      "power loss can lose the last moments",
  },
  {
    name: "y-websocket-server",
    client: "y-websocket",
    persists: false,
    durability:
      "@y/websocket-server 0.1.1 in memory (no YPERSISTENCE): documents live only in the process; a crash loses them all",
  },
  {
    name: "y-websocket-1",
    client: "y-websocket",
    persists: false,
    durability: "y-websocket 1.5.4 bin/server.js in memory: documents live only in the process; a crash loses them all",
  },
  {
    name: "y-websocket-1+leveldb",
    client: "y-websocket",
    persists: true,
    durability:
      "y-websocket 1.5.4 with YPERSISTENCE (bin/utils.js): each update is relayed at once and handed to y-leveldb's " +
      "write queue unawaited (ldb.storeUpdate in the doc's update handler): a crash loses the queued writes, " +
      "already seen by others; no fsync",
  },
  {
    name: "hocuspocus",
    client: "hocuspocus",
    persists: false,
    durability: "@hocuspocus/server 3.4.4 without a database extension: in memory; a crash loses every document",
  },
  {
    name: "hocuspocus+sqlite",
    client: "hocuspocus",
    persists: true,
    durability:
      "@hocuspocus/server 3.4.4 with extension-sqlite: the whole document is stored on a debounce (Hocuspocus.ts " +
      "defaults debounce 2000 ms, maxDebounce 10000 ms) and on unload; a crash loses up to the last 10 s",
  },
];

/**
 * Journeyboard's per-address and size limits that a benchmark from one address would pass: raised so it
 * measures relaying, not refusals. Printed with the results.
 */
export const JOURNEYBOARD_RAISED: Readonly<Record<string, string>> = {
  MAX_CONNECTIONS_PER_ADDRESS: "100000",
  MAX_SOCKETS_PER_ADDRESS: "16384",
  MAX_BOARDS_CREATED_PER_MINUTE_PER_ADDRESS: "1000000",
  MAX_BOARDS_CREATED_PER_MINUTE: "1000000",
  MAX_MESSAGES_PER_SECOND: "1000000",
  MAX_FRAME_BYTES: String(64 * 1024 * 1024),
};

const here = fileURLToPath(new URL(".", import.meta.url));

/** Server processes started and not yet exited: none outlives the benchmark, even one stopped by a signal. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

export class RunningServer {
  private child: ChildProcess | undefined;
  private boards = 0;

  private constructor(
    readonly spec: ServerSpec,
    readonly port: number,
    private readonly dataDir: string,
    private readonly profileDir: string | undefined,
  ) {}

  /** Starts a server on a free port and fresh storage; with `profileDir`, Journeyboard writes a CPU profile there. */
  static async start(spec: ServerSpec, profileDir?: string): Promise<RunningServer> {
    const dataDir = await mkdtemp(join(tmpdir(), `bench-${spec.name.replace(/\W/g, "-")}-`));
    const server = new RunningServer(spec, await freePort(), dataDir, profileDir);
    await server.launch();
    return server;
  }

  get pid(): number {
    const pid = this.child?.pid;
    if (pid === undefined) throw new Error(`${this.spec.name} is not running`);
    return pid;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A new board to put clients on: on Journeyboard created over HTTP, with an editor link. */
  async board(): Promise<BoardAddress> {
    const serverUrl = `ws://127.0.0.1:${this.port}`;
    if (!ours(this.spec)) {
      return { kind: this.spec.client, serverUrl, room: `board-${++this.boards}`, params: {} };
    }
    const created = await postJson(`${this.httpUrl}/api/boards`, {}, undefined);
    const id = String(created.id);
    const facilitator = String((created.link as { token: string }).token);
    const editor = await postJson(`${this.httpUrl}/api/boards/${id}/links`, { role: "editor" }, facilitator);
    return { kind: "y-websocket", serverUrl, room: id, params: { token: String(editor.token) } };
  }

  /** Stops the process as its own shutdown does (SIGTERM) and starts it again on the same data. */
  async restart(): Promise<void> {
    await this.stopProcess();
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.stopProcess();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private async stopProcess(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(killer);
  }

  private launch(): Promise<void> {
    const journeyboard = ours(this.spec);
    // Journeyboard as `pnpm serve` starts it; each peer as its own bin/server.js or README does.
    const profile = this.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${this.profileDir}`] : [];
    const args = journeyboard
      ? [...profile, this.spec.entry ?? join(here, "../../server/dist/main.js")]
      : [join(here, "peer-server.js"), this.spec.name, String(this.port), this.dataDir];
    const env = journeyboard
      ? { ...process.env, PORT: String(this.port), DATA_DIR: this.dataDir, LOG_LEVEL: "warn", ...JOURNEYBOARD_RAISED }
      : process.env;
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    running.add(child);
    child.once("exit", () => running.delete(child));
    let output = "";
    return new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/is running at|^ready /m.test(output)) {
          child.stdout?.off("data", onData);
          child.stdout?.resume();
          resolve();
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4000);
      });
      child.once("exit", (code) => reject(new Error(`${this.spec.name} exited (${code}) at start: ${output}`)));
    });
  }
}

async function postJson(url: string, body: unknown, token: string | undefined): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
