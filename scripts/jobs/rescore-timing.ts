/**
 * `npx tsx scripts/jobs/rescore-timing.ts --url <postgres URL>` (or `--data-dir <PGlite folder>`): how long the background jobs take
 * on a seeded database (e.g. `npx tsx scripts/bench/hold-postgres.ts --leads 1000000`). Changes the
 * score rules the way an admin would (the job is queued in that transaction), runs the rescore job
 * to its end in this process and prints the time; then the same with unchanged rules (reads only)
 * and the hourly recency job. Leaves the rules as it found them (one more rescore). `--only change,same,
 * recency,restore` picks steps.
 */
import { parseArgs } from "node:util";
import { DEFAULT_SCORE_RULES, type ScoreRule } from "@domain/leads/score";
import { openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { enqueueJob } from "@server/jobs/job.repository";
import { JobRunner } from "@server/jobs/job-runner";
import { leadRecencyJob } from "@server/modules/leads/lead-recency.job";
import { leadRescoreJob } from "@server/modules/leads/lead-rescore.job";
import { upsertSetting } from "@server/modules/settings/settings.repository";
import Fastify from "fastify";

const { values } = parseArgs({
  options: { url: { type: "string" }, "data-dir": { type: "string" }, only: { type: "string" } },
  strict: true,
});
const dataDir = values["data-dir"];
if (!values.url && !dataDir)
  throw new Error("--url <postgres URL> or --data-dir <PGlite folder> is required");
const database = await openDatabase(
  values.url
    ? { kind: "postgres", url: values.url, poolSize: 2 }
    : { kind: "pglite", dataDir: dataDir ?? "" },
);
await runMigrations(database);
// A Fastify logger, as the app uses (the jobs log what they did).
const log = Fastify({ logger: { level: "info" } }).log;
const runner = new JobRunner(database, [leadRescoreJob(), leadRecencyJob()], log);

async function timed(label: string, rules: ScoreRule[] | null, job: "lead-rescore" | "lead-recency") {
  await database.db.transaction(async (tx) => {
    if (rules) await upsertSetting(tx, "leadScoreRules", rules);
    await enqueueJob(tx, job);
  });
  const started = performance.now();
  const outcomes = await runner.runDue();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label}: ${seconds.toFixed(1)} s (${outcomes.map((o) => `${o.name} ${o.state}`).join(", ")})`,
  );
}

const changed = DEFAULT_SCORE_RULES.map((rule) => ({ ...rule, points: rule.points + 1 }));
const steps = {
  change: () => timed("rescore, every score changes", changed, "lead-rescore"),
  same: () => timed("rescore, rules unchanged (reads, writes nothing)", null, "lead-rescore"),
  recency: () => timed("recency job", null, "lead-recency"),
  restore: () => timed("rescore back to the default rules", DEFAULT_SCORE_RULES, "lead-rescore"),
};
try {
  for (const [name, step] of Object.entries(steps)) {
    if (!values.only || values.only.split(",").includes(name)) await step();
  }
} finally {
  await runner.stop();
  await database.close();
}
