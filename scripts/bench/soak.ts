/**
 * `npm run bench -- --soak [--soak-minutes 10] [--concurrency 50] [--leads 100000] [--url …]`
 * (issue #21 point 4): the mix of soak-mix.ts against one app process (src/server/main.ts, as `npm
 * start` runs it) on PostgreSQL for a long time, its memory sampled every 10 s, then the goal's
 * checks (soak-stats.ts) printed PASS/FAIL and a section appended to BENCHMARKS.md.
 */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { appendFile } from "node:fs/promises";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { seedBulkDeals } from "../seed/bulk/seed-bulk-deals";
import { seedBulkLeads } from "../seed/bulk/seed-bulk-leads";
import { freePort, waitUntilHealthy } from "./bench-app";
import { type BenchDatabase, existingPostgresBench, startBenchDatabase } from "./bench-database";
import { SOAK_MIX, soakOperations, soakTeam } from "./soak-mix";
import { type MemorySample, type MemoryUsage, percentiles, SOAK_P99_GOAL_MS, soakChecks } from "./soak-stats";
import type { SoakJob, SoakResult } from "./soak-worker";

export interface SoakOptions {
  url: string | undefined;
  leads: number;
  deals: number | undefined;
  minutes: number;
  concurrency: number;
  /** Seconds of load before latencies are recorded. */
  warmupS: number;
  /** Seconds of load before memory counts for the flatness check. */
  memoryWarmupS: number;
  out: string;
  command: string;
}

const SAMPLE_EVERY_MS = 10_000;
const WORKER = fileURLToPath(new URL("./soak-worker.ts", import.meta.url));
const PROBE = fileURLToPath(new URL("./memory-probe.ts", import.meta.url));

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ");
const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);

interface AppProcess {
  port: number;
  child: ChildProcess;
  memory(): Promise<MemoryUsage>;
  stop(): Promise<void>;
}

/** One app process as `npm start` runs it, with the memory probe loaded and an IPC channel to ask it. */
async function startApp(databaseUrl: string): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "--import", PROBE, "src/server/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: "10",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      // The team's few API tokens send all the load: their fair-use limit out of reach.
      LEADWERK_API_RATE_LIMIT: "1000000",
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  try {
    await waitUntilHealthy(port, child);
  } catch (error) {
    await stop();
    throw error;
  }
  const memory = () =>
    new Promise<MemoryUsage>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off("message", answer);
        reject(new Error("the app process did not report its memory within 10 s"));
      }, 10_000);
      const answer = (message: unknown) => {
        clearTimeout(timer);
        resolve(message as MemoryUsage);
      };
      child.once("message", answer);
      child.send({ probe: "memory" });
    });
  return { port, child, memory, stop };
}

function runWorker(job: SoakJob): Promise<SoakResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      child.kill();
      fn();
    };
    const guard = setTimeout(
      () => settle(() => reject(new Error("the soak client did not finish in time"))),
      job.warmupMs + job.durationMs + 120_000,
    );
    child.once("message", (message: SoakResult | { fatal: string }) =>
      settle(() => ("fatal" in message ? reject(new Error(message.fatal)) : resolve(message))),
    );
    child.once("error", (error) => settle(() => reject(error)));
    child.once("exit", (code) => settle(() => reject(new Error(`the soak client exited (${code})`))));
    child.send(job);
  });
}

async function seeded(opts: SoakOptions, log: (line: string) => void): Promise<BenchDatabase> {
  if (opts.url) return existingPostgresBench(opts.url);
  const bench = await startBenchDatabase("postgres", log);
  try {
    log(`${bench.version}; seeding ${opts.leads.toLocaleString("en")} leads …`);
    await seedBulkLeads(bench.database, { leads: opts.leads, log });
    const deals = opts.deals ?? Math.round(opts.leads / 5);
    if (deals > 0) await seedBulkDeals(bench.database, { deals, activities: opts.leads * 2, log });
    return bench;
  } catch (error) {
    await bench.stop();
    throw error;
  }
}

