import { readdir } from "node:fs/promises";
import { ClassicLevel } from "classic-level";
import type { Logger } from "../log.js";
import { CUT_SHORT, inspectLogs } from "./log-damage.js";

/** What is done to the store's files before LevelDB opens them, so that nothing is lost without a word. */

/** LevelDB's data files: tables, logs and manifests (leveldb/db/filename.cc). */
const DATA_FILE = /^(\d+\.(ldb|sst|log)|MANIFEST-\d+)$/;

/**
 * Whether the store directory is new, so that LevelDB may create a store there. A directory that holds
 * LevelDB's data files but not the CURRENT file that names their manifest is refused, unless it is about
 * to be repaired: LevelDB would start an empty store over them and delete them as obsolete.
 */
export async function isNewStore(path: string, dataDir: string, repairing: boolean): Promise<boolean> {
  let names: string[];
  try {
    names = await readdir(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
  if (names.includes("CURRENT")) return false;
  const data = names.filter((name) => DATA_FILE.test(name));
  if (data.length === 0) return true;
  if (repairing) return false;
  throw new Error(
    `the board store in ${path} holds ${data.length} data files but no CURRENT file: opening it would start an ` +
      `empty store and delete them, so nothing was opened or changed. Back up ${dataDir}, then start once with ` +
      "REPAIR_DATA=1 to rebuild the store from its files",
  );
}

/** Rebuilds the store from its tables and logs (LevelDB's repair, which writes what it did to its LOG file). */
export async function repairStore(path: string, log: Logger): Promise<void> {
  log.warn("store repair", { path, reason: "REPAIR_DATA is set" });
  await ClassicLevel.repair(path);
  log.info("store repaired", { path, details: `${path}/LOG` });
}

/**
 * Logs what LevelDB is about to drop from its logs: each damaged range, then each board that loses
 * records, with how many. `cutExpected`: the store is being reopened after a failed write, whose record
 * may be cut short at the end of the log and was never acknowledged.
 */
export async function reportLogDamage(path: string, log: Logger, cutExpected: boolean): Promise<void> {
  const { damage, lost } = await inspectLogs(path);
  for (const range of damage) {
    if (!(cutExpected && range.reason === CUT_SHORT)) log.error("store log damaged", { ...range });
  }
  const byDoc = new Map<string, { file: string; reason: string; records: number }>();
  for (const { key, file, reason } of lost) {
    if (cutExpected && reason === CUT_SHORT) continue;
    const bang = key.indexOf("!");
    const name = key.slice(0, bang);
    if (key.slice(bang) === "!m") {
      // A board's record holds its link generations: a withdrawal of links may be undone.
      log.error("board record lost", { board: name, file, reason });
      continue;
    }
    const entry = byDoc.get(name) ?? { file, reason, records: 0 };
    entry.records++;
    byDoc.set(name, entry);
  }
  for (const [name, entry] of byDoc) {
    const control = name.endsWith(".control");
    const board = control ? name.slice(0, -".control".length) : name;
    log.error("stored updates lost", { board, doc: control ? "control" : "board", ...entry });
  }
}
