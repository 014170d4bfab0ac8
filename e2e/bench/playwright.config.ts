import { defineConfig } from "@playwright/test";
import base from "../playwright.config.js";

/** The benchmarks: run by their own command (pnpm bench:canvas), never with the e2e tests. */
export default defineConfig({
  ...base,
  testDir: ".",
  testMatch: /.*\.bench\.ts/,
  timeout: 4 * 60 * 60_000,
});