/** Runs the soak; answers whether every check passed. */
export async function runSoak(opts: SoakOptions, log: (line: string) => void): Promise<boolean> {
  const startedAt = new Date();
  const loadBefore = loadAverage();
  const bench = await seeded(opts, log);
  try {
    const { database } = bench;
    const { rows } = (await database.pool?.query<{ n: string }>(
      "select count(*) as n from leads where deleted_at is null",
    )) ?? { rows: [] };
    const leads = Number(rows[0]?.n ?? 0);
    const team = await soakTeam(database);
    const operations = await soakOperations(database, team);
    if (bench.config.database.kind !== "postgres") throw new Error("the soak runs on PostgreSQL");
    const app = await startApp(bench.config.database.url);
    const samples: MemorySample[] = [];
    let result: SoakResult;
    try {
      const loadStarted = performance.now();
      const sample = async () => {
        const usage = await app.memory();
        const atS = Math.round((performance.now() - loadStarted) / 1000);
        samples.push({ ...usage, atS, load1: os.loadavg()[0] ?? 0 });
        log(
          `  ${String(atS).padStart(4)} s  RSS ${mb(usage.rss).padStart(7)} MB  heap used ${mb(usage.heapUsed).padStart(7)} MB` +
            `  after full GC ${usage.liveHeap === null ? "–" : mb(usage.liveHeap)} MB (${usage.majorGcs})` +
            `  load ${os.loadavg()[0]?.toFixed(2)}`,
        );
      };
      log(
        `soak: ${leads.toLocaleString("en")} leads, concurrency ${opts.concurrency}, ${opts.minutes} min ` +
          `(latencies after ${opts.warmupS} s, memory judged after ${opts.memoryWarmupS} s)`,
      );
      await sample();
      const sampler = setInterval(() => {
        sample().catch((error: unknown) => log(`  memory sample failed: ${String(error)}`));
      }, SAMPLE_EVERY_MS);
      try {
        result = await runWorker({
          port: app.port,
          actors: team.actors,
          concurrency: opts.concurrency,
          durationMs: opts.minutes * 60_000 - opts.warmupS * 1000,
          warmupMs: opts.warmupS * 1000,
          operations,
        });
      } finally {
        clearInterval(sampler);
      }
      await sample();
    } finally {
      await app.stop();
    }

    const perOperation = result.operations.map((o) => ({
      name: o.name,
      errors: o.errors,
      firstError: o.firstError,
      stats: percentiles(o.latencies),
    }));
    const all = percentiles(result.operations.flatMap((o) => o.latencies));
    const checks = soakChecks(perOperation, samples, opts.memoryWarmupS);
    const seconds = result.elapsedMs / 1000;
    log("");
    for (const o of perOperation)
      log(
        `  ${o.name.padEnd(10)} ${String(o.stats.count).padStart(8)} req  ${String(o.errors).padStart(5)} errors  ` +
          `p50 ${o.stats.p50.toFixed(1).padStart(7)}  p95 ${o.stats.p95.toFixed(1).padStart(7)}  ` +
          `p99 ${o.stats.p99.toFixed(1).padStart(7)} ms` +
          (o.firstError ? `  first error: ${o.firstError}` : ""),
      );
    log(`  all        ${String(all.count).padStart(8)} req, ${(all.count / seconds).toFixed(0)} req/s`);
    for (const check of checks) log(`${check.pass ? "PASS" : "FAIL"}  ${check.name}: ${check.detail}`);

    const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
    const stamp = startedAt.toISOString().slice(0, 16).replace("T", " ");
    const lines = [
      "",
      `## ${stamp} UTC: soak`,
      "",
      `\`${opts.command}\``,
      "",
      `Machine: ${os.availableParallelism()} CPUs (${cpu}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ` +
        `Node ${process.version}. Load average ${loadBefore} before, ${loadAverage()} after. ${bench.version}, ` +
        `${leads.toLocaleString("en")} live leads; one app process (src/server/main.ts, pool 10), ` +
        `concurrency ${opts.concurrency} for ${opts.minutes} min, latencies after ${opts.warmupS} s, ` +
        `memory judged after ${opts.memoryWarmupS} s.`,
      "",
      `Mix per 100 requests: ${Object.entries(SOAK_MIX)
        .map(([name, weight]) => `${name} ${weight}`)
        .join(", ")} (scripts/bench/soak-mix.ts).`,
      "",
      "| Operation | requests | errors | p50 ms | p95 ms | p99 ms | max ms |",
      "|---|--:|--:|--:|--:|--:|--:|",
      ...[
        ...perOperation,
        { name: "all", errors: perOperation.reduce((s, o) => s + o.errors, 0), stats: all },
      ].map(
        (o) =>
          `| ${o.name} | ${o.stats.count.toLocaleString("en")} | ${o.errors} | ${o.stats.p50.toFixed(1)} | ` +
          `${o.stats.p95.toFixed(1)} | ${o.stats.p99.toFixed(1)} | ${o.stats.max.toFixed(1)} |`,
      ),
      "",
      `${Math.round(all.count / seconds)} requests a second in all.`,
      ...perOperation
        .filter((o) => o.firstError)
        .map((o) => `\nFirst error of ${o.name}: \`${o.firstError?.replace(/`/g, "'")}\``),
      "",
      "| s | RSS MB | heap used MB | heap after last full GC MB | full GCs | load (1 min) |",
      "|--:|--:|--:|--:|--:|--:|",
      ...samples.map(
        (s) =>
          `| ${s.atS} | ${mb(s.rss)} | ${mb(s.heapUsed)} | ${s.liveHeap === null ? "–" : mb(s.liveHeap)} | ` +
          `${s.majorGcs} | ${s.load1.toFixed(2)} |`,
      ),
      "",
      ...checks.map((c) => `- ${c.pass ? "✅ PASS" : "❌ FAIL"} ${c.name}: ${c.detail}`),
      "",
    ];
    await appendFile(opts.out, lines.join("\n"));
    log(`\nResults appended to ${opts.out} (p99 goal ${SOAK_P99_GOAL_MS} ms).`);
    return checks.every((c) => c.pass);
  } finally {
    await bench.stop();
  }
}
