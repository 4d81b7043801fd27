/**
 * The soak's load client, a process of its own (soak.ts forks it) like load-worker.ts: `concurrency`
 * lanes send the mix of soak-mix.ts over keep-alive connections until the time is up, each lane as
 * one member of the team (lane i is actor i mod n) and each picking the next operation at random by
 * the mix's weights. Every request's latency is kept per operation.
 */
import http from "node:http";
import { failureOf, runLanes, sendRequest, serveJob, Tally, thrownFailure } from "./request-loop";
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
  // An error counts from the first request on; latencies only after the warm-up.
  const tallies = job.operations.map(() => new Tally(true));
  const totalWeight = job.operations.reduce((sum, o) => sum + o.weight, 0);

  const lane = (index: number) => {
    const actor = job.actors[index % job.actors.length];
    if (!actor) throw new Error("no actors");
    const to = { port: job.port, token: actor.token };
    const next = random(index + 1);
    // Per operation: the lane's count of its requests and its share of the targets.
    const counts = job.operations.map(() => 0);
    const patchTargets = job.operations.map((o) =>
      o.request.kind === "patch" ? share(o.request.targets, index, job.concurrency) : [],
    );
    const deals = job.operations.map((o) =>
      o.request.kind === "move" ? share(o.request.deals, index, job.concurrency) : [],
    );
    const converts = job.operations.map((o) =>
      o.request.kind === "convert" ? share(o.request.leadIds, index, job.concurrency) : [],
    );
    const pickAndSend = async () => {
      let pick = next() * totalWeight;
      let at = 0;
      for (; at < job.operations.length - 1; at++) {
        pick -= job.operations[at]?.weight ?? 0;
        if (pick < 0) break;
      }
      const operation = job.operations[at];
      if (!operation) throw new Error("no operation");
      const n = counts[at] ?? 0;
      counts[at] = n + 1;
      return { at, failure: await send(operation.request, at, n) };
    };
    const call = async (method: string, path: string, body?: string) =>
      sendRequest(agent, to, method, path, body);
    /** The operation's n-th request of this lane: its failure or null. */
    async function send(request: SoakOperation["request"], at: number, n: number): Promise<string | null> {
      try {
        switch (request.kind) {
          case "get":
            return failureOf(
              await call("GET", request.paths[(n * job.concurrency + index) % request.paths.length] ?? "/"),
            );
          case "post":
            return failureOf(
              await call(
                "POST",
                request.path,
                request.bodies[(n * job.concurrency + index) % request.bodies.length],
              ),
            );
          case "patch": {
            const mine = patchTargets[at] ?? [];
            const target = mine[n % Math.max(1, mine.length)];
            if (!target) throw new Error("no leads left to edit for this lane");
            const body = JSON.stringify({ ...request.body, version: target.version });
            const reply = await call("PATCH", `/api/v1/leads/${target.id}`, body);
            if (reply.status === 200)
              target.version = (JSON.parse(reply.body) as { version: number }).version;
            return failureOf(reply);
          }
          case "move": {
            const mine = deals[at] ?? [];
            const deal = mine[n % Math.max(1, mine.length)];
            if (!deal) throw new Error("no deals to move for this lane");
            // The next stage each time round (a deal's stages cycle), always a real move.
            const round = Math.floor(n / Math.max(1, mine.length)) + 1;
            const stageId = deal.stageIds[round % deal.stageIds.length];
            return failureOf(
              await call("POST", `/api/v1/deals/${deal.id}/move`, JSON.stringify({ stageId })),
            );
          }
          case "convert": {
            const leadId = converts[at]?.[n];
            if (!leadId) throw new Error("no leads left to convert for this lane: the run outlasted them");
            return failureOf(await call("POST", `/api/v1/leads/${leadId}/convert`, request.body));
          }
          default: {
            const unreachable: never = request;
            throw new Error(`unknown request ${JSON.stringify(unreachable)}`);
          }
        }
      } catch (error) {
        return `0 ${thrownFailure(error).slice(0, 300)}`;
      }
    }
    return pickAndSend;
  };
  const { elapsedMs } = await runLanes(job, lane, ({ at, failure }, ms, recorded) =>
    tallies[at]?.add(failure, ms, recorded),
  );
  agent.destroy();
  return {
    operations: job.operations.map((o, i) => ({
      name: o.name,
      latencies: tallies[i]?.latencies ?? [],
      errors: tallies[i]?.errors ?? 0,
      firstError: tallies[i]?.firstError ?? null,
    })),
    elapsedMs,
  };
}

serveJob(run);
