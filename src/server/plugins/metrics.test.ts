import { buildTestApp, type TestApp } from "@test/app";
import { signedIn } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const TOKEN = "metrics-token-0123456789abcdef";
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ metricsToken: TOKEN });
});
afterAll(() => t.close());

const scrape = (authorization?: string) =>
  t.app.inject({ method: "GET", url: "/metrics", headers: authorization ? { authorization } : {} });

describe("GET /metrics", () => {
  it("serves Prometheus text to the Bearer token only: request durations by route pattern, jobs, streams, pool, event loop", async () => {
    const { client } = await signedIn(t, "admin");
    const missing = "6f1c2a9e-0000-4000-8000-000000000000";
    expect((await client.get(`/api/v1/leads/${missing}`)).statusCode).toBe(404);
    expect((await client.get("/api/v1/health")).statusCode).toBe(200);
    expect((await client.get("/api/v1/no-such-thing/123")).statusCode).toBe(404);

    for (const authorization of [undefined, "Bearer wrong", `Bearer ${TOKEN}x`, TOKEN]) {
      expect((await scrape(authorization)).statusCode, String(authorization)).toBe(404);
    }
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    const text = res.body;
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/leads\/:id",status_code="404"\} 1/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/api\/v1\/health"/,
    );
    expect(text).toContain('route="unmatched",status_code="404"');
    // Never a URL with an id in it.
    expect(text).not.toContain(missing);
    expect(text).not.toContain("no-such-thing");
    expect(text).toMatch(/^leadwerk_jobs_queued \d+$/m);
    expect(text).toMatch(/^leadwerk_jobs_running \d+$/m);
    expect(text).toMatch(/^leadwerk_jobs_oldest_queued_age_seconds [\d.e+-]+$/m);
    expect(text).toMatch(/^leadwerk_live_streams 0$/m);
    expect(text).toMatch(/^leadwerk_nodejs_eventloop_lag_seconds [\d.e+-]+$/m);
    if (t.database.kind === "postgres") {
      expect(text).toMatch(/^leadwerk_db_pool_connections\{state="total"\} \d+$/m);
      expect(text).toMatch(/^leadwerk_db_pool_connections\{state="waiting"\} 0$/m);
    }
  });

  it("does not exist without LEADWERK_METRICS_TOKEN", async () => {
    const plain = await buildTestApp();
    try {
      const res = await plain.app.inject({
        method: "GET",
        url: "/metrics",
        headers: { authorization: "Bearer " },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
