import { startApp } from "./app.js";
import { readConfig } from "./config.js";
import { codesOf } from "./error-codes.js";
import { createLogger, reasonOf } from "./log.js";

const config = readConfig();
const log = createLogger(config.logLevel);

/** What went wrong at start, said so that the person starting it knows what to do. */
function explain(error: unknown): string {
  const codes = codesOf(error);
  if (codes.includes("EADDRINUSE"))
    return `port ${config.port} is in use: stop what uses it, or set PORT to another one`;
  if (codes.includes("LEVEL_LOCKED")) {
    return `the data directory ${config.dataDir} is in use by another running Journeyboard: stop it, or set DATA_DIR`;
  }
  const reason = reasonOf(error);
  if (codes.includes("LEVEL_CORRUPTION") || (codes.includes("LEVEL_IO_ERROR") && /MANIFEST|CURRENT/.test(reason))) {
    return (
      `${reason}. The board store in ${config.dataDir}/boards is damaged: back up ${config.dataDir}, then start ` +
      "once with REPAIR_DATA=1 to rebuild it from its files"
    );
  }
  return reason;
}

const app = await startApp(config, { log }).catch((error: unknown) => {
  log.error("start failed", { reason: explain(error) });
  process.stderr.write(`\nJourneyboard could not start: ${explain(error)}\n\n`);
  process.exit(1);
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error("shutdown failed", { reason: error });
        process.exit(1);
      },
    );
  });
}
// Said once a stop is handled gracefully: whoever waits for this line may stop the app at once.
process.stdout.write(`\nJourneyboard is running at ${app.url}\n\n`);
