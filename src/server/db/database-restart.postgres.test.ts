import { buildApp } from "@server/app";
import { leads } from "@server/db/schema";
import { RETRY_AFTER_S } from "@server/plugins/error-handler";
import { testConfig } from "@test/app";
import { buildUser } from "@test/factories";
import { createDatabase, type PostgresServer, startPostgres } from "@test/postgres-server";
import { listenOnce, openEventStream } from "@test/sse-client";
import { inArray } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The fault drill of issue #21: PostgreSQL restarts (fast shutdown, as `pg_ctl restart` does) while
 * the app takes a steady stream of writes. Its own server, since the run's shared one must not go
 * down under the other test files; the app listens on a real port, as in production. The crash this
 * drill found (an 'error' event of a pool client with no listener) surfaces as Vitest's "Uncaught
 * Exception", which fails the run.
 */
let server: PostgresServer;
let app: FastifyInstance;
let base: string;
let session: { cookie: string; csrfToken: string };

beforeAll(async () => {
  server = await startPostgres(() => undefined);
  const url = await createDatabase(server.url, "leadwerk_restart");
  app = await buildApp(testConfig({ database: { kind: "postgres", url, poolSize: 4 } }), { logger: false });
  base = await listenOnce(app);
  const manager = await buildUser(app.database.db, { role: "manager" });
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: manager.email, password: manager.password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  session = { cookie, csrfToken: ((await login.json()) as { csrfToken: string }).csrfToken };
}, 90_000);

afterAll(async () => {
  await app?.close();
  await server?.stop();
});

const post = (path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie: session.cookie,
      "x-csrf-token": session.csrfToken,
    },
    body: JSON.stringify(body),
  });

/** Polls `condition` every 50 ms; fails naming `what` when it does not hold within `timeoutMs`. */
async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Writers creating leads without pause, recording which writes were acknowledged and what else came back. */
function startWriters(count: number) {
  const acknowledged: string[] = [];
  const unavailable: { status: number; retryAfter: string | null; type: string | null; body: unknown }[] = [];
  const unexpected: string[] = [];
  let running = true;
  const writer = async (n: number) => {
    for (let i = 0; running; i++) {
      try {
        const res = await post("/api/v1/leads", { lastName: `Restart ${n}-${i}` });
        const body: unknown = await res.json();
        if (res.status === 201) acknowledged.push((body as { id: string }).id);
        else if (res.status === 503) {
          const type = res.headers.get("content-type");
          unavailable.push({ status: res.status, retryAfter: res.headers.get("retry-after"), type, body });
          // A client honouring Retry-After would wait seconds; a short pause keeps the drill quick.
          await new Promise((resolve) => setTimeout(resolve, 50));
        } else unexpected.push(`${res.status} ${JSON.stringify(body)}`);
      } catch (error) {
        unexpected.push(`no answer: ${String(error)}`);
      }
    }
  };
  const done = Promise.all(Array.from({ length: count }, (_, n) => writer(n)));
  return {
    acknowledged,
    unavailable,
    unexpected,
    async stop() {
      running = false;
      await done;
    },
  };
}

describe("a PostgreSQL restart under load", () => {
  it("answers 503 with Retry-After while the database is down, recovers by itself and loses no acknowledged write", async () => {
    const stream = await openEventStream(base, { cookie: session.cookie });
    expect(stream.status).toBe(200);
    const writers = startWriters(4);
    try {
      await until(() => writers.acknowledged.length >= 20, "writes are acknowledged");

      await server.halt();
      await until(() => writers.unavailable.length >= 8, "writes are answered 503");
      const ready = await fetch(`${base}/api/v1/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get("retry-after")).toBe(String(RETRY_AFTER_S));
      expect(ready.headers.get("content-type")).toContain("application/problem+json");
      // Liveness does not depend on the database: restarting the process would not help.
      expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);

      await server.resume();
      await until(
        async () => (await fetch(`${base}/api/v1/health/ready`)).status === 200,
        "the app is ready",
      );
      const backAt = writers.acknowledged.length;
      await until(() => writers.acknowledged.length >= backAt + 20, "writes are acknowledged again");
    } finally {
      await writers.stop();
    }

    expect(writers.unexpected).toEqual([]);
    for (const answer of writers.unavailable) {
      expect(answer).toEqual({
        status: 503,
        retryAfter: String(RETRY_AFTER_S),
        type: expect.stringContaining("application/problem+json"),
        // Nothing internal: no driver message, no SQL.
        body: {
          type: "https://leadwerk.dev/problems/unavailable",
          title: "Service unavailable",
          status: 503,
          detail: "The database is unavailable; please try again in a moment",
          code: "database_unavailable",
        },
      });
    }
    const stored = await app.database.db
      .select({ id: leads.id })
      .from(leads)
      .where(inArray(leads.id, writers.acknowledged));
    expect(stored.map((row) => row.id).sort()).toEqual([...writers.acknowledged].sort());

    // The stream opened before the restart stayed open, and live events reach it again once the
    // listener is back (it retries within seconds, so ask again until then).
    const lead = (await (await post("/api/v1/leads", { lastName: "Live again" })).json()) as { id: string };
    await until(async () => {
      const task = await post("/api/v1/activities", { type: "task", subject: "Call back", leadId: lead.id });
      expect(task.status).toBe(201);
      const { id } = (await task.json()) as { id: string };
      return stream
        .next((e) => (e as { id?: string }).id === id, 1_000)
        .then(
          () => true,
          () => false,
        );
    }, "a live event arrives");
    stream.close();

    // The job runner kept going: a job queued now runs to its end.
    await app.jobs.enqueue("lead-rescore");
    await app.jobs.runDue();
    const jobs = await app.database.db.query.backgroundJobs.findMany({
      where: (job, { eq }) => eq(job.name, "lead-rescore"),
    });
    expect(jobs.map((job) => job.state)).toContain("done");
  }, 90_000);
});
