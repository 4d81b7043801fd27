/**
 * The raw-driver baseline (issue #21 point 1), run as its own process like the load client: the
 * statements the app sent for one request each (raw-capture.ts) are sent again through the bare `pg`
 * driver, `concurrency` lanes over a pool as large as the app's, for the same time. One "request" is
 * one captured sequence, on one connection (so BEGIN … COMMIT stay together). What the driver itself
 * does (protocol, row parsing) is in both figures; everything else the app does is not in this one.
 */
import pg from "pg";
import type { LoadResult } from "./load-worker";
import { runLanes, serveJob, Tally, thrownFailure } from "./request-loop";

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
  const tally = new Tally();
  const lane = () => async (n: number) => {
    try {
      await sendOne(pool, job.requests[n % job.requests.length] ?? []);
      return null;
    } catch (error) {
      return thrownFailure(error);
    }
  };
  let sent: { elapsedMs: number; sentTotal: number };
  try {
    sent = await runLanes(job, lane, (failure, ms, recorded) => tally.add(failure, ms, recorded));
  } finally {
    await pool.end();
  }
  const cpu = process.cpuUsage(cpuBefore);
  return {
    latencies: tally.latencies,
    errors: tally.errors,
    firstError: tally.firstError,
    ...sent,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

serveJob(run);
