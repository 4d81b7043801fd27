#!/usr/bin/env node
// The server that playwright.config.ts starts for the e2e tests: the built app on PGlite in a fresh,
// empty data folder (so every run begins at the setup screen), removed again when the server stops.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildWebIfStale, exitLike, runServer } from "./start.mjs";

/** Same default as baseURL in playwright.config.ts. */
const PORT = process.env.E2E_PORT || "3210";

const dataDir = mkdtempSync(path.join(tmpdir(), "leadwerk-e2e-"));
const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
process.on("exit", removeDataDir);

try {
  buildWebIfStale();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const { DATABASE_URL: _ignored, ...env } = process.env;
const result = await runServer(
  {
    ...env,
    PORT,
    HOST: "127.0.0.1",
    LEADWERK_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // Every answer the browser gets is also checked against its response schema, as in the API tests.
    LEADWERK_CHECK_RESPONSES: "true",
    // A reminder that falls due reaches the bell within 2 s, so the bell test need not wait 30 s (a shorter
    // period would keep PGlite's one connection busier under the other tests).
    LEADWERK_REMINDER_SCAN_MS: "2000",
    // The SMTP intake of email-to-lead on a free port; specs read it from GET /api/v1/settings/email.
    LEADWERK_SMTP_INTAKE_PORT: "0",
    LEADWERK_SMTP_INTAKE_HOST: "127.0.0.1",
    // The webhooks spec's receiver listens on loopback, which the SSRF rules refuse unless allowed.
    LEADWERK_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    // The app plus a loopback port for bulk test data (E2E_PORT + 10,000), see e2e/server/e2e-main.ts.
  },
  "e2e/server/e2e-main.ts",
);
// Dying of a signal skips "exit" handlers, so remove the folder first.
removeDataDir();
exitLike(result);
