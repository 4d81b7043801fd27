/**
 * `npm run seed:bulk -- --leads 1000000 [--deals 200000] [--activities 2000000] [--batch 10000] [--seed 20261123]`:
 * adds N generated leads
 * (see scripts/seed/bulk/) to the configured database (DATABASE_URL or LEADWERK_DATA_DIR, as for the
 * server), owned by four "Bulk" teams of salespeople created when missing, then VACUUM (ANALYZE)s the
 * table. The load is one transaction: into an empty table with the secondary indexes dropped and
 * rebuilt at the end (much faster; the table is locked meanwhile), into a filled one with the indexes
 * kept (--indexes overrides this). For load tests and benchmarks (scripts/bench/run.ts); the demo data
 * set is `seed:demo`. Then deals with stage history (one per converted lead first, some won or lost),
 * a contact per converted lead and activities, by set-based SQL (seed/bulk/seed-bulk-deals.ts);
 * by default a fifth as many deals as leads and twice as many activities; `--deals 0` skips them.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "@server/config";
import { openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { seedBulkDeals } from "./seed/bulk/seed-bulk-deals";
import { seedBulkLeads } from "./seed/bulk/seed-bulk-leads";

const USAGE =
  "Usage: npm run seed:bulk -- --leads N [--deals N] [--activities N] [--batch N] [--seed N] [--indexes rebuild|keep]";

/** A mistake in the command line: reported as one line, without a stack trace. */
class UsageError extends Error {}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/[_,]/g, ""));
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive whole number. ${USAGE}`);
  return n;
}

function wholeNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/[_,]/g, ""));
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number. ${USAGE}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      leads: { type: "string" },
      batch: { type: "string" },
      seed: { type: "string" },
      indexes: { type: "string" },
      deals: { type: "string" },
      activities: { type: "string" },
    },
    strict: true,
  });
  const leads = positiveInt(values.leads, "leads");
  if (leads === undefined) throw new UsageError(`--leads is required. ${USAGE}`);
  const dealCount = wholeNumber(values.deals, "deals", Math.round(leads / 5));
  const activityCount = wholeNumber(values.activities, "activities", leads * 2);
  const indexes = values.indexes;
  if (indexes !== undefined && indexes !== "rebuild" && indexes !== "keep")
    throw new UsageError(`--indexes must be rebuild or keep. ${USAGE}`);
  const config = loadConfig();
  const where =
    config.database.kind === "postgres"
      ? "PostgreSQL (DATABASE_URL)"
      : `PGlite in ${config.database.dataDir}`;
  const database = await openDatabase(config.database);
  try {
    await runMigrations(database);
    console.log(`Adding ${leads.toLocaleString("en")} leads to ${where} …`);
    const result = await seedBulkLeads(database, {
      leads,
      batchSize: positiveInt(values.batch, "batch"),
      seed: positiveInt(values.seed, "seed"),
      indexes,
    });
    const rebuilt = result.indexSeconds > 0 ? `, indexes rebuilt in ${result.indexSeconds.toFixed(1)} s` : "";
    console.log(
      `Added ${result.leads.toLocaleString("en")} leads in ${result.loadSeconds.toFixed(1)} s ` +
        `(${Math.round(result.rowsPerSecond).toLocaleString("en")} rows/s)${rebuilt}; ` +
        `VACUUM (ANALYZE) took ${result.analyzeSeconds.toFixed(1)} s.`,
    );
    if (dealCount > 0) {
      console.log(
        `Adding ${dealCount.toLocaleString("en")} deals and ${activityCount.toLocaleString("en")} activities …`,
      );
      const more = await seedBulkDeals(database, {
        deals: dealCount,
        activities: activityCount,
        seed: positiveInt(values.seed, "seed"),
      });
      console.log(
        `Added ${more.deals.toLocaleString("en")} deals (${more.stays.toLocaleString("en")} stage stays), ` +
          `${more.contacts.toLocaleString("en")} contacts and ${more.activities.toLocaleString("en")} activities ` +
          `in ${more.seconds.toFixed(1)} s.`,
      );
    }
  } finally {
    await database.close();
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError || (error instanceof TypeError && "code" in error)) {
    // parseArgs reports unknown options as a TypeError with a code.
    console.error(`seed:bulk: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error("seed:bulk failed; leads written before the failure were rolled back.", error);
    process.exitCode = 1;
  }
}
