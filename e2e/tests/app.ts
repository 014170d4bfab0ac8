import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, test as base } from "@playwright/test";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** The command the README's start runs after building: the root package's `serve` script. */
const serveCommand: string = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.serve;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** What the relay's /metrics answers. */
export interface RelayMetrics {
  connectionsOpened: number;
  refusedUpdates: number;
  framesReceived: number;
  closes: Record<string, number>;
  connections: number;
  documentsInMemory: number;
  heapUsedBytes: number;
  rssBytes: number;
  activeResources: number;
}

/** The app as a real process, on a fixed port and data directory, so it can be stopped and started again. */
export class AppProcess {
  private child: ChildProcess | undefined;
  readonly output: string[] = [];

  constructor(
    readonly port: number,
    readonly dataDir: string,
    /** Extra environment for the app (limits, NODE_OPTIONS). */
    private readonly env: Record<string, string> = {},
    /** The app's open-file limit (`ulimit -n`, hard as well: Node raises its soft limit to the hard one). */
    private readonly openFiles?: number,
  ) {}

  /** A fresh app on a free port with its own data directory. */
  static async started(env: Record<string, string> = {}, openFiles?: number): Promise<AppProcess> {
    const dataDir = await mkdtemp(join(tmpdir(), "journeyboard-e2e-"));
    const app = new AppProcess(await freePort(), dataDir, env, openFiles);
    await app.start();
    return app;
  }

  /** Stops the app and deletes its data. */
  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  /** The app's process id (the shell execs the app, so this is the app itself). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get exited(): boolean {
    return this.child === undefined || this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async metrics(): Promise<RelayMetrics> {
    const get = async () => (await (await fetch(`${this.url}/metrics`)).json()) as RelayMetrics;
    // A busy test process may reuse a kept-alive socket the server has just closed: ask once more.
    return get().catch(get);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const limit = this.openFiles === undefined ? "" : `ulimit -n ${this.openFiles} && `;
    const child = spawn("sh", ["-c", `${limit}exec ${serveCommand}`], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(this.port),
        DATA_DIR: this.dataDir,
        HOST: "127.0.0.1",
        LOG_LEVEL: "info",
        ...this.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    // Only this start's output counts: an earlier start's banner says nothing about this one.
    const from = this.output.length;
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.output.push(chunk.toString());
        if (this.output.slice(from).join("").includes("Journeyboard is running at")) resolve();
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", (chunk: Buffer) => this.output.push(chunk.toString()));
      child.once("exit", (code) =>
        reject(new Error(`the app exited (${code}) before it was ready:\n${this.output.join("")}`)),
      );
    });
  }

  /** Stops the process: SIGTERM shuts down gracefully, SIGKILL is a crash. Resolves with its exit code. */
  async stop(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    // `exec` replaces the shell with the app, so the signal reaches the app itself.
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill(signal);
    const code = await exited;
    this.child = undefined;
    return code;
  }

  /** Creates a board through the API and returns its facilitator link. */
  async createBoard(): Promise<string> {
    const response = await fetch(`${this.url}/api/boards`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    const { url } = (await response.json()) as { url: string };
    return `${this.url}${url}`;
  }

  /** Makes a link of another role for a board, with its facilitator link. */
  async linkFor(facilitatorUrl: string, role: "editor" | "viewer"): Promise<string> {
    const url = new URL(facilitatorUrl);
    const response = await fetch(`${this.url}/api/boards${url.pathname.slice(2)}/links`, {
      method: "POST",
      headers: { Authorization: `Bearer ${url.searchParams.get("token")}`, "Content-Type": "application/json" },
      body: JSON.stringify({ role }),
    });
    const link = (await response.json()) as { url: string };
    return `${this.url}${link.url}`;
  }
}

/** Where a browser keeps the display name its participant chose (client/src/sync/presence.ts). */
export const SAVED_NAME_KEY = "journeyboard:name";

/**
 * Makes every browser context the suite opens (the `page` fixture's, joinAs's, a spec's own
 * browser.newContext()) one whose participant has already chosen a name, "<preset> <n>", so that the
 * first-visit name prompt stays out of tests about other things. A name a test sets or changes wins.
 */
async function presetNames(browser: Browser, preset: string, use: (browser: Browser) => Promise<void>) {
  const newContext = browser.newContext;
  let opened = 0;
  browser.newContext = async (options) => {
    const context = await newContext.call(browser, options);
    opened += 1;
    await context.addInitScript(
      ({ key, name }) => {
        // about:blank and the like have no storage of the app's origin.
        if (location.protocol.startsWith("http") && !localStorage.getItem(key)) localStorage.setItem(key, name);
      },
      { key: SAVED_NAME_KEY, name: `${preset} ${opened}` },
    );
    return context;
  };
  try {
    await use(browser);
  } finally {
    browser.newContext = newContext;
  }
}

export const test = base.extend<{ app: AppProcess }, { presetName: string | null }>({
  /** The name browsers come with; null for browsers as a newcomer's (`test.use({ presetName: null })`). */
  presetName: ["Participant", { scope: "worker", option: true }],
  browser: [
    async ({ browser, presetName }, use) =>
      presetName === null ? use(browser) : presetNames(browser, presetName, use),
    { scope: "worker" },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a destructured object.
  app: async ({}, use) => {
    const app = await AppProcess.started();
    await use(app);
    await app.dispose();
  },
});

export { expect } from "@playwright/test";
