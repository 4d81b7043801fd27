import type { Database } from "@server/db/client";
import { isUndefinedTable } from "@server/db/errors";
import { newestMigrationMillis } from "@server/db/migrate";
import { unavailable } from "@server/errors";
import { newestAppliedMigration } from "./health.repository";

/**
 * Readiness: the database answers and holds every migration this build knows. Otherwise a 503, so a
 * load balancer sends no traffic to this process while its database is away (a restart, a failover:
 * the query's connection error is answered 503 by the error handler), not migrated yet, or (PGlite)
 * short of disk space.
 */
export async function assertReady(database: Database): Promise<void> {
  // The embedded database's disk below its reserve: writes are refused (plugins/storage-guard.ts).
  if (await database.storage?.isLow()) throw unavailable("storage_full");
  const applied = await newestAppliedMigration(database.db).catch((error: unknown) => {
    if (isUndefinedTable(error)) return null;
    throw error;
  });
  if (applied === null || applied < newestMigrationMillis()) {
    throw unavailable("migrations_pending");
  }
}
