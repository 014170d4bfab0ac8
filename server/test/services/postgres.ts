import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./ports.js";

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster on a loopback port, its files and socket in a temporary directory. */
export interface TestPostgres {
  port: number;
  /** A new, empty database on the cluster: its connection string. */
  database(): Promise<string>;
  /** Stops the server (fast shutdown: its connections are cut), keeping its files. */
  stop(): Promise<void>;
  /** Starts it again after `stop`, on the same port. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  remove(): Promise<void>;
}

/** Where Debian keeps PostgreSQL's programs (not on PATH): the newest version installed. */
function binDir(): string {
  const versions = readdirSync("/usr/lib/postgresql")
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  if (versions[0] === undefined) throw new Error("PostgreSQL is not installed: run scripts/ensure-services.sh");
  return join("/usr/lib/postgresql", versions[0], "bin");
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function asPostgres(program: string, args: string[]) {
  const path = join(binDir(), program);
  return process.getuid?.() === 0 ? run("runuser", ["-u", "postgres", "--", path, ...args]) : run(path, args);
}

/**
 * Starts a cluster: initdb, then the server on a free loopback port (about half a second). One per test
 * file, a database per test: a file's tests may stop their cluster without touching another file's.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const dir = await mkdtemp(join(tmpdir(), "journeyboard-pg-"));
  if (process.getuid?.() === 0) await run("chown", ["postgres:", dir]);
  const data = join(dir, "data");
  // --no-sync: a throwaway cluster's files need not reach the disk before it starts.
  await asPostgres("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "--no-locale", "-E", "UTF8"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const start = () =>
    asPostgres("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-t", "60", "-o", options, "start"]);
  const stop = () => asPostgres("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
  await start();
  let databases = 0;
  return {
    port,
    async database() {
      const name = `board_store_${++databases}`;
      await asPostgres("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", name]);
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    stop: async () => {
      await stop();
    },
    start: async () => {
      await start();
    },
    async remove() {
      await stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
