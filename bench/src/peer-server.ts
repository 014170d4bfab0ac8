import { createServer, type IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Server } from "@hocuspocus/server";
import { setupWSConnection } from "@y/websocket-server/utils";
import type WebSocket from "ws";
import { WebSocketServer } from "ws";

/**
 * One peer server in its own process, as its documentation starts it: `node peer-server.js NAME PORT
 * DATA_DIR`. Prints "ready" once listening; SIGTERM stops it the way its own shutdown does.
 */
const [name, portText, dataDir = ""] = process.argv.slice(2);
const port = Number(portText);
const host = "127.0.0.1";

type Setup = (socket: WebSocket, request: IncomingMessage) => void;

/** The relay of the y-websocket servers' own bin/server.js: an HTTP server upgrading every path. */
function serveWebsocket(setup: Setup, stop: () => Promise<void>): Promise<void> {
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((_request, response) => response.end("okay"));
  server.on("upgrade", (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => setup(ws, request));
  });
  process.on("SIGTERM", () => {
    stop().finally(() => process.exit(0));
  });
  return new Promise((resolve) => server.listen(port, host, resolve));
}

async function start(): Promise<void> {
  switch (name) {
    case "y-websocket-server":
      return serveWebsocket(setupWSConnection as Setup, async () => undefined);
    case "y-websocket-1":
    case "y-websocket-1+leveldb": {
      // y-websocket 1.x's bin/utils reads YPERSISTENCE (a LevelDB directory) when it is loaded.
      if (name === "y-websocket-1+leveldb") process.env.YPERSISTENCE = join(dataDir, "leveldb");
      const classic = createRequire(import.meta.url)("y-websocket-classic/bin/utils") as {
        setupWSConnection: Setup;
        getPersistence: () => { provider: { destroy(): Promise<void> } } | null;
      };
      return serveWebsocket(classic.setupWSConnection, async () => {
        await classic.getPersistence()?.provider.destroy();
      });
    }
    case "hocuspocus":
    case "hocuspocus+sqlite": {
      // Loaded only for that peer: sqlite3's native binding is built on demand (`pnpm bench:sqlite`).
      const extensions =
        name === "hocuspocus+sqlite"
          ? [new (await import("@hocuspocus/extension-sqlite")).SQLite({ database: join(dataDir, "db.sqlite") })]
          : [];
      // Its default stopOnSignals stores every loaded document and exits on SIGTERM.
      const server = new Server({ port, address: host, quiet: true, extensions });
      await server.listen();
      return;
    }
    default:
      throw new Error(`no peer server named ${name}`);
  }
}

start().then(
  () => process.stdout.write(`ready ${port}\n`),
  (error: unknown) => {
    process.stderr.write(`${name} could not start: ${String(error)}\n`);
    process.exit(1);
  },
);
