import { startApp } from "./app.js";
import { readConfig } from "./config.js";
import { createLogger } from "./log.js";

const config = readConfig();
const log = createLogger(config.logLevel);

/** What went wrong at start, said so that the person starting it knows what to do. */
function explain(error: unknown): string {
  const { code, cause } = (error ?? {}) as { code?: string; cause?: { code?: string } };
  if (code === "EADDRINUSE") return `port ${config.port} is in use: stop what uses it, or set PORT to another one`;
  if (cause?.code === "LEVEL_LOCKED") {
    return `the data directory ${config.dataDir} is in use by another running Journeyboard: stop it, or set DATA_DIR`;
  }
  return error instanceof Error ? error.message : String(error);
}

const app = await startApp(config, { log }).catch((error: unknown) => {
  log.error("start failed", { reason: explain(error) });
  process.stderr.write(`\nJourneyboard could not start: ${explain(error)}\n\n`);
  process.exit(1);
});
process.stdout.write(`\nJourneyboard is running at ${app.url}\n\n`);

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
