import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  addNote,
  type CreatedBoard,
  getMap,
  type JourneyMap,
  type LinkClaims,
  listMaps,
  listNotes,
  listStages,
  openBoard,
  type Role,
  type ShareLink,
} from "@journeyboard/shared";
import { afterEach, beforeEach } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { type AppOptions, type RunningApp, startApp } from "../src/app.js";
import { loadSecret } from "../src/auth/secret.js";
import { signToken } from "../src/auth/tokens.js";
import { type Config, readConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";

/** Where a relay answers: one in this process, or one in a process of its own (services/relay-process.ts). */
export type Relay = Pick<RunningApp, "url">;

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

/** Closes the apps a test started (one it closed itself is fine) and removes their data. */
export async function disposeApps(apps: TestApp[]): Promise<void> {
  for (const app of apps.splice(0)) {
    await app.close().catch(() => undefined);
    await removeData(app);
  }
}

/** A fresh relay for each test of a file, handed to `use`; closed, and its data removed, after each. */
export function relayEachTest(use: (app: TestApp) => void): void {
  const apps = appsClosedAfterEach();
  beforeEach(async () => {
    const app = await startTestApp();
    apps.push(app);
    use(app);
  });
}

/** A list to put each app a test starts in: they are closed, and their data removed, after each test. */
export function appsClosedAfterEach(): TestApp[] {
  const apps: TestApp[] = [];
  afterEach(() => disposeApps(apps));
  return apps;
}

/** Starts relays for the tests of a file, each closed, and its data removed, after its test. */
export function relaysStartedPerTest(): (overrides?: Partial<Config>) => Promise<TestApp> {
  const apps = appsClosedAfterEach();
  return async (overrides = {}) => {
    const app = await startTestApp(overrides);
    apps.push(app);
    return app;
  };
}

/** A board to connect to: its id, the token of one of its links, and a participant credential if joined. */
export interface BoardKey {
  id: string;
  token: string;
  participant?: string;
}

export async function createBoardOn(app: Relay, title?: string): Promise<CreatedBoard & BoardKey> {
  const response = await fetch(`${app.url}/api/boards`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(title === undefined ? {} : { title }),
  });
  if (response.status !== 201) throw new Error(`create board answered ${response.status}`);
  const created = (await response.json()) as CreatedBoard;
  return { ...created, token: created.link.token };
}

