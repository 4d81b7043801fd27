import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { DatabaseConfig } from "@server/config";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock";
import { createPool } from "./pg-pool";
import * as schema from "./schema";
import { assertStorageRoom, DEFAULT_MIN_FREE_MB, megabytes, StorageWatch } from "./storage";

export type Schema = typeof schema;
/** The query builder; identical API on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories take either the pool or a running transaction (STYLE rule 7). */
export type DbOrTx = Db | Tx;

export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  /** PGlite client or pg Pool, for the migration runner and LISTEN/NOTIFY. */
  pglite?: PGlite;
  pool?: pg.Pool;
  /** The free space of a PGlite folder on disk (the write guard and readiness watch it). */
  storage?: StorageWatch;
  close(): Promise<void>;
}

// PostgreSQL returns `numeric` as a string already; keep `date` as the plain YYYY-MM-DD string
// instead of a JS Date shifted into the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === "postgres") {
    const pool = createPool(config.url, config.poolSize);
    const db = drizzleNodePg(pool, { schema });
    await pool.query("select 1");
    return { kind: "postgres", db, pool, close: () => pool.end() };
  }
  if (config.dataDir === "memory://") {
    return fromPglite(await PGlite.create(config.dataDir, { extensions: PGLITE_EXTENSIONS }));
  }
  mkdirSync(config.dataDir, { recursive: true });
  // One process per data folder: a second one fails here with a clear message instead of corrupting it.
  const release = lockDataDir(config.dataDir);
  try {
    // Below the reserve PGlite may abort in recovery with nothing but "Aborted()": say why instead.
    const minFreeBytes = megabytes(config.minFreeMb ?? DEFAULT_MIN_FREE_MB);
    assertStorageRoom(config.dataDir, minFreeBytes);
    const database = fromPglite(await PGlite.create(config.dataDir, { extensions: PGLITE_EXTENSIONS }));
    const storage = new StorageWatch(config.dataDir, minFreeBytes);
    return { ...database, storage, close: () => database.close().finally(release) };
  } catch (error) {
    release();
    throw error;
  }
}

export const PGLITE_EXTENSIONS = { pg_trgm, unaccent };

/** Wraps an open PGlite client (tests start theirs from a migrated snapshot to save seconds per file). */
export function fromPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema });
  return { kind: "pglite", db, pglite: client, close: () => client.close() };
}
