/** BENCHMARKS.md: one dated section per run, appended; older sections stay as they are. */
import { existsSync } from "node:fs";
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BulkSeedResult } from "../seed/bulk/seed-bulk-leads";
import type { QueryPlan } from "./explain";
import type { LoadStats } from "./load";
import type { Operation } from "./operations";

export const GOAL_P95_MS = 50;
/** Issue #21 point 1: the API serves at least this share of the raw driver's throughput. */
export const GOAL_RAW_RATIO = 0.7;

/** The same statements through the bare `pg` driver (raw-worker.ts), measured right after the app. */
export interface RawBaseline extends LoadStats {
  /** CPU time of the raw client's process per request sent (the driver's own cost). */
  cpuMsPerRequest: number;
  /** CPU time of the database's processes per request (database-cpu.ts); null where unreadable. */
  dbCpuMsPerRequest: number | null;
  /** App req/s ÷ raw req/s. */
  ratio: number;
  /** Statements per request (the mean over the captured requests). */
  statements: number;
}

export interface EngineResult {
  version: string;
  leads: number;
  /** null when an existing database was measured (--url). */
  seed: BulkSeedResult | null;
  appProcesses: number;
  operations: {
    operation: Operation;
    stats: LoadStats & { appCpuMs: number | null; dbCpuMs?: number | null };
    raw?: RawBaseline | null;
  }[];
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
real app on 127.0.0.1 and measures API operations over HTTP with a fixed concurrency from a load
client in a process of its own; see \`scripts/bench/run.ts\` for the flags. Each run appends a dated
section below; older runs stay for comparison.

Reading the numbers: the app answers on one Node.js event loop, so once it is saturated the mean
latency is about concurrency ÷ req/s, i.e. 8 × the CPU time of one request. "app CPU ms/req" is that
CPU time (user + system of the app's process, divided by the requests sent): it depends much less on
other work on the machine than the latencies do. The EXPLAIN tables show what the database itself
needs. Numbers from a shared or busy machine are noisy: the load average is recorded with each run.

To repeat a PostgreSQL measurement quickly (no seeding each time):

\`\`\`sh
npx tsx scripts/bench/hold-postgres.ts --leads 1000000      # seeds once, prints the URL, Ctrl+C ends it
npm run bench -- --url <printed URL>                        # all operations, about 2.5 minutes
npm run bench -- --url <printed URL> --only "list|search"   # just the goal's operations
npm run bench -- --url <printed URL> --app-processes 2      # two app processes on one database
\`\`\`
`;

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const cpuMs = (n: number | null | undefined) => (n === null || n === undefined ? "–" : n.toFixed(2));
const int = (n: number) => Math.round(n).toLocaleString("en");

function engineSection(engine: EngineResult, isPostgres: boolean, plansFile: string | null): string {
  const { seed } = engine;
  const processes = engine.appProcesses > 1 ? `, ${engine.appProcesses} app processes` : ", one app process";
  const lines = [
    `### ${engine.version}: ${int(engine.leads)} leads${processes}`,
    "",
    seed
      ? `Seeding: ${int(seed.leads)} leads written in ${seed.loadSeconds.toFixed(1)} s ` +
        `(${int(seed.rowsPerSecond)} rows/s), indexes rebuilt in ${seed.indexSeconds.toFixed(1)} s, ` +
        `VACUUM (ANALYZE) ${seed.analyzeSeconds.toFixed(1)} s.`
      : "An existing, already seeded database (--url).",
    "",
    "| Operation | as | p50 ms | p95 ms | p99 ms | req/s | requests | errors | app CPU ms/req |" +
      (isPostgres ? " db CPU ms/req | goal |" : ""),
    `|---|---|--:|--:|--:|--:|--:|--:|--:|${isPostgres ? "--:|---|" : ""}`,
  ];
  for (const { operation, stats } of engine.operations) {
    const goalMs = operation.goalMs ?? GOAL_P95_MS;
    const goal =
      operation.kind === "list" || operation.kind === "search"
        ? stats.p95 <= goalMs
          ? `✅ p95 ≤ ${goalMs}`
          : `❌ p95 > ${goalMs}`
        : "";
    lines.push(
      `| ${operation.name} | ${operation.actor.role} | ${ms(stats.p50)} | ${ms(stats.p95)} | ${ms(stats.p99)} | ` +
        `${int(stats.perSecond)} | ${int(stats.requests)} | ${stats.errors} | ` +
        `${stats.appCpuMs === null ? "–" : stats.appCpuMs.toFixed(2)} |` +
        (isPostgres ? ` ${cpuMs(stats.dbCpuMs)} | ${goal} |` : ""),
    );
  }
  lines.push(...rawSection(engine));
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
    if (plansFile) lines.push("", `The plans, with the SQL: [${plansFile}](${plansFile}).`);
  }
  return lines.join("\n");
}

