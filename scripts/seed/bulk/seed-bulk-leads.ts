import type { Database } from "@server/db/client";
import { ensureBulkOwners } from "./bulk-people";
import { createIndexes, dropLeadIndexes, type Query } from "./indexes";
import { LeadGenerator } from "./lead-generator";
import { buildPools } from "./pools";
import { Rng } from "./rng";
import { type BatchWriter, pgliteWriter, postgresWriter } from "./writers";

export interface BulkSeedOptions {
  leads: number;
  /** Rows per statement; default 10,000 on PostgreSQL, 5,000 on PGlite. */
  batchSize?: number;
  /** Same seed, same leads (apart from ids and the moment "now"). */
  seed?: number;
  /**
   * "rebuild" drops the secondary leads indexes, loads, and creates them again, all in one
   * transaction (the table is locked meanwhile); "keep" inserts with the indexes in place.
   * Default: rebuild when the table is empty, else keep.
   */
  indexes?: "rebuild" | "keep";
  log?: (line: string) => void;
}

export interface BulkSeedResult {
  leads: number;
  /** Generating and writing the rows. */
  loadSeconds: number;
  rowsPerSecond: number;
  /** Creating the indexes again; 0 when they were kept. */
  indexSeconds: number;
  /** VACUUM (ANALYZE) at the end. */
  analyzeSeconds: number;
}

/** Batches sent at once: the server writes one while the next is generated. */
const IN_FLIGHT = 2;
const PROGRESS_EVERY_MS = 10_000;
const fmt = (n: number) => Math.round(n).toLocaleString("en");

/**
 * Adds `leads` generated leads (see lead-generator.ts) on one connection, owned by the bulk teams'
 * salespeople, then refreshes the planner statistics.
 */
export async function seedBulkLeads(database: Database, options: BulkSeedOptions): Promise<BulkSeedResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const seed = options.seed ?? 20261123;
  const batchSize = options.batchSize ?? (database.kind === "postgres" ? 10_000 : 5_000);
  const { owners, teamIds } = await ensureBulkOwners(database.db);
  const generator = new LeadGenerator({
    rng: new Rng(seed),
    pools: buildPools(seed),
    owners,
    teamIds,
    now: Date.now(),
    total: options.leads,
  });
  generator.checkPhones(2_000);

  const session = await openSession(database);
  try {
    const [{ n } = { n: 0 }] = (await session.query("SELECT count(*)::int AS n FROM leads")).rows as {
      n: number;
    }[];
    const rebuild = (options.indexes ?? (n === 0 ? "rebuild" : "keep")) === "rebuild";
    const started = performance.now();
    await session.query("BEGIN");
    const dropped = rebuild ? await dropLeadIndexes(session.query) : [];
    // The funnel's aggregate (lead_funnel_days) is counted once after the load rather than by its
    // trigger a million times; ALTER TABLE locks leads until the COMMIT, so nothing slips past it.
    await session.query("ALTER TABLE leads DISABLE TRIGGER lead_funnel_insert");
    if (rebuild)
      log(`  dropped ${dropped.length} secondary indexes of leads; they are rebuilt after the load`);

    let written = 0;
    let lastReport = started;
    const inFlight = new Set<Promise<void>>();
    for (let queued = 0; queued < options.leads; ) {
      const rows = generator.batch(Math.min(batchSize, options.leads - queued));
      queued += rows.length;
      while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      const pending: Promise<void> = session.write(rows).then(() => {
        inFlight.delete(pending);
        written += rows.length;
      });
      inFlight.add(pending);
      const now = performance.now();
      if (now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        log(
          `  ${fmt(written)} / ${fmt(options.leads)} leads (${fmt(written / ((now - started) / 1000))} rows/s)`,
        );
      }
    }
    await Promise.all(inFlight);
    const loadSeconds = (performance.now() - started) / 1000;
    log(
      `  ${fmt(written)} leads written in ${loadSeconds.toFixed(1)} s (${fmt(written / loadSeconds)} rows/s)`,
    );

    const indexStarted = performance.now();
    if (rebuild) {
      await session.query(
        `SET LOCAL maintenance_work_mem = '${database.kind === "postgres" ? "1GB" : "256MB"}'`,
      );
      await createIndexes(session.query, dropped);
      log(`  ${dropped.length} indexes built in ${((performance.now() - indexStarted) / 1000).toFixed(1)} s`);
    }
    await session.query("ALTER TABLE leads ENABLE TRIGGER lead_funnel_insert");
    await session.query("SELECT lead_funnel_recount()");
    await session.query("COMMIT");
    const indexSeconds = rebuild ? (performance.now() - indexStarted) / 1000 : 0;

    // Fresh statistics for the planner, and a visibility map so that index-only scans work at once.
    const analyzeStarted = performance.now();
    await session.query("VACUUM (ANALYZE) leads");
    const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
    return {
      leads: written,
      loadSeconds,
      rowsPerSecond: written / loadSeconds,
      indexSeconds,
      analyzeSeconds,
    };
  } catch (error) {
    await session.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    session.release();
  }
}

interface Session {
  query: Query;
  write: BatchWriter;
  release(): void;
}

/** One connection for the whole load, so that it can be one transaction. */
async function openSession(database: Database): Promise<Session> {
  if (database.pool) {
    const client = await database.pool.connect();
    return {
      query: (text) => client.query(text),
      write: postgresWriter(client),
      release: () => client.release(),
    };
  }
  const { pglite } = database;
  if (!pglite) throw new Error("database has neither a pool nor a PGlite client");
  return { query: (text) => pglite.query(text), write: pgliteWriter(pglite), release: () => undefined };
}
