import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { CloseCode } from "@journeyboard/shared";
import { WebSocketServer } from "ws";
import { Access } from "./auth/access.js";
import { Participants } from "./auth/participants.js";
import { checkSecret, keyFile, loadSecret } from "./auth/secret.js";
import { ImportSlots } from "./board-create.js";
import { type BoardLock, BoardQueue } from "./board-queue.js";
import { Cluster } from "./cluster/cluster.js";
import type { Config } from "./config.js";
import { CreationLimit } from "./creation-limit.js";
import { FloodLog } from "./flood-log.js";
import { createRequestHandler } from "./http.js";
import { createLogger, type Logger } from "./log.js";
import { Metrics } from "./metrics.js";
import { PrivateWritings } from "./private-writing.js";
import { Readiness } from "./readiness.js";
import { Connection, type RelayContext } from "./relay/connection.js";
import { parseDocPath } from "./relay/documents.js";
import { Rooms } from "./relay/rooms.js";
import { RunSheets } from "./run-sheet.js";
import { Scoring } from "./scoring.js";
import { SocketGate } from "./sockets.js";
import type { BallotBox } from "./store/ballots.js";
import { LevelBoardStore } from "./store/level-store.js";
import { openStore } from "./store/open-store.js";
import { PgBoardStore } from "./store/pg-store.js";
import type { BoardStore } from "./store/store.js";
import { Templates } from "./templates.js";
import { Voting } from "./voting.js";
import { DotRate } from "./voting-routes.js";
import { Walkthroughs } from "./walkthrough.js";

export interface RunningApp {
  /** The app's base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  metrics: Metrics;
  /** Closes every connection, stores every board, and stops. */
  close(): Promise<void>;
}

export interface AppOptions {
  log?: Logger;
  /** The board store; by default PostgreSQL with DATABASE_URL, else the data directory's LevelDB. */
  store?: BoardStore;
  /** Where participants' private ballots wait while a poll is open; the store's own by default. */
  ballots?: BallotBox;
  /** Holds a board for one facilitation operation at a time; this process's memory by default, PostgreSQL's advisory locks with it. */
  boardLock?: BoardLock;
}