/** App against raw driver, per operation that has a baseline (issue #21 point 1). */
function rawSection(engine: EngineResult): string[] {
  const withRaw = engine.operations.filter((o) => o.raw);
  if (withRaw.length === 0) return [];
  const lines = [
    "",
    "The same statements through the bare `pg` driver, right after the app's run, same concurrency and " +
      'duration (captured from the app for this run; see "Raw-driver baseline" in BENCHMARKS.md):',
    "",
    "| Operation | as | statements/request | app req/s | raw req/s | app ÷ raw | app CPU ms/req | raw client CPU ms/req | db CPU ms/req app / raw | raw p95 ms | goal |",
    "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
  ];
  for (const { operation, stats, raw } of withRaw) {
    if (!raw) continue;
    lines.push(
      `| ${operation.name} | ${operation.actor.role} | ${raw.statements} | ${int(stats.perSecond)} | ` +
        `${int(raw.perSecond)} | ${raw.ratio.toFixed(2)}× | ` +
        `${stats.appCpuMs === null ? "–" : stats.appCpuMs.toFixed(2)} | ${raw.cpuMsPerRequest.toFixed(2)} | ` +
        `${cpuMs(stats.dbCpuMs)} / ${cpuMs(raw.dbCpuMsPerRequest)} | ${ms(raw.p95)} | ${raw.ratio >= GOAL_RAW_RATIO ? "✅" : "❌"} ≥ ${GOAL_RAW_RATIO}× |`,
    );
    if (raw.firstError)
      lines.push(
        `| ↳ raw errors: ${raw.errors}, first: \`${raw.firstError.replace(/[`|]/g, "'")}\` ||||||||||`,
      );
  }
  return lines;
}

/** The EXPLAIN plans of one engine's requests, with their SQL: long, so kept out of BENCHMARKS.md. */
function plansDocument(title: string, engine: EngineResult): string {
  const lines = [`# ${title}: ${engine.version}, ${int(engine.leads)} leads`, ""];
  for (const plan of engine.plans) {
    lines.push(
      `## ${plan.name} (${plan.actor})`,
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
  return lines.join("\n");
}

/**
 * Appends the run's section to `file`; the EXPLAIN plans of each engine go to their own file under
 * docs/bench-plans/ beside it, linked from the section.
 */
export async function appendReport(file: string, run: RunInfo, engines: EngineResult[]): Promise<void> {
  const stamp = run.startedAt.toISOString().slice(0, 16).replace("T", " ");
  const sections: string[] = [];
  for (const [index, engine] of engines.entries()) {
    let plansFile: string | null = null;
    if (engine.plans.length > 0) {
      const slug = engine.version.startsWith("PostgreSQL") ? "postgres" : "pglite";
      plansFile = `docs/bench-plans/${stamp.replace(/[ :]/g, "-")}-${slug}-${index + 1}.md`;
      const target = path.join(path.dirname(file), plansFile);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, plansDocument(`Bench run ${stamp} UTC`, engine));
    }
    sections.push(`${engineSection(engine, engine.version.startsWith("PostgreSQL"), plansFile)}\n`);
  }
  const section = [
    "",
    `## ${stamp} UTC`,
    "",
    `\`${run.command}\``,
    "",
    `Machine: ${run.machine}. Load average ${run.loadBefore} before, ${run.loadAfter} after. ${run.settings}`,
    "",
    ...sections,
  ].join("\n");
  if (!existsSync(file)) await writeFile(file, HEADER);
  await appendFile(file, section);
}
