import { createHash, timingSafeEqual } from "node:crypto";
import { backgroundJobs } from "@server/db/schema";
import { message } from "@shared/message-codes";
import { count, inArray, min } from "drizzle-orm";
import type { FastifyInstance, FastifyReply } from "fastify";
import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { sendProblem } from "./error-handler";

/**
 * `GET /metrics` in the Prometheus text format (prom-client), for a scraper holding
 * `LEADWERK_METRICS_TOKEN` as its Bearer token; without the setting, or without the right token,
 * the route answers 404 like any unknown address. One registry per app instance, so several apps
 * in one process (the tests) do not share counters.
 *
 * - `http_request_duration_seconds{method, route, status_code}`: `route` is the route's pattern
 *   (`/api/v1/leads/:id`), never the URL with ids; unknown addresses count as `unmatched`.
 * - `leadwerk_db_pool_connections{state}`: total, idle and waiting clients of the PostgreSQL pool.
 * - `leadwerk_jobs_queued`, `leadwerk_jobs_running`, `leadwerk_jobs_oldest_queued_age_seconds`:
 *   the job table, read when scraped (one indexed query).
 * - `leadwerk_live_streams`: open event streams of this process.
 * - Node's defaults with prefix `leadwerk_`, among them `leadwerk_nodejs_eventloop_lag_seconds`
 *   and its percentiles.
 */
export async function registerMetrics(app: FastifyInstance, token: string | null): Promise<void> {
  const unknown = (reply: FastifyReply) =>
    sendProblem(reply, "not_found", message("route_not_found", { method: "GET", path: "/metrics" }));
  const route = { config: { public: true, ownBearer: true }, schema: { hide: true } };
  if (!token) {
    // Registered all the same, so a scraper's Bearer header meets a 404 here, not the API-token check.
    app.get("/metrics", route, async (_request, reply) => unknown(reply));
    return;
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "leadwerk_", eventLoopMonitoringPrecision: 20 });

  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time to answer a request, by route pattern and status",
    labelNames: ["method", "route", "status_code"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    if (route === "/metrics") return;
    duration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const { database } = app;
  const pool = database.pool;
  if (pool) {
    new Gauge({
      name: "leadwerk_db_pool_connections",
      help: "PostgreSQL pool clients of this process: total, idle, and requests waiting for one",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        this.set({ state: "total" }, pool.totalCount);
        this.set({ state: "idle" }, pool.idleCount);
        this.set({ state: "waiting" }, pool.waitingCount);
      },
    });
  }

  // The three job gauges share one query per scrape.
  let jobs: Promise<{ queued: number; running: number; oldest: number }> | null = null;
  const readJobs = () => {
    jobs ??= (async () => {
      const rows = await database.db
        .select({ state: backgroundJobs.state, n: count(), since: min(backgroundJobs.runAfter) })
        .from(backgroundJobs)
        .where(inArray(backgroundJobs.state, ["queued", "running"]))
        .groupBy(backgroundJobs.state);
      const queued = rows.find((r) => r.state === "queued");
      const running = rows.find((r) => r.state === "running");
      const oldestDue = queued?.since ? Math.max(0, (Date.now() - queued.since.getTime()) / 1000) : 0;
      return { queued: Number(queued?.n ?? 0), running: Number(running?.n ?? 0), oldest: oldestDue };
    })().finally(() => setImmediate(() => (jobs = null)));
    return jobs;
  };
  new Gauge({
    name: "leadwerk_jobs_queued",
    help: "Background jobs waiting to run (all processes)",
    registers: [registry],
    async collect() {
      this.set((await readJobs()).queued);
    },
  });
  new Gauge({
    name: "leadwerk_jobs_running",
    help: "Background jobs running now (all processes)",
    registers: [registry],
    async collect() {
      this.set((await readJobs()).running);
    },
  });
  new Gauge({
    name: "leadwerk_jobs_oldest_queued_age_seconds",
    help: "How long the longest-waiting queued job has been due (0 when none is)",
    registers: [registry],
    async collect() {
      this.set((await readJobs()).oldest);
    },
  });
  new Gauge({
    name: "leadwerk_live_streams",
    help: "Open live event streams (/api/v1/events) of this process",
    registers: [registry],
    collect() {
      this.set(app.liveStreams.size);
    },
  });

  // Compared as hashes, so the comparison takes the same time whatever the token's length.
  const expected = createHash("sha256").update(`Bearer ${token}`).digest();
  app.get("/metrics", route, async (request, reply) => {
    const given = createHash("sha256")
      .update(request.headers.authorization ?? "")
      .digest();
    // A wrong token gets the answer of an unknown address: nothing tells that metrics exist.
    if (!timingSafeEqual(given, expected)) return unknown(reply);
    return reply.header("content-type", registry.contentType).send(await registry.metrics());
  });
}
