import { startApp } from "./app.js";
import { readConfig } from "./config.js";
import { createLogger } from "./log.js";

const config = readConfig();
const log = createLogger(config.logLevel);
const app = await startApp(config, { log });
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
