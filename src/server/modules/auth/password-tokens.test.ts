import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildUser } from "@test/factories";
import { signedIn } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function userWithToken() {
  const user = await buildUser(t.database.db);
  const client = new Client(t.app);
  await client.login(user.email, user.password);
  const created = await client.post("/api/v1/tokens", { name: "Sync script" });
  expect(created.statusCode).toBe(201);
  const token: string = created.json().token;
  const viaToken = (app = t.app) =>
    app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
  expect((await viaToken()).statusCode).toBe(200);
  return { user, client, viaToken };
}

describe("POST /api/v1/me/password and the user's API tokens", () => {
  it("keeps the API tokens unless asked to revoke them", async () => {
    const { user, client, viaToken } = await userWithToken();
    const res = await client.post("/api/v1/me/password", {
      currentPassword: user.password,
      newPassword: "a brand new secret",
    });
    expect(res.statusCode).toBe(204);
    expect((await viaToken()).statusCode).toBe(200);
  });

  it("revokes every API token of the user when asked, here and in other processes", async () => {
    const other = await t.sibling();
    const { user, client, viaToken } = await userWithToken();
    expect((await viaToken(other)).statusCode).toBe(200);
    const res = await client.post("/api/v1/me/password", {
      currentPassword: user.password,
      newPassword: "a brand new secret",
      revokeApiTokens: true,
    });
    expect(res.statusCode).toBe(204);
    expect((await viaToken()).statusCode).toBe(401);
    await expect.poll(async () => (await viaToken(other)).statusCode).toBe(401);
    // The session that changed the password stays; the token list is empty.
    expect((await client.get("/api/v1/me")).statusCode).toBe(200);
    expect((await client.get("/api/v1/tokens")).json().data).toEqual([]);
  });

  it("refuses a revokeApiTokens that is not a boolean, naming the field", async () => {
    const { user, client, viaToken } = await userWithToken();
    const res = await client.post("/api/v1/me/password", {
      currentPassword: user.password,
      newPassword: "a brand new secret",
      revokeApiTokens: "yes",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(["revokeApiTokens"]);
    expect((await viaToken()).statusCode).toBe(200);
  });
});

describe("PATCH /api/v1/users/{id} with a new password (admin reset)", () => {
  it("ends the user's sessions and revokes their API tokens", async () => {
    const { client: admin } = await signedIn(t, "admin");
    const { user, client, viaToken } = await userWithToken();
    const res = await admin.patch(`/api/v1/users/${user.id}`, { password: "reset by the admin" });
    expect(res.statusCode).toBe(200);
    expect((await client.get("/api/v1/me")).statusCode).toBe(401);
    expect((await viaToken()).statusCode).toBe(401);
    await new Client(t.app).login(user.email, "reset by the admin");
  });

  it("leaves the tokens alone when the admin changes something else", async () => {
    const { client: admin } = await signedIn(t, "admin");
    const { user, viaToken } = await userWithToken();
    expect((await admin.patch(`/api/v1/users/${user.id}`, { name: "Renamed" })).statusCode).toBe(200);
    expect((await viaToken()).statusCode).toBe(200);
  });
});
