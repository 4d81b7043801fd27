import { sessions, users } from "@server/db/schema";
import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildUser } from "@test/factories";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe("POST /api/v1/auth/login", () => {
  it("opens a session with an httpOnly SameSite cookie and answers the user with a CSRF token", async () => {
    const user = await buildUser(t.database.db, { role: "sales" });
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: user.email.toUpperCase(), password: user.password },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ id: user.id, email: user.email, role: "sales", teamId: user.teamId });
    expect(body.user).not.toHaveProperty("passwordHash");
    expect(body.csrfToken).toEqual(expect.any(String));
    const cookie = res.cookies.find((c) => c.name === "lw_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  });

  it("answers 401 problem+json with one message for a wrong password and an unknown email", async () => {
    const user = await buildUser(t.database.db);
    for (const payload of [
      { email: user.email, password: "wrong password" },
      { email: "nobody@example.com", password: "wrong password" },
    ]) {
      const res = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload });
      expect(res.statusCode).toBe(401);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json()).toMatchObject({ status: 401, detail: "Wrong email or password" });
      expect(res.cookies.find((c) => c.name === "lw_session")).toBeUndefined();
    }
  });

  it("refuses a deactivated user", async () => {
    const user = await buildUser(t.database.db, { active: false });
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: user.email, password: user.password },
    });
    expect(res.statusCode).toBe(401);
  });

  it("names unknown fields and rejects malformed JSON with 400", async () => {
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "a@b.de", password: "x", remember: true },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { path: "remember", message: "Unknown field", code: "unknown_field" },
    ]);

    const malformed = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "content-type": "application/json" },
      payload: '{"email": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers["content-type"]).toContain("application/problem+json");
  });

  it("rate-limits repeated attempts from one client with 429", async () => {
    const isolated = await buildTestApp();
    try {
      const attempt = () =>
        isolated.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          remoteAddress: "10.9.8.7",
          payload: { email: "x@example.com", password: "guess" },
        });
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) codes.push((await attempt()).statusCode);
      expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers["content-type"]).toContain("application/problem+json");
    } finally {
      await isolated.close();
    }
  });
});

describe("GET /api/v1/me", () => {
  it("answers 401 without a session and the user with one", async () => {
    expect((await t.app.inject({ url: "/api/v1/me" })).statusCode).toBe(401);
    const user = await buildUser(t.database.db);
    const client = new Client(t.app);
    await client.login(user.email, user.password);
    const res = await client.get("/api/v1/me");
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(user.id);
  });

  it("answers 401 with a clear message once the session has expired", async () => {
    const user = await buildUser(t.database.db);
    const client = new Client(t.app);
    await client.login(user.email, user.password);
    await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id));
    const res = await client.get("/api/v1/me");
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/expired/);
  });
});

describe("CSRF protection of cookie sessions", () => {
  it("refuses unsafe requests without the token and writes nothing", async () => {
    const admin = await buildUser(t.database.db, { role: "admin" });
    const client = new Client(t.app);
    await client.login(admin.email, admin.password);
    const res = await client.request({
      method: "POST",
      url: "/api/v1/teams",
      payload: { name: "Without token" },
      headers: { "x-csrf-token": "" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toContain("csrf");
    const list = await client.get("/api/v1/teams?limit=200");
    expect(list.json().data.map((team: { name: string }) => team.name)).not.toContain("Without token");
  });

  it("refuses the token of another session", async () => {
    const admin = await buildUser(t.database.db, { role: "admin" });
    const first = new Client(t.app);
    const second = new Client(t.app);
    await first.login(admin.email, admin.password);
    await second.login(admin.email, admin.password);
    const res = await second.request({
      method: "POST",
      url: "/api/v1/teams",
      payload: { name: "Stolen token" },
      headers: { "x-csrf-token": first.csrfToken },
    });
    expect(res.statusCode).toBe(403);
  });

  it("accepts the session's own token", async () => {
    const admin = await buildUser(t.database.db, { role: "admin" });
    const client = new Client(t.app);
    await client.login(admin.email, admin.password);
    expect((await client.post("/api/v1/teams", { name: `With token ${Date.now()}` })).statusCode).toBe(201);
  });
});

describe("POST /api/v1/auth/logout", () => {
  it("ends the session", async () => {
    const user = await buildUser(t.database.db);
    const client = new Client(t.app);
    await client.login(user.email, user.password);
    const cookieBefore = (await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id)))
      .length;
    expect(cookieBefore).toBe(1);
    expect((await client.post("/api/v1/auth/logout")).statusCode).toBe(204);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await client.get("/api/v1/me")).statusCode).toBe(401);
  });
});

