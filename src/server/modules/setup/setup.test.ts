import { buildTestApp, Client } from "@test/app";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

// Each test needs an empty database of its own; the first one built pays for the migrated
// PGlite snapshot, so build one up front under the (longer) hook timeout.
beforeAll(async () => {
  await (await buildTestApp()).close();
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});
async function freshApp(overrides: Parameters<typeof buildTestApp>[0] = {}) {
  const t = await buildTestApp(overrides);
  cleanups.push(() => t.close());
  return t;
}

const admin = { email: "Chefin@Example.com", name: "Chefin", password: "first admin pass", locale: "de" };

describe("first admin setup", () => {
  it("asks for setup on an empty database, creates the admin with a first team and logs them in", async () => {
    const { app } = await freshApp();
    const client = new Client(app);
    expect((await client.get("/api/v1/setup")).json()).toEqual({ needsSetup: true });
    const res = await client.post("/api/v1/setup", admin);
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ email: "chefin@example.com", role: "admin", locale: "de" });
    expect((await client.get("/api/v1/me")).statusCode).toBe(200);
    const teams = (await client.get("/api/v1/teams")).json().data;
    expect(teams).toEqual([expect.objectContaining({ name: "Vertrieb", memberCount: 1 })]);
    expect((await client.get("/api/v1/setup")).json()).toEqual({ needsSetup: false });
  });

  it("answers 409 once an admin exists", async () => {
    const { app } = await freshApp();
    expect((await new Client(app).post("/api/v1/setup", admin)).statusCode).toBe(201);
    const again = await new Client(app).post("/api/v1/setup", { ...admin, email: "other@example.com" });
    expect(again.statusCode).toBe(409);
  });

  it("lets exactly one of two simultaneous setups win", async () => {
    const { app } = await freshApp();
    const results = await Promise.all([
      new Client(app).post("/api/v1/setup", admin),
      new Client(app).post("/api/v1/setup", { ...admin, email: "second@example.com" }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it("validates the form with the fields named and creates nothing", async () => {
    const { app } = await freshApp();
    const res = await new Client(app).post("/api/v1/setup", {
      email: "not-an-email",
      name: "",
      password: "short",
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["email", "name", "password"]);
    expect((await new Client(app).get("/api/v1/setup")).json()).toEqual({ needsSetup: true });
  });

  it("creates the first admin from LEADWERK_ADMIN_EMAIL/PASSWORD", async () => {
    const { app } = await freshApp({
      firstAdmin: { email: "env@example.com", password: "from the environment" },
    });
    const client = new Client(app);
    expect((await client.get("/api/v1/setup")).json()).toEqual({ needsSetup: false });
    const res = await client.login("env@example.com", "from the environment");
    expect(res.json().user.role).toBe("admin");
  });
});