/** Makes a link of another role with the facilitator's token, through the HTTP API. */
export async function linkFor(app: Relay, board: BoardKey, role: Role, expiresInSeconds?: number): Promise<BoardKey> {
  const response = await fetch(`${app.url}/api/boards/${board.id}/links`, {
    method: "POST",
    headers: { Authorization: `Bearer ${board.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ role, expiresInSeconds }),
  });
  if (response.status !== 201) throw new Error(`link answered ${response.status}: ${await response.text()}`);
  const link = (await response.json()) as ShareLink;
  return { id: board.id, token: link.token };
}

/** Joins a board with a link: the relay issues a participant id and the credential that proves it. */
export async function joinAsParticipant(
  app: Relay,
  board: BoardKey,
): Promise<BoardKey & { participant: string; participantId: string }> {
  const response = await fetch(`${app.url}/api/boards/${board.id}/participants`, {
    method: "POST",
    headers: { Authorization: `Bearer ${board.token}` },
  });
  if (response.status !== 201) throw new Error(`participants answered ${response.status}: ${await response.text()}`);
  const { participantId, credential } = (await response.json()) as { participantId: string; credential: string };
  return { id: board.id, token: board.token, participant: credential, participantId };
}

/** A token signed with the app's own key, for boards written straight into the store and for forgeries. */
export async function signedToken(app: TestApp, claims: Partial<LinkClaims> & { boardId: string }): Promise<string> {
  const secret = await loadSecret(app.dataDir, undefined);
  return signToken(secret, { role: "facilitator", expiresAt: null, generation: 0, ...claims });
}

/** The WebSocket URL of a board's document for a link. */
export function socketUrl(app: RunningApp, board: BoardKey, path = ""): string {
  return `${app.url.replace("http", "ws")}/${board.id}${path}?token=${board.token}`;
}

export interface Participant {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/** A stock y-websocket client, connecting as every Yjs app would, with a link's token. */
export function connect(
  app: Relay,
  board: BoardKey,
  doc = new Y.Doc(),
  room = board.id,
  socketOptions?: WebSocket.ClientOptions,
  params: Record<string, string> = {},
): Participant {
  // A page's WebSocket sends an Origin; the `ws` client sends one only when told to.
  const Socket = socketOptions
    ? class extends WebSocket {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols, socketOptions);
        }
      }
    : WebSocket;
  const provider = new WebsocketProvider(app.url.replace("http", "ws"), room, doc, {
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 200,
    params: {
      ...params,
      token: board.token,
      ...(board.participant ? { participant: board.participant } : {}),
    },
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
export function closeCodeOf(
  url: string,
  options: WebSocket.ClientOptions = {},
): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    ws.on("error", reject);
  });
}

/** Polls until `check` stops throwing, or throws its last error after `ms` (generous: a busy machine is slow). */
export async function eventually(check: () => void | Promise<void>, ms = 15_000): Promise<void> {
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

/**
 * Changes `from`'s presence and waits until each of `by` sees the change. The relay handles each
 * connection's frames in order, so by then it has dealt with everything `from` sent before.
 */
export async function presenceSeen(from: Participant, ...by: Participant[]): Promise<void> {
  const mark = Number(from.provider.awareness.getLocalState()?.mark ?? 0) + 1;
  from.provider.awareness.setLocalStateField("mark", mark);
  await eventually(() => {
    for (const observer of by) {
      const seen = observer.provider.awareness.getStates().get(from.doc.clientID)?.mark;
      if (seen !== mark) throw new Error(`presence mark ${mark} not seen yet (${String(seen)})`);
    }
  });
}

export function leave(...participants: Participant[]): void {
  for (const { provider, doc } of participants) {
    provider.destroy();
    doc.destroy();
  }
}

/** The first map of the board a participant holds. */
export function firstMap(doc: Y.Doc): JourneyMap {
  const board = openBoard(doc);
  const map = getMap(board, listMaps(board)[0]?.id ?? "");
  if (!map) throw new Error("the board has no map");
  return map;
}

/** The texts of the notes a participant holds, sorted. */
export function notesOf(doc: Y.Doc): string[] {
  const board = openBoard(doc);
  const map = getMap(board, listMaps(board)[0]?.id ?? "");
  return map
    ? listNotes(map)
        .map((n) => n.text)
        .sort()
    : [];
}

/** Adds a note with this text, as the participant holding `doc`. */
export function noteOn(doc: Y.Doc, text: string): void {
  addNote(firstMap(doc), { cell: null, x: 0, y: 0, author: "test", text });
}

/** Sends JSON to one of a board's endpoints with a link's token: the answer's status and body. */
export async function postToBoard(
  app: Relay,
  key: BoardKey,
  path: string,
  body: unknown,
  method = "POST",
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${app.url}/api/boards/${key.id}/${path}`, {
    method,
    headers: { Authorization: `Bearer ${key.token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A new board, with a reader of its control document, and its first map's id and stage ids. */
export async function boardWithControlReader(app: TestApp) {
  const board = await createBoardOn(app);
  const control = connect(app, board, new Y.Doc(), `${board.id}/control`);
  const content = connect(app, board);
  await Promise.all([synced(control), synced(content)]);
  const map = firstMap(content.doc);
  const stages = listStages(map).map((s) => s.id);
  leave(content);
  return { board, control, mapId: map.id, stages };
}

/** A browser that joined with a link: its relay-issued credential, and its live connection to the board. */
export async function connectedParticipant(
  app: Relay,
  link: BoardKey,
): Promise<{ key: BoardKey & { participantId: string }; socket: Participant }> {
  const key = await joinAsParticipant(app, link);
  const socket = connect(app, key);
  await synced(socket);
  return { key, socket };
}