describe("POST /api/v1/me/password", () => {
  it("names the wrong current password and keeps the old one", async () => {
    const user = await buildUser(t.database.db);
    const client = new Client(t.app);
    await client.login(user.email, user.password);
    const res = await client.post("/api/v1/me/password", {
      currentPassword: "not it",
      newPassword: "a brand new secret",
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { path: "currentPassword", message: expect.any(String), code: "password_wrong" },
    ]);
    await new Client(t.app).login(user.email, user.password);
  });

  it("refuses a short new password with the field named", async () => {
    const user = await buildUser(t.database.db);
    const client = new Client(t.app);
    await client.login(user.email, user.password);
    const res = await client.post("/api/v1/me/password", {
      currentPassword: user.password,
      newPassword: "short",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe("newPassword");
  });

  it("changes the password, keeps this session and ends the others", async () => {
    const user = await buildUser(t.database.db);
    const here = new Client(t.app);
    const elsewhere = new Client(t.app);
    await here.login(user.email, user.password);
    await elsewhere.login(user.email, user.password);
    const res = await here.post("/api/v1/me/password", {
      currentPassword: user.password,
      newPassword: "a brand new secret",
    });
    expect(res.statusCode).toBe(204);
    expect((await here.get("/api/v1/me")).statusCode).toBe(200);
    expect((await elsewhere.get("/api/v1/me")).statusCode).toBe(401);
    const old = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: user.email, password: user.password },
    });
    expect(old.statusCode).toBe(401);
    await new Client(t.app).login(user.email, "a brand new secret");
  });

  it("stores passwords as argon2id hashes", async () => {
    const user = await buildUser(t.database.db);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe("PATCH /api/v1/me", () => {
  it("changes the own language", async () => {
    const user = await buildUser(t.database.db);
    const client = new Client(t.app);
    await client.login(user.email, user.password);
    const res = await client.patch("/api/v1/me", { locale: "de" });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.locale).toBe("de");
    expect((await client.patch("/api/v1/me", { locale: "fr" })).json().errors[0].path).toBe("locale");
  });
});

describe("several app processes on one database", () => {
  it("share sessions and CSRF keys, so any process can serve any request", async () => {
    const other = await t.sibling();
    const user = await buildUser(t.database.db, { role: "admin" });
    const client = new Client(t.app);
    await client.login(user.email, user.password);
    const cookieHeader = client.cookieHeader();
    const me = await other.inject({ url: "/api/v1/me", headers: { cookie: cookieHeader } });
    expect(me.statusCode).toBe(200);
    const write = await other.inject({
      method: "POST",
      url: "/api/v1/teams",
      headers: { cookie: cookieHeader, "x-csrf-token": client.csrfToken },
      payload: { name: `Across processes ${Date.now()}` },
    });
    expect(write.statusCode).toBe(201);
  });
});

describe("ending a login on several app processes", () => {
  /** Each process keeps resolved logins for a few seconds; the live bus makes the others forget them. */
  const refusedSoon = async (check: () => Promise<number>) => {
    const deadline = Date.now() + 5_000;
    let status = await check();
    while (status !== 401 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await check();
    }
    return status;
  };

  it("a revoked API token is refused at once here and within moments everywhere", async () => {
    const other = await t.sibling();
    const user = await buildUser(t.database.db);
    const client = new Client(t.app);
    await client.login(user.email, user.password);
    const { id, token } = (await client.post("/api/v1/tokens", { name: "script" })).json();
    const call = (app: typeof other) => () =>
      app
        .inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } })
        .then((r) => r.statusCode);
    expect(await call(t.app)()).toBe(200);
    expect(await call(other)()).toBe(200);
    expect((await client.delete(`/api/v1/tokens/${id}`)).statusCode).toBe(204);
    expect(await call(t.app)()).toBe(401);
    expect(await refusedSoon(call(other))).toBe(401);
  });

  it("a logout, a password change and a deactivation end the sessions on every process", async () => {
    const other = await t.sibling();
    const admin = new Client(t.app);
    const adminUser = await buildUser(t.database.db, { role: "admin" });
    await admin.login(adminUser.email, adminUser.password);
    const user = await buildUser(t.database.db);
    const [leaving, changer, bystander] = await Promise.all(
      [0, 1, 2].map(async () => {
        const client = new Client(t.app);
        await client.login(user.email, user.password);
        return { client, cookie: client.cookieHeader() };
      }),
    );
    if (!leaving || !changer || !bystander) throw new Error("three sessions expected");
    const me = (app: typeof other, cookie: string) => () =>
      app.inject({ url: "/api/v1/me", headers: { cookie } }).then((r) => r.statusCode);
    // Each process has resolved (and keeps) all three sessions.
    for (const { cookie } of [leaving, changer, bystander]) {
      expect(await me(t.app, cookie)()).toBe(200);
      expect(await me(other, cookie)()).toBe(200);
    }

    expect((await leaving.client.post("/api/v1/auth/logout")).statusCode).toBe(204);
    expect(await me(t.app, leaving.cookie)()).toBe(401);
    expect(await refusedSoon(me(other, leaving.cookie))).toBe(401);

    const changed = await changer.client.post("/api/v1/me/password", {
      currentPassword: user.password,
      newPassword: "another secret!",
    });
    expect(changed.statusCode).toBe(204);
    expect(await refusedSoon(me(t.app, bystander.cookie))).toBe(401);
    expect(await refusedSoon(me(other, bystander.cookie))).toBe(401);
    expect(await me(other, changer.cookie)()).toBe(200);

    expect((await admin.patch(`/api/v1/users/${user.id}`, { active: false })).statusCode).toBe(200);
    expect(await refusedSoon(me(t.app, changer.cookie))).toBe(401);
    expect(await refusedSoon(me(other, changer.cookie))).toBe(401);
  });
});
