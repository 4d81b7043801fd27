import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildUser } from "@test/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  // Registered before the first request: an endpoint that fails the way a bug would.
  t.app.get("/api/v1/test-failure", { config: { public: true } }, async () => {
    throw new Error("connection string postgres://secret@db leaked");
  });
  const user = await buildUser(t.database.db, { role: "admin" });
  admin = new Client(t.app);
  await admin.login(user.email, user.password);
});
afterAll(() => t.close());

describe("GET /api/v1/health", () => {
  it("answers ok with the database kind", async () => {
    const res = await t.app.inject({ url: "/api/v1/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: "ok",
      database: process.env.TEST_DB === "postgres" ? "postgres" : "pglite",
    });
  });
});

describe("errors are problem+json everywhere", () => {
  it("answers an unknown API route with 404", async () => {
    const res = await t.app.inject({ url: "/api/v1/no-such-thing" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status: 404, title: "Not found" });
  });

  it("answers an unexpected failure with 500 and no internals", async () => {
    const res = await t.app.inject({ url: "/api/v1/test-failure" });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain("postgres://");
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    expect(res.json().detail).toContain(res.headers["x-request-id"]);
  });

  it("answers an oversized body with 413 and writes nothing", async () => {
    const res = await admin.post("/api/v1/teams", { name: "x".repeat(2 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("answers a non-JSON body with 415", async () => {
    const res = await admin.request({
      method: "POST",
      url: "/api/v1/teams",
      headers: { "content-type": "text/plain" },
      payload: "name=x",
    });
    expect(res.statusCode).toBe(415);
  });

  it("answers a wrong type with 400 naming the field", async () => {
    const res = await admin.post("/api/v1/teams", { name: 42 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: "name", message: expect.any(String), code: "type_invalid" }]);
  });
});

describe("OpenAPI", () => {
  it("serves an OpenAPI 3.1 document generated from the route schemas", async () => {
    const res = await t.app.inject({ url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/auth/login", "/api/v1/users", "/api/v1/health"]),
    );
    expect(
      doc.paths["/api/v1/users"].post.requestBody.content["application/json"].schema.properties,
    ).toHaveProperty("role");
  });

  it("serves the browsable docs", async () => {
    const res = await t.app.inject({ url: "/api/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("swagger");
  });
});
