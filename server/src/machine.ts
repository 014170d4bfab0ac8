import { readFileSync } from "node:fs";
import { getHeapStatistics } from "node:v8";

/** What this process may use, for the defaults of the limits derived from it. */
export interface Machine {
  /** The process's open-file limit (`ulimit -n`), or undefined when unknown or unlimited. */
  openFiles: number | undefined;
  /** The most the JavaScript heap may grow to. */
  heapBytes: number;
}

export function machine(): Machine {
  return { openFiles: openFileLimit(), heapBytes: getHeapStatistics().heap_size_limit };
}

/** Node raises its soft limit to the hard one at start, so the soft limit read here is the one in force. */
function openFileLimit(): number | undefined {
  try {
    const line = readFileSync("/proc/self/limits", "utf8")
      .split("\n")
      .find((l) => l.startsWith("Max open files"));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isInteger(soft) && soft > 0 ? soft : undefined;
  } catch {
    return undefined;
  }
}
