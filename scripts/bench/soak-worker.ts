/**
 * The soak's load client, a process of its own (soak.ts forks it) like load-worker.ts: `concurrency`
 * lanes send the mix of soak-mix.ts over keep-alive connections until the time is up, each lane as
 * one member of the team (lane i is actor i mod n) and each picking the next operation at random by
 * the mix's weights. Every request's latency is kept per operation.
 */
import http from "node:http";
import type { SoakActor, SoakOperation } from "./soak-mix";

export interface SoakJob {
  port: number;
  actors: SoakActor[];
  concurrency: number;
  durationMs: number;
  /** Requests are sent but not recorded for this long first (JIT, caches, connection setup). */
  warmupMs: number;
  operations: SoakOperation[];
}

export interface SoakOperationResult {
  name: string;
  /** Milliseconds per request after the warm-up. */
  latencies: number[];
  /** Answers other than 2xx and failed requests, warm-up included. */
  errors: number;
  /** Status code and body start of the first failure, for the report. */
  firstError: string | null;
}

export interface SoakResult {
  operations: SoakOperationResult[];
  elapsedMs: number;
}

const REQUEST_TIMEOUT_MS = 30_000;

interface Reply {
  status: number;
  body: string;
}

function send(agent: http.Agent, port: number, token: string, method: string, path: string, body?: string) {
  return new Promise<Reply>((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(body));
    }
    const req = http.request(
      { host: "127.0.0.1", port, method, path, agent, headers, timeout: REQUEST_TIMEOUT_MS },
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

/** mulberry32: a small seeded generator, so a run's sequence of operations can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The lane's own share of a list of targets (every concurrency-th, from its own index). */
const share = <T>(items: readonly T[], lane: number, lanes: number) =>
  items.filter((_, i) => i % lanes === lane);

async function run(job: SoakJob): Promise<SoakResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const results: SoakOperationResult[] = job.operations.map((o) => ({
    name: o.name,
    latencies: [],
    errors: 0,
    firstError: null,
  }));
  const totalWeight = job.operations.reduce((sum, o) => sum + o.weight, 0);
  const started = performance.now();
  const recordFrom = started + job.warmupMs;
  const stopAt = recordFrom + job.durationMs;

  const loop = async (lane: number) => {
    const actor = job.actors[lane % job.actors.length];
    if (!actor) throw new Error("no actors");
    const next = random(lane + 1);
    // Per operation: the lane's count of its requests and its share of the targets.
    const counts = job.operations.map(() => 0);
    const patchTargets = job.operations.map((o) =>
      o.request.kind === "patch" ? share(o.request.targets, lane, job.concurrency) : [],
    );
    const deals = job.operations.map((o) =>
      o.request.kind === "move" ? share(o.request.deals, lane, job.concurrency) : [],
    );
    const converts = job.operations.map((o) =>
      o.request.kind === "convert" ? share(o.request.leadIds, lane, job.concurrency) : [],
    );
    for (;;) {
      const begin = performance.now();
      if (begin >= stopAt) return;
      let pick = next() * totalWeight;
      let index = 0;
      for (; index < job.operations.length - 1; index++) {
        pick -= job.operations[index]?.weight ?? 0;
        if (pick < 0) break;
      }
      const operation = job.operations[index];
      const result = results[index];
      if (!operation || !result) throw new Error("no operation");
      const n = counts[index] ?? 0;
      counts[index] = n + 1;
      const call = (method: string, path: string, body?: string) =>
        send(agent, job.port, actor.token, method, path, body);
      const { request } = operation;
      let reply: Reply;
      try {
        switch (request.kind) {
          case "get":
            reply = await call(
              "GET",
              request.paths[(n * job.concurrency + lane) % request.paths.length] ?? "/",
            );
            break;
          case "post":
            reply = await call(
              "POST",
              request.path,
              request.bodies[(n * job.concurrency + lane) % request.bodies.length],
            );
            break;
          case "patch": {
            const mine = patchTargets[index] ?? [];
            const target = mine[n % Math.max(1, mine.length)];
            if (!target) throw new Error("no leads left to edit for this lane");
            const body = JSON.stringify({ ...request.body, version: target.version });
            reply = await call("PATCH", `/api/v1/leads/${target.id}`, body);
            if (reply.status === 200)
              target.version = (JSON.parse(reply.body) as { version: number }).version;
            break;
          }
          case "move": {
            const mine = deals[index] ?? [];
            const deal = mine[n % Math.max(1, mine.length)];
            if (!deal) throw new Error("no deals to move for this lane");
            // The next stage each time round (a deal's stages cycle), always a real move.
            const round = Math.floor(n / Math.max(1, mine.length)) + 1;
            const stageId = deal.stageIds[round % deal.stageIds.length];
            reply = await call("POST", `/api/v1/deals/${deal.id}/move`, JSON.stringify({ stageId }));
            break;
          }
          case "convert": {
            const leadId = converts[index]?.[n];
            if (!leadId) throw new Error("no leads left to convert for this lane: the run outlasted them");
            reply = await call("POST", `/api/v1/leads/${leadId}/convert`, request.body);
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
      // An error counts from the first request on; latencies only after the warm-up.
      if (reply.status < 200 || reply.status >= 300) {
        result.errors++;
        result.firstError ??= `${reply.status} ${reply.body.slice(0, 300)}`;
      }
      if (begin >= recordFrom) result.latencies.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, (_, lane) => loop(lane)));
  agent.destroy();
  return { operations: results, elapsedMs: Math.min(performance.now(), stopAt) - recordFrom };
}

if (process.send) {
  process.once("message", (job: SoakJob) => {
    run(job).then(
      (result) => process.send?.(result),
      (error: unknown) => process.send?.({ fatal: error instanceof Error ? error.message : String(error) }),
    );
  });
}
