import { request } from "node:http";
import { connect, type Socket } from "node:net";
import type { RunningApp } from "../src/app.js";
import { type Config, readConfig } from "../src/config.js";

/** Raw HTTP from a chosen loopback address (127.0.0.0/8 is all loopback on Linux), one socket a request. */

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The default HTTP limits with some changed, for startTestApp. */
export function httpWith(limits: Partial<Config["http"]>): Partial<Config> {
  return { http: { ...readConfig({}).http, ...limits } };
}

/**
 * One request on its own socket from `localAddress`: its answer, or "refused" when the server closed
 * the socket without answering.
 */
export function call(
  app: RunningApp,
  path: string,
  options: { method?: string; body?: string; headers?: Record<string, string>; from?: string } = {},
): Promise<Answer | "refused"> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${app.url}${path}`,
      { method: options.method ?? "GET", headers: options.headers, agent: false, localAddress: options.from },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "ECONNRESET" ? resolve("refused") : reject(error),
    );
    req.end(options.body);
  });
}

/** Creates a board with a JSON body from `from`. */
export function createFrom(app: RunningApp, from: string, headers: Record<string, string> = {}) {
  return call(app, "/api/boards", {
    method: "POST",
    body: "{}",
    headers: { "Content-Type": "application/json", ...headers },
    from,
  });
}

/** A raw socket from `localAddress`, connected, that sends `first` (if any) and reads all it is sent. */
export function rawSocket(app: RunningApp, localAddress: string, first?: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: app.port, localAddress }, () => {
      if (first !== undefined) socket.write(first);
      resolve(raw);
    });
    const raw: RawSocket = { socket, received: "", closed: new Promise((done) => socket.once("close", done)) };
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      raw.received += chunk;
    });
    socket.on("error", reject);
  });
}

export interface RawSocket {
  socket: Socket;
  received: string;
  /** Resolves once the server has closed it (or it was destroyed here). */
  closed: Promise<unknown>;
}
