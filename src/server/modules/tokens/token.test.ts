import { apiTokens } from "@server/db/schema";
import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildUser } from "@test/factories";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function loggedIn(role: "admin" | "sales" = "sales") {
  const user = await buildUser(t.database.db, { role });
  const client = new Client(t.app);
  await client.login(user.email, user.password);
  return { user, client };
}

describe("API tokens", () => {
  it("shows the token once, stores only its hash, and lists it without the secret", async () => {
    const { client } = await loggedIn();
    const created = await client.post("/api/v1/tokens", { name: "Zapier" });
    expect(created.statusCode).toBe(201);
    const { token, id, prefix } = created.json();
    expect(token).toMatch(/^lw_/);
    expect(token.startsWith(prefix)).toBe(true);
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row?.tokenHash).not.toContain(token);
    const listed = (await client.get("/api/v1/tokens")).json().data;
    expect(listed).toEqual([expect.objectContaining({ id, name: "Zapier", prefix })]);
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it("authenticates scripts by Bearer token without a CSRF token", async () => {
    const { user, client } = await loggedIn("admin");
    const { token } = (await client.post("/api/v1/tokens", { name: "script" })).json();
    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ url: "/api/v1/me", headers: bearer });
    expect(me.json().user.id).toBe(user.id);
    const write = await t.app.inject({
      method: "POST",
      url: "/api/v1/teams",
      headers: bearer,
      payload: { name: `Scripted ${Date.now()}` },
    });
    expect(write.statusCode).toBe(201);
  });

  it("stops working once revoked, and cannot be revoked by someone else", async () => {
    const { client } = await loggedIn();
    const other = await loggedIn();
    const { id, token } = (await client.post("/api/v1/tokens", { name: "short-lived" })).json();
    expect((await other.client.delete(`/api/v1/tokens/${id}`)).statusCode).toBe(404);
    expect((await client.delete(`/api/v1/tokens/${id}`)).statusCode).toBe(204);
    const res = await t.app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(401);
    expect((await client.get("/api/v1/tokens")).json().data).toEqual([]);
  });

  it("answers 401 to an unknown token", async () => {
    const res = await t.app.inject({ url: "/api/v1/me", headers: { authorization: "Bearer lw_madeup" } });
    expect(res.statusCode).toBe(401);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });
});
