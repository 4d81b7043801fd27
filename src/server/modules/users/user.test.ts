import { sessions } from "@server/db/schema";
import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildTeam, buildUser } from "@test/factories";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let adminClient: Client;
beforeAll(async () => {
  t = await buildTestApp();
  const admin = await buildUser(t.database.db, { role: "admin" });
  adminClient = new Client(t.app);
  await adminClient.login(admin.email, admin.password);
});
afterAll(() => t.close());

async function loggedIn(role: "admin" | "manager" | "sales" | "marketing") {
  const user = await buildUser(t.database.db, { role });
  const client = new Client(t.app);
  await client.login(user.email, user.password);
  return { user, client };
}

describe("POST /api/v1/users", () => {
  it("lets an admin create a sales user who can then log in", async () => {
    const team = await buildTeam(t.database.db);
    const res = await adminClient.post("/api/v1/users", {
      email: "Neu@Example.com",
      name: "Nora Neu",
      password: "a long password",
      role: "sales",
      teamId: team.id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      email: "neu@example.com",
      role: "sales",
      teamId: team.id,
      active: true,
    });
    expect(res.json()).not.toHaveProperty("password");
    const login = await new Client(t.app).login("neu@example.com", "a long password");
    expect(login.json().user.name).toBe("Nora Neu");
  });

  it("answers 409 with the email field for a taken address", async () => {
    const existing = await buildUser(t.database.db);
    const res = await adminClient.post("/api/v1/users", {
      email: existing.email.toUpperCase(),
      name: "Twin",
      password: "a long password",
      role: "sales",
      teamId: null,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([{ path: "email", message: expect.any(String), code: "email_taken" }]);
  });

  it("names every invalid field: unknown role, malformed email, short password", async () => {
    const res = await adminClient.post("/api/v1/users", {
      email: "nope",
      name: "X",
      password: "short",
      role: "king",
      teamId: null,
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["email", "password", "role"]);
  });

  it("answers 422 for a team that does not exist", async () => {
    const res = await adminClient.post("/api/v1/users", {
      email: "ghost-team@example.com",
      name: "Ghost",
      password: "a long password",
      role: "sales",
      teamId: "00000000-0000-4000-8000-000000000000",
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe("teamId");
  });

  it("answers 403 to sales, marketing and managers", async () => {
    for (const role of ["sales", "marketing", "manager"] as const) {
      const { client } = await loggedIn(role);
      const res = await client.post("/api/v1/users", {
        email: `by-${role}@example.com`,
        name: "X",
        password: "a long password",
        role: "admin",
        teamId: null,
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe("GET /api/v1/users", () => {
  it("pages through users with a keyset cursor", async () => {
    for (let i = 0; i < 3; i++) await buildUser(t.database.db);
    const first = (await adminClient.get("/api/v1/users?limit=2")).json();
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await adminClient.get(`/api/v1/users?limit=2&cursor=${first.nextCursor}`)).json();
    const ids = [...first.data, ...second.data].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("lets managers read and refuses sales with 403", async () => {
    expect((await (await loggedIn("manager")).client.get("/api/v1/users")).statusCode).toBe(200);
    expect((await (await loggedIn("sales")).client.get("/api/v1/users")).statusCode).toBe(403);
  });

  it("answers 404 to a sales user asking for another user and the record to oneself", async () => {
    const { user, client } = await loggedIn("sales");
    const other = await buildUser(t.database.db);
    expect((await client.get(`/api/v1/users/${other.id}`)).statusCode).toBe(404);
    expect((await client.get(`/api/v1/users/${user.id}`)).statusCode).toBe(200);
  });

  it("rejects a forged cursor with 400", async () => {
    const res = await adminClient.get("/api/v1/users?cursor=garbage");
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe("cursor");
  });
});

describe("PATCH /api/v1/users/{id}", () => {
  it("changes role and team", async () => {
    const user = await buildUser(t.database.db, { role: "sales" });
    const team = await buildTeam(t.database.db);
    const res = await adminClient.patch(`/api/v1/users/${user.id}`, { role: "marketing", teamId: team.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: "marketing", teamId: team.id, version: 2 });
  });

  it("deactivating ends the user's sessions and blocks login", async () => {
    const { user, client } = await loggedIn("sales");
    const res = await adminClient.patch(`/api/v1/users/${user.id}`, { active: false });
    expect(res.json().active).toBe(false);
    expect((await client.get("/api/v1/me")).statusCode).toBe(401);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: user.email, password: user.password },
    });
    expect(login.statusCode).toBe(401);
  });

  it("answers 409 on a stale version, by field or If-Match", async () => {
    const user = await buildUser(t.database.db);
    expect((await adminClient.patch(`/api/v1/users/${user.id}`, { name: "First" })).statusCode).toBe(200);
    expect(
      (await adminClient.patch(`/api/v1/users/${user.id}`, { name: "Stale", version: 1 })).statusCode,
    ).toBe(409);
    const viaHeader = await adminClient.patch(
      `/api/v1/users/${user.id}`,
      { name: "Stale" },
      { "if-match": '"1"' },
    );
    expect(viaHeader.statusCode).toBe(409);
    expect(
      (await adminClient.patch(`/api/v1/users/${user.id}`, { name: "Fresh" }, { "if-match": '"2"' }))
        .statusCode,
    ).toBe(200);
  });

  it("takes an edit read before the user logged in: a login is not an edit (issue #15)", async () => {
    const user = await buildUser(t.database.db, { role: "sales" });
    const read = (await adminClient.get(`/api/v1/users/${user.id}`)).json();
    await new Client(t.app).login(user.email, user.password);
    const afterLogin = (await adminClient.get(`/api/v1/users/${user.id}`)).json();
    expect(afterLogin.lastLoginAt).toEqual(expect.any(String));
    expect(afterLogin.version).toBe(read.version);
    expect(afterLogin.updatedAt).toBe(read.updatedAt);
    const res = await adminClient.patch(`/api/v1/users/${user.id}`, {
      role: "marketing",
      version: read.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: "marketing", version: read.version + 1 });
  });

  it("keeps at least one active admin", async () => {
    const isolated = await buildTestApp();
    try {
      const only = await buildUser(isolated.database.db, { role: "admin" });
      const client = new Client(isolated.app);
      await client.login(only.email, only.password);
      const demote = await client.patch(`/api/v1/users/${only.id}`, { role: "sales" });
      expect(demote.statusCode).toBe(422);
      expect(demote.json().errors[0].path).toBe("role");
      expect((await client.patch(`/api/v1/users/${only.id}`, { active: false })).statusCode).toBe(422);
    } finally {
      await isolated.close();
    }
  });
});

describe("GET /api/v1/users/options", () => {
  it("gives sales their own team and themselves, admins everyone active", async () => {
    const team = await buildTeam(t.database.db);
    const seller = await buildUser(t.database.db, { role: "sales", team });
    const colleague = await buildUser(t.database.db, { role: "marketing", team });
    const stranger = await buildUser(t.database.db, { role: "sales" });
    const gone = await buildUser(t.database.db, { role: "sales", team, active: false });
    const client = new Client(t.app);
    await client.login(seller.email, seller.password);
    const seen = (await client.get("/api/v1/users/options")).json().data.map((u: { id: string }) => u.id);
    expect(seen.sort()).toEqual([seller.id, colleague.id].sort());
    const all = (await adminClient.get("/api/v1/users/options?limit=200")).statusCode;
    expect(all).toBe(400);
    const byAdmin = (
      await adminClient.get(`/api/v1/users/options?q=${encodeURIComponent(stranger.name)}`)
    ).json().data;
    expect(byAdmin.map((u: { id: string }) => u.id)).toEqual([stranger.id]);
    expect(JSON.stringify(byAdmin)).not.toContain(gone.id);
  });
});
