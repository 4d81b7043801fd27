/**
 * `npm run seed:demo [-- --locale en] [--force]`: fills the configured database (DATABASE_URL or
 * LEADWERK_DATA_DIR, as for the server) with a demo data set made from a fixed faker seed, its texts
 * (pipeline and stages, industries, activity subjects and notes, tags) in German or, with
 * `--locale en`, in English: users in two sales teams, companies, contacts, leads in every status, lifecycle stage and source, deals across the
 * default pipeline, and activities. Everything goes in one transaction. It refuses to run when CRM
 * data exists already, unless --force is given, so the data is never doubled by accident.
 * The generators live in scripts/seed/, one per entity.
 */
import { loadConfig } from "@server/config";
import { openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { hashPassword } from "@server/modules/auth/password";
import type { Language } from "@server/modules/seed/demo-data";
import { seedFakers } from "@test/factories-crm";
import { buildDemoData } from "./seed/demo-builder";
import { DEMO_PASSWORD, ensurePeople, ensurePipeline } from "./seed/people";
import { seedPriceList } from "./seed/quote.seed";
import { report } from "./seed/report";
import { countCrmRecords, insertDemoData } from "./seed/write";

const SEED = 20261123;

const USAGE = "Usage: npm run seed:demo [-- [--locale de|en] [--force]]";

/** `--force` and `--locale de|en` (default German: stage names, industries, subjects and notes). */
function parseSeedArgs(args: string[]): { force: boolean; locale: Language } | { error: string } {
  let force = false;
  let locale: Language = "de";
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--force") force = true;
    else if (arg === "--locale" || arg?.startsWith("--locale=")) {
      const value = arg === "--locale" ? args[++i] : arg.slice("--locale=".length);
      if (value !== "de" && value !== "en")
        return { error: `--locale takes de or en, not ${value ?? "nothing"}. ${USAGE}` };
      locale = value;
    } else return { error: `Unknown argument ${arg}. ${USAGE}` };
  }
  return { force, locale };
}

async function main(args: string[]): Promise<number> {
  const parsed = parseSeedArgs(args);
  if ("error" in parsed) {
    console.error(parsed.error);
    return 2;
  }
  const { force, locale } = parsed;
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
      const people = await ensurePeople(tx, passwordHash, locale);
      const data = buildDemoData(people, await ensurePipeline(tx, locale), locale);
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
