import { afterAll, afterEach, beforeAll } from "vitest";
import { leave, type Participant } from "./helpers.js";
import { startPostgres, type TestPostgres } from "./services/postgres.js";
import { startRedis, type TestRedis } from "./services/redis.js";
import { RelayProcess } from "./services/relay-process.js";

export const SECRET = "a link key of at least thirty-two characters";

export interface TestCluster {
  postgres: TestPostgres;
  redis: TestRedis;
  /** Starts relay processes on one new database and the file's Redis; stopped after the test. */
  relays(count: number): Promise<RelayProcess[]>;
  /** Starts one more relay process on the database of the test's last `relays`. */
  another(): Promise<RelayProcess>;
  /** Participants left (their providers destroyed) after the test. */
  participants: Participant[];
}

/**
 * Relay processes serving the same boards, for each test of a file: one PostgreSQL and one Redis per
 * file (started before its tests, removed after), a database per test.
 */
export function clusterEachTest(): TestCluster {
  const started: RelayProcess[] = [];
  let env: Record<string, string> = {};
  let services: { postgres: TestPostgres; redis: TestRedis } | undefined;
  const running = () => {
    if (!services) throw new Error("the services start before the file's tests");
    return services;
  };
  const cluster: TestCluster = {
    get postgres() {
      return running().postgres;
    },
    get redis() {
      return running().redis;
    },
    participants: [],
    async relays(count) {
      env = { DATABASE_URL: await cluster.postgres.database(), REDIS_URL: cluster.redis.url, SECRET };
      const relays = await Promise.all(Array.from({ length: count }, () => RelayProcess.started(env)));
      started.push(...relays);
      return relays;
    },
    async another() {
      const relay = await RelayProcess.started(env);
      started.push(relay);
      return relay;
    },
  };
  beforeAll(async () => {
    const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    services = { postgres, redis };
  });
  afterAll(async () => {
    await Promise.all([services?.postgres.remove(), services?.redis.remove()]);
  });
  afterEach(async () => {
    leave(...cluster.participants.splice(0));
    await Promise.all(started.splice(0).map((relay) => relay.dispose()));
  });
  return cluster;
}
