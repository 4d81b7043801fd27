/**
 * The raw-driver baseline (issue #21 point 1), run as its own process like the load client: the
 * statements the app sent for one request each (raw-capture.ts) are sent again through the bare `pg`
 * driver, `concurrency` lanes over a pool as large as the app's, for the same time. One "request" is
 * one captured sequence, on one connection (so BEGIN … COMMIT stay together). What the driver itself
 * does (protocol, row parsing) is in both figures; everything else the app does is not in this one.
 */
import pg from "pg";
import type { LoadResult } from "./load-worker";

/** One statement as the app sent it: text, parameters, Drizzle's row mode and a prepared name if any. */
export interface RawStatement {
  text: string;
  values: unknown[];
  rowMode?: "array";
  name?: string;
}

export interface RawJob {
  url: string;
  poolSize: number;
  concurrency: number;
  durationMs: number;
  warmupMs: number;
  maxRequests: number;
  /** The captured requests: lane i sends request n mod length, as the load client cycles its paths. */
  requests: RawStatement[][];
}

export type RawResult = LoadResult & { cpuMs: number };

async function sendOne(pool: pg.Pool, statements: RawStatement[]): Promise<void> {
  const client = await pool.connect();
  let open = false;
  try {
    for (const statement of statements) {
      if (/^begin\b/i.test(statement.text)) open = true;
      await client.query(statement);
      if (/^(commit|rollback)\b/i.test(statement.text)) open = false;
    }
  } catch (error) {
    if (open) await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function run(job: RawJob): Promise<RawResult> {
  const pool = new pg.Pool({ connectionString: job.url, max: job.poolSize });
  const cpuBefore = process.cpuUsage();
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let sent = 0;
  let sentTotal = 0;
  const started = performance.now();
  const recordFrom = started + job.warmupMs;
  const stopAt = recordFrom + job.durationMs;
  const loop = async (lane: number) => {
    for (let n = lane; ; n += job.concurrency) {
      const begin = performance.now();
      if (begin >= stopAt || sent >= job.maxRequests) return;
      const recorded = begin >= recordFrom;
      if (recorded) sent++;
      sentTotal++;
      let failure: string | null = null;
      try {
        await sendOne(pool, job.requests[n % job.requests.length] ?? []);
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      if (!recorded) continue;
      latencies.push(performance.now() - begin);
      if (failure !== null) {
        errors++;
        firstError ??= failure;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: job.concurrency }, (_, lane) => loop(lane)));
  } finally {
    await pool.end();
  }
  const cpu = process.cpuUsage(cpuBefore);
  return {
    latencies,
    errors,
    firstError,
    elapsedMs: Math.min(performance.now(), stopAt) - recordFrom,
    sentTotal,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

if (process.send) {
  process.once("message", (job: RawJob) => {
    run(job).then(
      (result) => process.send?.(result),
      (error: unknown) => process.send?.({ fatal: error instanceof Error ? error.message : String(error) }),
    );
  });
}
