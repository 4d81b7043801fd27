import { buildTestApp, type TestApp } from "@test/app";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const database = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";

describe("GET /api/v1/health/ready", () => {
  it("answers 200 when the database answers and every migration is applied", async () => {
    const res = await t.app.inject({ url: "/api/v1/health/ready" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database });
  });

  it("answers 503 with Retry-After while a migration is missing, and liveness stays 200", async () => {
    await t.database.db.execute(
      sql`delete from public.__drizzle_migrations where created_at = (select max(created_at) from public.__drizzle_migrations)`,
    );
    const res = await t.app.inject({ url: "/api/v1/health/ready" });
    expect(res.statusCode).toBe(503);
    expect(res.headers["retry-after"]).toBe("5");
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toEqual({
      type: "https://leadwerk.dev/problems/unavailable",
      title: "Service unavailable",
      status: 503,
      detail: "The database migrations are not done yet",
      code: "migrations_pending",
    });
    expect((await t.app.inject({ url: "/api/v1/health" })).statusCode).toBe(200);
  });
});
