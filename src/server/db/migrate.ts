import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { Database } from "./client";

export const MIGRATIONS_FOLDER = path.resolve(import.meta.dirname, "../../../migrations");

/** Arbitrary constant: the advisory lock that serialises migrations of app processes starting together. */
const MIGRATION_LOCK_ID = 727_001;

let newestMillis: number | null = null;

/**
 * The timestamp of the newest migration in migrations/, as Drizzle records it in
 * `public.__drizzle_migrations.created_at` once applied (read once: the folder ships with the build).
 */
export function newestMigrationMillis(): number {
  newestMillis ??= Math.max(
    0,
    ...readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => m.folderMillis),
  );
  return newestMillis;
}

/** Applies every pending migration of migrations/ (forward-only; the same SQL on both databases). */
export async function runMigrations(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER, migrationsSchema: "public" };
  if (database.pglite) {
    await migratePglite(drizzlePglite(database.pglite), config);
    return;
  }
  if (!database.pool) throw new Error("database has neither a PGlite client nor a pool");
  const client = await database.pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    await migrateNodePg(drizzleNodePg(client), config);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => undefined);
    client.release();
  }
}
