import { afterAll, beforeAll } from "vitest";
import { startPostgres, type TestPostgres } from "./services/postgres.js";

/**
 * A throwaway PostgreSQL for the test file that calls this: started before its tests, removed after
 * them. One per file, not one for the run: the outage tests stop theirs, which would break files
 * running beside them on a shared one.
 */
export function postgresPerFile(): Omit<TestPostgres, "remove"> {
  let started: TestPostgres | undefined;
  beforeAll(async () => {
    started = await startPostgres();
  });
  afterAll(() => started?.remove());
  const cluster = (): TestPostgres => {
    if (!started) throw new Error("PostgreSQL is started before the file's tests");
    return started;
  };
  return {
    get port() {
      return cluster().port;
    },
    database: () => cluster().database(),
    stop: () => cluster().stop(),
    start: () => cluster().start(),
  };
}
