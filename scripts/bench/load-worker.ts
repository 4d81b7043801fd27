/**
 * The load generator, run as its own process (load.ts forks it) so that it takes no CPU time from the
 * app's event loop or its thread pool: `concurrency` loops send requests over keep-alive connections
 * to 127.0.0.1 until the duration or the request count is used up, and report each request's latency.
 * With several app ports (several app processes), lane i sends to port i mod n.
 */
import http from "node:http";
import { failureOf, runLanes, sendRequest, serveJob, Tally, thrownFailure } from "./request-loop";

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

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const tally = new Tally();
  const { request } = job;
  const lane = (index: number) => {
    const to = { port: job.ports[index % job.ports.length] ?? 0, token: job.token };
    // Each lane has its own share of the PATCH targets, so lanes never edit the same lead.
    const targets =
      request.kind === "patch" ? request.targets.filter((_, i) => i % job.concurrency === index) : [];
    return async (n: number) => {
      try {
        switch (request.kind) {
          case "get":
            return failureOf(
              await sendRequest(agent, to, "GET", request.paths[n % request.paths.length] ?? "/"),
            );
          case "post":
            return failureOf(
              await sendRequest(agent, to, "POST", request.path, request.bodies[n % request.bodies.length]),
            );
          case "patch": {
            const target = targets[Math.floor(n / job.concurrency) % Math.max(1, targets.length)];
            if (!target) throw new Error("no PATCH targets for this lane");
            const body = JSON.stringify({ ...request.fields, version: target.version });
            const reply = await sendRequest(agent, to, "PATCH", `/api/v1/leads/${target.id}`, body);
            if (reply.status === 200)
              target.version = (JSON.parse(reply.body) as { version: number }).version;
            return failureOf(reply);
          }
          default: {
            const unreachable: never = request;
            throw new Error(`unknown request ${JSON.stringify(unreachable)}`);
          }
        }
      } catch (error) {
        return `0 ${thrownFailure(error).slice(0, 300)}`;
      }
    };
  };
  const { elapsedMs, sentTotal } = await runLanes(job, lane, (failure, ms, recorded) =>
    tally.add(failure, ms, recorded),
  );
  agent.destroy();
  return {
    latencies: tally.latencies,
    errors: tally.errors,
    firstError: tally.firstError,
    elapsedMs,
    sentTotal,
  };
}

serveJob(run);
