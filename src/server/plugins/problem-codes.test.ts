import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildUser } from "@test/factories";
import { signedIn } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Problem answers carry the code of their `detail` (and its values), so the web UI can word it in
// German; the English `detail` stays as it was for API clients.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const problem = (type: string) => ({ type: `https://leadwerk.dev/problems/${type}` });

describe("409 conflicts", () => {
  it("codes a stale version with the record it names", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = (await client.post("/api/v1/leads", { lastName: "Stale" })).json();
    await client.patch(`/api/v1/leads/${lead.id}`, { city: "Köln", version: lead.version });
    const res = await client.patch(`/api/v1/leads/${lead.id}`, { city: "Bonn", version: lead.version });
    expect(res.statusCode).toBe(409);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toEqual({
      ...problem("stale-version"),
      title: "The record was changed meanwhile",
      status: 409,
      detail: "Someone changed this lead meanwhile; reload and try again",
      code: "record_changed",
      params: { record: "lead" },
    });
  });

  it("codes a second conversion of the same lead", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = (await client.post("/api/v1/leads", { lastName: "Twice", firstName: "Tom" })).json();
    const body = { contact: { create: {} }, company: null, deal: null, appointment: null };
    expect((await client.post(`/api/v1/leads/${lead.id}/convert`, body)).statusCode).toBe(201);
    const again = await client.post(`/api/v1/leads/${lead.id}/convert`, body);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      detail: "This lead is already converted",
      code: "lead_already_converted",
    });
  });
});

describe("422 rule violations", () => {
  it("codes a refused status change with both statuses as values, in the detail and at the field", async () => {
    const { user, client } = await signedIn(t, "sales");
    const lead = (await client.post("/api/v1/leads", { lastName: "Busy", ownerId: user.id })).json();
    await client.patch(`/api/v1/leads/${lead.id}`, { status: "in_process" });
    const res = await client.patch(`/api/v1/leads/${lead.id}`, { status: "new" });
    expect(res.statusCode).toBe(422);
    const coded = { code: "lead_status_transition", params: { from: "in_process", to: "new" } };
    expect(res.json()).toMatchObject({
      ...problem("rule-violation"),
      detail: "A lead cannot go from in_process to new",
      ...coded,
    });
    expect(res.json().errors).toEqual([
      { path: "status", message: "A lead cannot go from in_process to new", ...coded },
    ]);
  });

  it("codes the BANT rule for a sales-qualified lead", async () => {
    const { client } = await signedIn(t, "marketing");
    const lead = (await client.post("/api/v1/leads", { lastName: "Funnel" })).json();
    const res = await client.patch(`/api/v1/leads/${lead.id}`, { lifecycleStage: "sql" });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      detail: "A sales-qualified lead needs all four BANT criteria met",
      code: "sql_needs_bant",
    });
  });

  it("codes a skipped lead of a bulk change with its values", async () => {
    const { user, client } = await signedIn(t, "sales");
    const lead = (await client.post("/api/v1/leads", { lastName: "Bulk", ownerId: user.id })).json();
    await client.patch(`/api/v1/leads/${lead.id}`, { status: "in_process" });
    const res = await client.post("/api/v1/leads/bulk", { action: "status", ids: [lead.id], status: "new" });
    expect(res.statusCode).toBe(200);
    expect(res.json().skipped).toEqual([
      {
        id: lead.id,
        reason: "A lead cannot go from in_process to new",
        code: "lead_status_transition",
        params: { from: "in_process", to: "new" },
      },
    ]);
  });
});

describe("403, 404 and 401", () => {
  it("codes a refusal by role", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.get("/api/v1/users");
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      ...problem("forbidden"),
      detail: "Only admins and managers can see the user list",
      code: "users_list_forbidden",
    });
  });

  it("codes a missing CSRF token", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.request({
      method: "POST",
      url: "/api/v1/leads",
      payload: { lastName: "NoToken" },
      headers: { "x-csrf-token": "" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ ...problem("csrf"), code: "csrf_invalid" });
  });

  it("codes a record that is not there, and a route that is not there with its method and path", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await client.get("/api/v1/leads/00000000-0000-4000-8000-000000000000");
    expect(lead.statusCode).toBe(404);
    expect(lead.json()).toMatchObject({ detail: "Lead not found", code: "lead_not_found" });
    const route = await client.get("/api/v1/no-such-thing?x=1");
    expect(route.json()).toMatchObject({
      status: 404,
      code: "route_not_found",
      params: { method: "GET", path: "/api/v1/no-such-thing" },
    });
  });

  it("codes a wrong password and a request without a session", async () => {
    const user = await buildUser(t.database.db);
    const wrong = await new Client(t.app).post("/api/v1/auth/login", {
      email: user.email,
      password: "not the password",
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({
      ...problem("unauthenticated"),
      detail: "Wrong email or password",
      code: "login_failed",
    });
    const anonymous = await new Client(t.app).get("/api/v1/leads");
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ detail: "Please log in", code: "login_required" });
  });

  it("codes too many login attempts", async () => {
    const attempt = () =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        remoteAddress: "10.20.30.40",
        payload: { email: "nobody@example.com", password: "guess" },
      });
    let res = await attempt();
    for (let i = 0; i < 12 && res.statusCode !== 429; i++) res = await attempt();
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ ...problem("rate-limited"), code: "rate_limited" });
  });
});

describe("requests the server cannot read", () => {
  it("codes broken JSON by its kind, not by Fastify's wording", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.request({
      method: "POST",
      url: "/api/v1/leads",
      headers: { "content-type": "application/json" },
      payload: '{"lastName": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ ...problem("bad-request"), code: "body_invalid_json" });
  });

  it("codes an invalid body and each of its fields", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/leads", { lastName: "x".repeat(300) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      detail: "The body has an invalid field",
      code: "request_invalid_field",
      params: { part: "body" },
      errors: [{ path: "lastName", code: "too_long", params: { count: expect.any(Number) } }],
    });
  });
});

describe("OpenAPI", () => {
  it("documents code and params as extension members of every problem answer", async () => {
    const doc = (await t.app.inject({ url: "/api/openapi.json" })).json();
    // The answers are shared responses (components.responses) of one schema (#22: an SDK-ready document).
    const answer = doc.paths["/api/v1/leads"].post.responses["4XX"].$ref.split("/").pop();
    const schemaRef = doc.components.responses[answer].content["application/problem+json"].schema.$ref;
    const problemSchema = doc.components.schemas[schemaRef.split("/").pop()];
    expect(Object.keys(problemSchema.properties)).toEqual(
      expect.arrayContaining(["type", "title", "status", "detail", "code", "params", "errors"]),
    );
  });
});
