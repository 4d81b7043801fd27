/**
 * What the bench's load clients share (load-worker.ts, soak-worker.ts, raw-worker.ts): the request
 * over a keep-alive agent, the lanes that send until the time or the request count is used up, and
 * the tally of latencies and failures. The clients differ only in what one request is.
 */
import http from "node:http";

const REQUEST_TIMEOUT_MS = 30_000;

export interface Reply {
  status: number;
  body: string;
}

/** One request to the app on 127.0.0.1 as the token's user; the answer's status and body. */
export function sendRequest(
  agent: http.Agent,
  to: { port: number; token: string },
  method: string,
  path: string,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${to.token}` };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(body));
    }
    const req = http.request(
      { host: "127.0.0.1", port: to.port, method, path, agent, headers, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** A request's failure as the report shows it: status and body start, or null for a 2xx. */
export const failureOf = (reply: Reply): string | null =>
  reply.status >= 200 && reply.status < 300 ? null : `${reply.status} ${reply.body.slice(0, 300)}`;

/** A thrown error (no answer, a refused connection) as a failure. */
export const thrownFailure = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface LaneTiming {
  concurrency: number;
  /** Requests are sent but not recorded for this long first (JIT, caches, connection setup). */
  warmupMs: number;
  durationMs: number;
  /** Recorded requests after which every lane stops; none by default. */
  maxRequests?: number;
}

/**
 * `concurrency` lanes, each awaiting its own requests one after the other until the time (or the
 * request count) is used up. `lane(i)` gives lane i's request function, called with n = lane,
 * lane + concurrency, … (so lanes together walk 0, 1, 2, … as one sequence); it answers the request's
 * outcome (its failure or null, and what else the client keeps apart) and does not throw. `settle`
 * gets each outcome, the request's milliseconds and whether it falls after the warm-up.
 */
export async function runLanes<O>(
  timing: LaneTiming,
  lane: (lane: number) => (n: number) => Promise<O>,
  settle: (outcome: O, ms: number, recorded: boolean) => void,
): Promise<{ elapsedMs: number; sentTotal: number }> {
  const maxRequests = timing.maxRequests ?? Number.POSITIVE_INFINITY;
  let sent = 0;
  let sentTotal = 0;
  const started = performance.now();
  const recordFrom = started + timing.warmupMs;
  const stopAt = recordFrom + timing.durationMs;
  const loop = async (index: number) => {
    const request = lane(index);
    for (let n = index; ; n += timing.concurrency) {
      const begin = performance.now();
      if (begin >= stopAt || sent >= maxRequests) return;
      const recorded = begin >= recordFrom;
      if (recorded) sent++;
      sentTotal++;
      const outcome = await request(n);
      settle(outcome, performance.now() - begin, recorded);
    }
  };
  await Promise.all(Array.from({ length: timing.concurrency }, (_, index) => loop(index)));
  return { elapsedMs: Math.min(performance.now(), stopAt) - recordFrom, sentTotal };
}

/** Latencies after the warm-up and failures, as the load and raw clients report them. */
export class Tally {
  readonly latencies: number[] = [];
  errors = 0;
  firstError: string | null = null;

  /** `warmupErrors`: a failure counts from the first request on (the soak), not only after the warm-up. */
  constructor(private readonly warmupErrors = false) {}

  add(failure: string | null, ms: number, recorded: boolean): void {
    if (recorded) this.latencies.push(ms);
    if (failure === null || !(recorded || this.warmupErrors)) return;
    this.errors++;
    this.firstError ??= failure;
  }
}

/** A worker process's one job: the parent's message in, the result (or the fatal error) back. */
export function serveJob<J, R>(run: (job: J) => Promise<R>): void {
  if (!process.send) return;
  process.once("message", (job: J) => {
    run(job).then(
      (result) => process.send?.(result),
      (error: unknown) => process.send?.({ fatal: thrownFailure(error) }),
    );
  });
}
