/**
 * The load generator, run in a worker thread so that it does not share the event loop with the app
 * under test: `concurrency` loops send requests over keep-alive connections to 127.0.0.1 until the
 * duration or the request count is used up, and report each request's latency.
 */
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

export type LoadRequest =
  | { kind: "get"; paths: string[] }
  | { kind: "post"; path: string; bodies: string[] }
  /** PATCH with optimistic locking: each loop edits its own leads and keeps their versions. */
  | { kind: "patch"; targets: { id: string; version: number }[]; fields: Record<string, unknown> };

export interface LoadJob {
  port: number;
  token: string;
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  /** Requests are sent but not recorded for this long first (JIT, caches, connection setup). */
  warmupMs: number;
  request: LoadRequest;
}

export interface LoadResult {
  /** Milliseconds per recorded request, in completion order. */
  latencies: number[];
  errors: number;
  /** Status code and body start of the first failure, for the report. */
  firstError: string | null;
  elapsedMs: number;
}

const REQUEST_TIMEOUT_MS = 30_000;

interface Reply {
  status: number;
  body: string;
}

function send(agent: http.Agent, job: LoadJob, method: string, path: string, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${job.token}` };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(body));
    }
    const req = http.request(
      { host: "127.0.0.1", port: job.port, method, path, agent, headers, timeout: REQUEST_TIMEOUT_MS },
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

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let sent = 0;
  const started = performance.now();
  const recordFrom = started + job.warmupMs;
  const stopAt = recordFrom + job.durationMs;
  const { request } = job;

  const loop = async (lane: number) => {
    // Each lane has its own share of the PATCH targets, so lanes never edit the same lead.
    const targets =
      request.kind === "patch" ? request.targets.filter((_, i) => i % job.concurrency === lane) : [];
    for (let n = lane; ; n += job.concurrency) {
      const begin = performance.now();
      if (begin >= stopAt || sent >= job.maxRequests) return;
      const recorded = begin >= recordFrom;
      if (recorded) sent++;
      let reply: Reply;
      try {
        switch (request.kind) {
          case "get":
            reply = await send(agent, job, "GET", request.paths[n % request.paths.length] ?? "/");
            break;
          case "post":
            reply = await send(agent, job, "POST", request.path, request.bodies[n % request.bodies.length]);
            break;
          case "patch": {
            const target = targets[Math.floor(n / job.concurrency) % Math.max(1, targets.length)];
            if (!target) throw new Error("no PATCH targets for this lane");
            const body = JSON.stringify({ ...request.fields, version: target.version });
            reply = await send(agent, job, "PATCH", `/api/v1/leads/${target.id}`, body);
            if (reply.status === 200)
              target.version = (JSON.parse(reply.body) as { version: number }).version;
            break;
          }
          default: {
            const unreachable: never = request;
            throw new Error(`unknown request ${JSON.stringify(unreachable)}`);
          }
        }
      } catch (error) {
        reply = { status: 0, body: error instanceof Error ? error.message : String(error) };
      }
      if (!recorded) continue;
      latencies.push(performance.now() - begin);
      if (reply.status < 200 || reply.status >= 300) {
        errors++;
        firstError ??= `${reply.status} ${reply.body.slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, (_, lane) => loop(lane)));
  agent.destroy();
  return { latencies, errors, firstError, elapsedMs: Math.min(performance.now(), stopAt) - recordFrom };
}

if (parentPort && workerData) {
  const port = parentPort;
  run(workerData as LoadJob).then(
    (result) => port.postMessage(result),
    (error: unknown) => port.postMessage({ fatal: error instanceof Error ? error.message : String(error) }),
  );
}
