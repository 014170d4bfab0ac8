import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { LevelBoardStore } from "./level-store.js";
import { PgBoardStore } from "./pg-store.js";
import type { BoardStore } from "./store.js";

/** The store the configuration names: PostgreSQL with DATABASE_URL, else LevelDB in the data directory. */
export function openStore(config: Config, log: Logger): Promise<BoardStore> {
  if (config.databaseUrl !== undefined) {
    return PgBoardStore.open(config.databaseUrl, { log, retrySeconds: config.storeRetrySeconds });
  }
  return LevelBoardStore.open(config.dataDir, {
    log,
    repair: config.repairData,
    retrySeconds: config.storeRetrySeconds,
    fsync: config.storeFsync,
  });
}
