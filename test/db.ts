/**
 * A fresh, empty database for one test file, on the engine chosen by TEST_DB (set per Vitest project).
 *
 * Contract, kept small on purpose:
 * - TEST_DB=pglite (or unset): `{ kind: "pglite", dataDir: undefined }`; undefined means an in-memory
 *   PGlite (`memory://`), so every call is a new empty database. cleanup() does nothing: closing the
 *   PGlite instance is the app's job (app.close()).
 * - TEST_DB=postgres: `{ kind: "postgres", url }`, a new database with a random name on the run's
 *   server (see test/global-setup-postgres.ts), reached as a superuser, so migrations may
 *   CREATE EXTENSION pg_trgm / unaccent. cleanup() drops it, forcing off connections still open;
 *   close your pool first anyway.
 * The database is empty: running the migrations is up to the caller (buildTestApp).
 */
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createDatabase, dropDatabase } from "./postgres-server";

export interface TestDatabase {
  kind: "pglite" | "postgres";
  /** Connection URL, only for kind "postgres". */
  url?: string;
  /** PGlite data folder; undefined means in-memory. */
  dataDir?: string;
  cleanup(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const engine = process.env.TEST_DB ?? "pglite";
  if (engine === "pglite") {
    return { kind: "pglite", dataDir: undefined, cleanup: async () => undefined };
  }
  if (engine !== "postgres") throw new Error(`TEST_DB must be "pglite" or "postgres", not "${engine}"`);
  const serverUrl = inject("postgresUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const url = await createDatabase(serverUrl, name);
  return { kind: "postgres", url, cleanup: () => dropDatabase(serverUrl, name) };
}
