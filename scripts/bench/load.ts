import { Worker } from "node:worker_threads";
import type { LoadJob, LoadResult } from "./load-worker";

export interface LoadStats {
  requests: number;
  errors: number;
  firstError: string | null;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/** tsx's loader does not reach worker threads by itself; tsImport loads the worker's TypeScript. */
const WORKER_BOOT = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(
  new URL("./load-worker.ts", import.meta.url).href,
)}, ${JSON.stringify(import.meta.url)}))`;

export function runLoad(job: LoadJob): Promise<LoadStats> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: job });
    // A hang guard on top of the worker's own time and request bounds.
    const guard = setTimeout(
      () => {
        void worker.terminate();
        reject(new Error("the load worker did not finish in time"));
      },
      job.warmupMs + job.durationMs + 60_000,
    );
    worker.once("message", (message: LoadResult | { fatal: string }) => {
      clearTimeout(guard);
      void worker.terminate();
      if ("fatal" in message) reject(new Error(message.fatal));
      else resolve(summarise(message));
    });
    worker.once("error", (error) => {
      clearTimeout(guard);
      reject(error);
    });
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
  };
}
