/**
 * `npm run seed:demo [-- --force]`: fills the configured database (DATABASE_URL or LEADWERK_DATA_DIR,
 * as for the server) with a bilingual demo data set made from a fixed faker seed: users in two sales
 * teams, companies, contacts, leads in every status, lifecycle stage and source, deals across the
 * default pipeline, and activities. Everything goes in one transaction. It refuses to run when CRM
 * data exists already, unless --force is given, so the data is never doubled by accident.
 * The generators live in scripts/seed/, one per entity.
 */
import { loadConfig } from "@server/config";
import { openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { hashPassword } from "@server/modules/auth/password";
import { seedFakers } from "@test/factories-crm";
import { buildDemoData } from "./seed/demo-builder";
import { DEMO_PASSWORD, ensurePeople, ensurePipeline } from "./seed/people";
import { seedPriceList } from "./seed/quote.seed";
import { report } from "./seed/report";
import { countCrmRecords, insertDemoData } from "./seed/write";

const SEED = 20261123;

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a !== "--force");
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown.join(" ")}. Usage: npm run seed:demo [-- --force]`);
    return 2;
  }
  const force = args.includes("--force");
  const config = loadConfig();
  const where =
    config.database.kind === "postgres"
      ? "PostgreSQL (DATABASE_URL)"
      : `PGlite in ${config.database.dataDir}`;
  const started = performance.now();
  const database = await openDatabase(config.database);
  try {
    await runMigrations(database);
    const existing = await countCrmRecords(database.db);
    if (Object.values(existing).some((n) => n > 0) && !force) {
      const found = Object.entries(existing)
        .map(([name, n]) => `${n} ${name}`)
        .join(", ");
      console.error(`${where} already holds CRM data (${found}); no demo data was added.`);
      console.error("Use an empty database, or run `npm run seed:demo -- --force` to add it anyway.");
      return 1;
    }
    const ready = performance.now() - started;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    seedFakers(SEED);
    // One transaction: a failure anywhere leaves the database as it was.
    const { people, data } = await database.db.transaction(async (tx) => {
      const people = await ensurePeople(tx, passwordHash);
      const data = buildDemoData(people, await ensurePipeline(tx));
      await insertDemoData(tx, data);
      await seedPriceList(tx);
      return { people, data };
    });
    report(data, people, { ready, total: performance.now() - started }, where);
    return 0;
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error("seed:demo failed; no demo data was written.", error);
  process.exitCode = 1;
}
