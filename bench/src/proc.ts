import { readFile } from "node:fs/promises";

/** Linux's clock ticks per second for /proc/<pid>/stat times (USER_HZ, 100 on every common kernel). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat. */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/**
 * Write system calls (write, writev, send...) a process has made, from /proc/<pid>/io: on a relay
 * nearly all are socket writes, one per message per peer, so their count per delivery shows batching.
 */
export async function writeCalls(pid: number): Promise<number> {
  const io = await readFile(`/proc/${pid}/io`, "utf8");
  const match = /syscw:\s+(\d+)/.exec(io);
  if (!match) throw new Error(`no syscw for process ${pid}`);
  return Number(match[1]);
}

/** Resident memory of a process, in bytes, from /proc/<pid>/status. */
export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** Waits until the resident memory of a process stops moving (within 1 % over 500 ms, at most 10 s). */
export async function settledRss(pid: number): Promise<number> {
  let last = await rssBytes(pid);
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await rssBytes(pid);
    if (Math.abs(now - last) <= last * 0.01) return now;
    last = now;
  }
  return last;
}
