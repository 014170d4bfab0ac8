import { defineConfig } from "vitest/config";

// One run for every package's unit tests; `source` resolves @journeyboard/shared to its TypeScript sources.
export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    projects: [
      { extends: true, test: { name: "shared", include: ["shared/test/**/*.test.ts"], environment: "node" } },
      {
        extends: true,
        test: { name: "server", include: ["server/test/**/*.test.ts"], environment: "node", testTimeout: 20_000 },
      },
      {
        extends: true,
        test: { name: "bench", include: ["bench/test/**/*.test.ts"], environment: "node", testTimeout: 180_000 },
      },
      {
        extends: true,
        test: {
          name: "client",
          include: ["client/test/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["client/test/setup.ts"],
        },
      },
    ],
  },
});