/** Starts the whole app on one port: HTTP API, built client, and the WebSocket relay. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const log = options.log ?? createLogger(config.logLevel);
  const store = options.store ?? (await openStore(config, log));
  const ownBallots = store instanceof LevelBoardStore || store instanceof PgBoardStore ? store.ballotBox() : undefined;
  const ballots = options.ballots ?? ownBallots;
  if (!ballots) throw new Error("a board store of another kind needs its ballot box (AppOptions.ballots)");
  const secret = await linkKey(config, store, log).catch(async (error: unknown) => {
    // Let go of the store (and its lock) before saying why the app does not start.
    if (!options.store) await store.close();
    throw error;
  });
  const cluster =
    config.redisUrl === undefined ? undefined : await joinCluster(config.redisUrl, store, log, !options.store);
  const access = new Access(secret, store);
  const metrics = new Metrics();
  const connections = new Set<Connection>();
  const participants = new Participants(secret, (boardId, participantId) =>
    [...connections].some((c) => c.boardId === boardId && c.participant === participantId),
  );
  const rooms = new Rooms(
    store,
    log,
    config.compactEvery,
    config.limits,
    (room) => {
      // Its clients still hold their edits and resend them when they reconnect to a fresh load.
      for (const connection of connections) {
        if (connection.boardId === room.boardId && connection.ref.kind === room.ref.kind) {
          connection.close(CloseCode.serverError, "the board could not be stored");
        }
      }
      void rooms.release(room);
    },
    cluster && ((ref) => cluster.share(ref)),
  );
  metrics.gauge("loadedBytes", () => rooms.loadedBytes);
  if (cluster) {
    metrics.gauge("clusterBatchesFromRedis", () => cluster.counts.batchesFromRedis);
    metrics.gauge("clusterBatchesFromStore", () => cluster.counts.batchesFromStore);
  }
  const relay: RelayContext = {
    rooms,
    access,
    participants,
    log,
    metrics,
    limits: config.limits,
    pingSeconds: config.pingSeconds,
    trustedProxyHops: config.trustedProxyHops,
    connections,
    perAddress: new Map(),
    originAllowed: (origin, host) => {
      // Browsers always send an Origin; other clients (scripts, stock y-websocket in Node) need a link anyway.
      if (origin === undefined) return true;
      if (config.allowedOrigins) return config.allowedOrigins.includes(origin);
      try {
        return new URL(origin).host === host;
      } catch {
        return false;
      }
    },
  };
  const closeRevoked = (boardId: string) => {
    for (const connection of connections) {
      if (connection.boardId === boardId && connection.claims && !access.stillValid(connection.claims)) {
        connection.close(CloseCode.tokenRevoked, "the link was revoked by the facilitator");
      }
    }
  };
  // A revocation on another process: this one's holders of the revoked links go too.
  cluster?.onRevoked((boardId) => {
    access.reload(boardId).then(
      () => closeRevoked(boardId),
      (error: unknown) => log.error("revocation not applied", { board: boardId, reason: error }),
    );
  });
  const { http } = config;
  // Scoring, voting, private writing, the walk-through, the run-sheet and the timer change a board one at a time
  // between them: a run-sheet step never interleaves with a vote, a reveal or a stage change.
  const lock = options.boardLock ?? (store instanceof PgBoardStore ? store.boardLock() : undefined);
  // With other processes, a turn starts from what they stored under the lock before it.
  const facilitation = new BoardQueue(
    cluster && lock ? { run: (boardId, task) => lock.run(boardId, () => cluster.caughtUp(boardId).then(task)) } : lock,
  );
  const walkthroughs = new Walkthroughs(rooms, facilitation, log);
  const privateWritings = new PrivateWritings(rooms, facilitation, log);
  const creationRefusals = new FloodLog(log, "board create refused");
  const importRefusals = new FloodLog(log, "board import refused");
  const server = createServer(
    {
      headersTimeout: http.headersTimeoutSeconds * 1000,
      requestTimeout: http.requestTimeoutSeconds * 1000,
      keepAliveTimeout: http.keepAliveSeconds * 1000,
      // How often those timeouts are checked (Node's default, 30 s, would let a socket outlive them by that much).
      connectionsCheckingInterval: 1000,
    },
    createRequestHandler({
      rooms,
      scoring: new Scoring(rooms, facilitation, ballots, log),
      voting: new Voting(rooms, facilitation, ballots, log),
      dotRate: new DotRate(http.dotsPerSecond),
      walkthroughs,
      privateWritings,
      runSheets: new RunSheets(rooms, facilitation, privateWritings, walkthroughs, log),
      facilitation,
      privateNoteRate: new DotRate(http.privateNotesPerSecond),
      readiness: new Readiness(store),
      access,
      participants,
      log,
      metrics,
      clientDir: config.clientDir,
      metricsToken: config.metricsToken,
      creations: new CreationLimit(http),
      creationRefusals,
      importRefusals,
      importSlots: new ImportSlots(http.maxImportsAtOnce),
      maxImportBytes: http.maxImportBytes,
      templates: new Templates(),
      trustedProxyHops: config.trustedProxyHops,
      connectionCount: (boardId) =>
        boardId === undefined ? connections.size : [...connections].filter((c) => c.boardId === boardId).length,
      onRevoked: (boardId) => {
        closeRevoked(boardId);
        cluster?.revoked(boardId);
      },
    }),
  );
  // An HTTP socket on which nothing moves (a client that stopped reading an answer) is closed; longer
  // than a request may take, so that a slow request is answered 408 by the timeouts above first.
  server.timeout = 2 * http.requestTimeoutSeconds * 1000;
  const sockets = new SocketGate(http, config.trustedProxyHops === 0, log, metrics);
  sockets.watch(server);
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxFrameBytes });
  server.on("upgrade", (request, socket, head) => {
    socket.on("error", (error) => log.warn("socket error", { reason: error }));
    wss.handleUpgrade(request, socket, head, (ws) => {
      const boardId = parseDocPath(request.url)?.boardId;
      if (boardId !== undefined) {
        access.hold(boardId);
        ws.once("close", () => access.letGo(boardId));
      }
      Connection.accept(ws, request, relay);
    });
  });
  const clientErrors = new FloodLog(log, "client error");
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    clientErrors.note(error.code ?? error.message, {});
    // Answered as Node would without this handler: a client that was too slow is told so.
    const timedOut = error.code === "ERR_HTTP_REQUEST_TIMEOUT";
    if (socket.writable && socket.bytesWritten === 0) {
      socket.write(`HTTP/1.1 ${timedOut ? "408 Request Timeout" : "400 Bad Request"}\r\nConnection: close\r\n\r\n`);
    }
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  const url = `http://${host}:${port}`;
  const where =
    config.databaseUrl === undefined
      ? { dataDir: config.dataDir }
      : { store: "PostgreSQL", cluster: cluster ? "Redis" : "none" };
  log.info("listening", { url, ...where });

  return {
    url,
    port,
    metrics,
    async close() {
      server.close();
      for (const connection of connections) connection.close(CloseCode.shuttingDown, "server restarting");
      walkthroughs.close();
      await rooms.releaseAll();
      cluster?.close();
      await store.close();
      wss.close();
      server.closeAllConnections();
      sockets.stop();
      creationRefusals.stop();
      importRefusals.stop();
      clientErrors.stop();
      log.info("stopped");
    },
  };
}

/** Connects to the other relay processes through Redis; they share boards through PostgreSQL only. */
async function joinCluster(redisUrl: string, store: BoardStore, log: Logger, ownStore: boolean): Promise<Cluster> {
  try {
    if (!(store instanceof PgBoardStore)) throw new Error("REDIS_URL needs the boards in PostgreSQL (DATABASE_URL)");
    return await Cluster.open(redisUrl, store, log);
  } catch (error) {
    if (ownStore) await store.close();
    throw error;
  }
}

/** The key that signs links; refused when it is not the one the stored boards were made with. */
export async function linkKey(config: Config, store: BoardStore, log: Logger): Promise<Buffer> {
  const create = config.rotateSecret || !(await store.hasBoards());
  const secret = await configuredKey(config, create);
  const source = config.secretFile ?? (config.secret === undefined ? `${config.dataDir}/secret.key` : "SECRET");
  await checkSecret(store, secret, { rotate: config.rotateSecret, source }, log);
  return secret;
}

/** The link key the configuration names: SECRET_FILE, SECRET, or the data directory's secret.key. */
export function configuredKey(config: Config, create: boolean): Promise<Buffer> {
  if (config.secretFile !== undefined) return keyFile(config.secretFile);
  return loadSecret(config.dataDir, config.secret, create);
}
