import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * Debian's Chromium rather than Playwright's browser download, which not every machine that runs the
 * tests can reach; scripts/ensure-chromium.mjs installs it or says how.
 */
const chromiumPath =
  process.env.CHROMIUM_PATH ||
  ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((file) => existsSync(file)) ||
  "/usr/bin/chromium";

/** E2E_PORT lets two checkouts run their e2e tests at once; scripts/e2e-server.mjs reads it too. */
const browser = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

const baseURL = `http://127.0.0.1:${process.env.E2E_PORT || "3210"}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/playwright",
  forbidOnly: Boolean(process.env.CI),
  // One browser against one server and one database: tests share the server's state.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL,
    locale: "en-US",
    timezoneId: "UTC",
    screenshot: "only-on-failure",
    // Recording a trace costs every test screencast frames and DOM snapshots, a good part of the CPU on
    // a 2-core CI machine, and CI keeps no files: PW_TRACE=retain-on-failure (or --trace on) locally.
    trace: (["on", "retain-on-failure"] as const).find((mode) => mode === process.env.PW_TRACE) ?? "off",
  },
  projects: [
    // foundation.spec.ts starts from an empty database (setup, first admin), so it runs before every
    // other spec, whatever their file names.
    { name: "foundation", testMatch: /foundation\.spec\.ts$/, use: browser },
    { name: "chromium", testIgnore: /foundation\.spec\.ts$/, dependencies: ["foundation"], use: browser },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    // Without this Playwright SIGKILLs the server, which then can't remove its temp data folder.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
