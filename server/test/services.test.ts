import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { startPostgres } from "./services/postgres.js";
import { startRedis } from "./services/redis.js";

/** The throwaway servers the scale-out tests run against: they start, stop, start again, and go. */

/** Redis's answer to PING over a raw socket, or the connection's error code. */
function ping(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      resolve(data.toString().trim());
      socket.destroy();
    });
  });
}

describe("test services", () => {
  it("Redis answers on its loopback port, stops, and starts again on the same port", async () => {
    const redis = await startRedis();
    try {
      expect(await ping(redis.port)).toBe("+PONG");
      await redis.stop();
      expect(await ping(redis.port)).toBe("ECONNREFUSED");
      await redis.start();
      expect(await ping(redis.port)).toBe("+PONG");
    } finally {
      await redis.remove();
    }
  });

  it("PostgreSQL makes a database per call, stops, and starts again on the same port", async () => {
    const postgres = await startPostgres();
    try {
      const [one, two] = [await postgres.database(), await postgres.database()];
      expect(one).not.toBe(two);
      expect(new URL(one).port).toBe(String(postgres.port));
      await postgres.stop();
      expect(await ping(postgres.port)).toBe("ECONNREFUSED");
      await postgres.start();
      expect(await postgres.database()).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/board_store_3$/);
    } finally {
      await postgres.remove();
    }
  });
});
