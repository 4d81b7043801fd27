import { existsSync } from "node:fs";
import { loadConfig } from "@server/config";
import {
  assertStorageRoom,
  DEFAULT_MIN_FREE_MB,
  EXIT_STORAGE_FULL,
  megabytes,
  StorageFullError,
} from "@server/db/storage";
import closeWithGrace from "close-with-grace";

/** A start on a full disk ends with one clear line and its own exit code, not PGlite's "Aborted()". */
function refuseOnFullDisk(error: unknown): never {
  if (!(error instanceof StorageFullError)) throw error;
  console.error(`Leadwerk cannot start: ${error.message}`);
  process.exit(EXIT_STORAGE_FULL);
}

const config = loadConfig();
// Before the app is even loaded, so a supervisor restarting the process meets the message at once.
if (config.database.kind === "pglite" && existsSync(config.database.dataDir)) {
  const minFree = megabytes(config.database.minFreeMb ?? DEFAULT_MIN_FREE_MB);
  try {
    assertStorageRoom(config.database.dataDir, minFree);
  } catch (error) {
    refuseOnFullDisk(error);
  }
}
const { buildApp } = await import("@server/app");
/** Exported for the e2e server's entry (e2e/server/e2e-main.ts), which adds its test-data port. */
export const app = await buildApp(config).catch(refuseOnFullDisk);

// On SIGINT/SIGTERM: stop accepting connections, let running requests finish, close the database.
closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, "shutting down after an error");
  else app.log.info({ signal }, "shutting down");
  await app.close();
});

await app.listen({ port: config.port, host: config.host });
const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
const address = app.server.address();
const port = typeof address === "object" && address ? address.port : config.port;
app.log.info(`Leadwerk is running at http://${shownHost}:${port} (database: ${app.database.kind})`);
