import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CreatedBoard } from "@journeyboard/shared";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { type AppOptions, type RunningApp, startApp } from "../src/app.js";
import { type Config, readConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";

export interface TestApp extends RunningApp {
  dataDir: string;
  logs: Record<string, unknown>[];
}

/** A real relay on a free loopback port, storing into a fresh temporary directory (or the given one). */
export async function startTestApp(
  overrides: Partial<Config> = {},
  options: Omit<AppOptions, "log"> = {},
): Promise<TestApp> {
  const dataDir = overrides.dataDir ?? (await mkdtemp(join(tmpdir(), "journeyboard-")));
  const logs: Record<string, unknown>[] = [];
  const config = { ...readConfig({}), port: 0, host: "127.0.0.1", clientDir: "/nonexistent", ...overrides, dataDir };
  const log = createLogger("debug", (line) => logs.push(JSON.parse(line)));
  const app = await startApp(config, { ...options, log });
  return { ...app, dataDir, logs };
}

export async function removeData(app: TestApp): Promise<void> {
  await rm(app.dataDir, { recursive: true, force: true });
}

export async function createBoardOn(app: RunningApp, title?: string): Promise<CreatedBoard> {
  const response = await fetch(`${app.url}/api/boards`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(title === undefined ? {} : { title }),
  });
  if (response.status !== 201) throw new Error(`create board answered ${response.status}`);
  return (await response.json()) as CreatedBoard;
}

export interface Participant {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/** A stock y-websocket client, as any Yjs app would connect. */
export function connect(app: RunningApp, boardId: string, doc = new Y.Doc()): Participant {
  const provider = new WebsocketProvider(app.url.replace("http", "ws"), boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
  });
  return { doc, provider };
}

export function synced(participant: Participant): Promise<void> {
  if (participant.provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const onSync = (state: boolean) => {
      if (!state) return;
      participant.provider.off("sync", onSync);
      resolve();
    };
    participant.provider.on("sync", onSync);
  });
}

/** The close code a board URL is refused with, from a raw socket. */
export function closeCodeOf(url: string): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on("error", reject);
  });
}

/** Polls until `check` stops throwing, or throws its last error after `ms`. */
export async function eventually(check: () => void | Promise<void>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

export function leave(...participants: Participant[]): void {
  for (const { provider, doc } of participants) {
    provider.destroy();
    doc.destroy();
  }
}
