import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LoadJob, LoadResult } from "./load-worker";
import type { RawJob, RawResult } from "./raw-worker";

export interface LoadStats {
  requests: number;
  errors: number;
  firstError: string | null;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Requests sent including the warm-up. */
  sentTotal: number;
}

const WORKER = fileURLToPath(new URL("./load-worker.ts", import.meta.url));
const RAW_WORKER = fileURLToPath(new URL("./raw-worker.ts", import.meta.url));

/**
 * The client runs in a process of its own (a worker thread would still share the CPU time and the
 * libuv pool of the app's process when the app runs in the bench's process).
 */
export const runLoad = (job: LoadJob): Promise<LoadStats> =>
  inChild<LoadJob, LoadResult>(WORKER, job).then(summarise);

/** The raw-driver baseline (raw-worker.ts), likewise in a process of its own; cpuMs is that process's. */
export const runRawLoad = (job: RawJob): Promise<LoadStats & { cpuMs: number }> =>
  inChild<RawJob, RawResult>(RAW_WORKER, job).then((result) => ({
    ...summarise(result),
    cpuMs: result.cpuMs,
  }));

function inChild<Job extends { warmupMs: number; durationMs: number }, Result>(
  worker: string,
  job: Job,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    // "advanced": the captured statements' parameters may be Dates or Buffers.
    const child = fork(worker, [], {
      execArgv: ["--import", "tsx"],
      stdio: "inherit",
      serialization: "advanced",
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(guard);
      child.kill();
      fn();
    };
    // A hang guard on top of the client's own time and request bounds.
    const guard = setTimeout(
      () => settle(() => reject(new Error("the load client did not finish in time"))),
      job.warmupMs + job.durationMs + 60_000,
    );
    child.once("message", (message: Result | { fatal: string }) =>
      settle(() =>
        message && typeof message === "object" && "fatal" in message
          ? reject(new Error(message.fatal))
          : resolve(message),
      ),
    );
    child.once("error", (error) => settle(() => reject(error)));
    child.once("exit", (code) =>
      settle(() => reject(new Error(`the load client exited (${code}) without a result`))),
    );
    child.send(job);
  });
}

function summarise(result: LoadResult): LoadStats {
  const sorted = Float64Array.from(result.latencies).sort();
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return {
    requests: sorted.length,
    errors: result.errors,
    firstError: result.firstError,
    perSecond: sorted.length / (result.elapsedMs / 1000),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    sentTotal: result.sentTotal,
  };
}
