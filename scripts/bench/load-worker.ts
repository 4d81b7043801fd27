/**
 * The load generator, run as its own process (load.ts forks it) so that it takes no CPU time from the
 * app's event loop or its thread pool: `concurrency` loops send requests over keep-alive connections
 * to 127.0.0.1 until the duration or the request count is used up, and report each request's latency.
 * With several app ports (several app processes), lane i sends to port i mod n.
 */
import http from "node:http";

export type LoadRequest =
  | { kind: "get"; paths: string[] }
  | { kind: "post"; path: string; bodies: string[] }
  /** PATCH with optimistic locking: each loop edits its own leads and keeps their versions. */
  | { kind: "patch"; targets: { id: string; version: number }[]; fields: Record<string, unknown> };

export interface LoadJob {
  ports: number[];
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
  /** Every request sent, warm-up included. */
  sentTotal: number;
}

const REQUEST_TIMEOUT_MS = 30_000;

interface Reply {
  status: number;
  body: string;
}

function send(
  agent: http.Agent,
  job: LoadJob & { port: number },
  method: string,
  path: string,
  body?: string,
): Promise<Reply> {
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
  let sentTotal = 0;
  const started = performance.now();
  const recordFrom = started + job.warmupMs;
  const stopAt = recordFrom + job.durationMs;
  const { request } = job;

  const loop = async (lane: number) => {
    const laneJob = { ...job, port: job.ports[lane % job.ports.length] ?? 0 };
    // Each lane has its own share of the PATCH targets, so lanes never edit the same lead.
    const targets =
      request.kind === "patch" ? request.targets.filter((_, i) => i % job.concurrency === lane) : [];
    for (let n = lane; ; n += job.concurrency) {
      const begin = performance.now();
      if (begin >= stopAt || sent >= job.maxRequests) return;
      const recorded = begin >= recordFrom;
      if (recorded) sent++;
      sentTotal++;
      let reply: Reply;
      try {
        switch (request.kind) {
          case "get":
            reply = await send(agent, laneJob, "GET", request.paths[n % request.paths.length] ?? "/");
            break;
          case "post":
            reply = await send(
              agent,
              laneJob,
              "POST",
              request.path,
              request.bodies[n % request.bodies.length],
            );
            break;
          case "patch": {
            const target = targets[Math.floor(n / job.concurrency) % Math.max(1, targets.length)];
            if (!target) throw new Error("no PATCH targets for this lane");
            const body = JSON.stringify({ ...request.fields, version: target.version });
            reply = await send(agent, laneJob, "PATCH", `/api/v1/leads/${target.id}`, body);
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
  return {
    latencies,
    errors,
    firstError,
    elapsedMs: Math.min(performance.now(), stopAt) - recordFrom,
    sentTotal,
  };
}

if (process.send) {
  process.once("message", (job: LoadJob) => {
    run(job).then(
      (result) => process.send?.(result),
      (error: unknown) => process.send?.({ fatal: error instanceof Error ? error.message : String(error) }),
    );
  });
}
