import { defineConfig } from "@playwright/test";

/** Playwright drives Debian's Chromium (browsers cannot be downloaded here); see scripts/ensure-chromium.sh. */
export default defineConfig({
  testDir: "tests",
  timeout: 60_000,
  // Generous: two browsers and the relay share a small machine with other work.
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    trace: "retain-on-failure",
  },
});
