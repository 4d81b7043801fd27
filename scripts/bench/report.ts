/** BENCHMARKS.md: one dated section per run, appended; older sections stay as they are. */
import { existsSync } from "node:fs";
import { appendFile, writeFile } from "node:fs/promises";
import type { BulkSeedResult } from "../seed/bulk/seed-bulk-leads";
import type { QueryPlan } from "./explain";
import type { LoadStats } from "./load";
import type { Operation } from "./operations";

export const GOAL_P95_MS = 50;

export interface EngineResult {
  version: string;
  leads: number;
  seed: BulkSeedResult;
  operations: { operation: Operation; stats: LoadStats }[];
  plans: (QueryPlan & { actor: string; name: string })[];
}

export interface RunInfo {
  startedAt: Date;
  command: string;
  machine: string;
  loadBefore: string;
  loadAfter: string;
  settings: string;
}

const HEADER = `# Benchmarks

\`npm run bench\` seeds throwaway databases with generated leads (\`scripts/seed/bulk/\`), starts the
real app in-process on 127.0.0.1 and measures API operations over HTTP with a fixed concurrency; see
\`scripts/bench/run.ts\` for the flags. Each run appends a dated section below; older runs stay for
comparison.

Reading the numbers: the app answers on one Node.js event loop, so once it is saturated the mean
latency is about concurrency ÷ req/s, i.e. 8 × the CPU time of one request. The EXPLAIN tables show
what the database itself needs. Numbers from a shared or busy machine are noisy: the load average is
recorded with each run.
`;

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const int = (n: number) => Math.round(n).toLocaleString("en");

function engineSection(engine: EngineResult, isPostgres: boolean): string {
  const { seed } = engine;
  const lines = [
    `### ${engine.version}: ${int(engine.leads)} leads`,
    "",
    `Seeding: ${int(seed.leads)} leads written in ${seed.loadSeconds.toFixed(1)} s ` +
      `(${int(seed.rowsPerSecond)} rows/s), indexes rebuilt in ${seed.indexSeconds.toFixed(1)} s, ` +
      `VACUUM (ANALYZE) ${seed.analyzeSeconds.toFixed(1)} s.`,
    "",
    "| Operation | as | p50 ms | p95 ms | p99 ms | req/s | requests | errors |" +
      (isPostgres ? " goal |" : ""),
    `|---|---|--:|--:|--:|--:|--:|--:|${isPostgres ? "---|" : ""}`,
  ];
  for (const { operation, stats } of engine.operations) {
    const goal =
      operation.kind === "list" || operation.kind === "search"
        ? stats.p95 < GOAL_P95_MS
          ? "✅ p95 < 50"
          : "❌ p95 ≥ 50"
        : "";
    lines.push(
      `| ${operation.name} | ${operation.actor.role} | ${ms(stats.p50)} | ${ms(stats.p95)} | ${ms(stats.p99)} | ` +
        `${int(stats.perSecond)} | ${int(stats.requests)} | ${stats.errors} |` +
        (isPostgres ? ` ${goal} |` : ""),
    );
  }
  const failures = engine.operations.filter((o) => o.stats.firstError);
  for (const { operation, stats } of failures) {
    lines.push("", `First error of "${operation.name}": \`${stats.firstError?.replace(/`/g, "'")}\``);
  }
  if (engine.plans.length > 0) {
    lines.push(
      "",
      "EXPLAIN (ANALYZE, BUFFERS) of the SQL the app sent for one request each, run after the reads and before the writes:",
      "",
      "| Request | as | execution ms | indexes used | seq scan on leads |",
      "|---|---|--:|---|---|",
    );
    for (const plan of engine.plans) {
      lines.push(
        `| ${plan.name} | ${plan.actor} | ${plan.executionMs === null ? "–" : plan.executionMs.toFixed(1)} | ` +
          `${plan.indexes.map((i) => `\`${i}\``).join(", ") || "none"} | ${plan.seqScanOnLeads ? "yes" : "no"} |`,
      );
    }
    lines.push("", "<details><summary>Plans</summary>", "");
    for (const plan of engine.plans) {
      lines.push(
        `#### ${plan.name} (${plan.actor})`,
        "",
        `\`GET ${plan.path}\``,
        "",
        "```sql",
        plan.sql,
        "```",
        "",
        "```",
        ...plan.plan,
        "```",
        "",
      );
    }
    lines.push("</details>");
  }
  return lines.join("\n");
}

export async function appendReport(file: string, run: RunInfo, engines: EngineResult[]): Promise<void> {
  const stamp = run.startedAt.toISOString().slice(0, 16).replace("T", " ");
  const section = [
    "",
    `## ${stamp} UTC`,
    "",
    `\`${run.command}\``,
    "",
    `Machine: ${run.machine}. Load average ${run.loadBefore} before, ${run.loadAfter} after. ${run.settings}`,
    "",
    ...engines.map((engine) => `${engineSection(engine, engine.version.startsWith("PostgreSQL"))}\n`),
  ].join("\n");
  if (!existsSync(file)) await writeFile(file, HEADER);
  await appendFile(file, section);
}
