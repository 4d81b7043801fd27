import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildTeam, buildUser } from "@test/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  const user = await buildUser(t.database.db, { role: "admin" });
  admin = new Client(t.app);
  await admin.login(user.email, user.password);
});
afterAll(() => t.close());

describe("teams", () => {
  it("creates a team and counts its active members", async () => {
    const created = await admin.post("/api/v1/teams", { name: "Vertrieb Nord" });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect(team).toMatchObject({ name: "Vertrieb Nord", memberCount: 0, version: 1 });
    await buildUser(t.database.db, { team: { ...team, createdAt: new Date(), updatedAt: new Date() } });
    await buildUser(t.database.db, {
      team: { ...team, createdAt: new Date(), updatedAt: new Date() },
      active: false,
    });
    const listed = (await admin.get("/api/v1/teams?limit=200"))
      .json()
      .data.find((x: { id: string }) => x.id === team.id);
    expect(listed.memberCount).toBe(1);
  });

  it("refuses a duplicate name regardless of case with 409 on the name field", async () => {
    await buildTeam(t.database.db, { name: "Key Accounts" });
    const res = await admin.post("/api/v1/teams", { name: "key accounts" });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].path).toBe("name");
  });

  it("renames with optimistic concurrency", async () => {
    const team = await buildTeam(t.database.db);
    const ok = await admin.patch(`/api/v1/teams/${team.id}`, { name: `${team.name} Süd`, version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
    expect((await admin.patch(`/api/v1/teams/${team.id}`, { name: "Late", version: 1 })).statusCode).toBe(
      409,
    );
  });

  it("refuses an empty or oversized name with 400", async () => {
    expect((await admin.post("/api/v1/teams", { name: "   " })).json().errors[0].path).toBe("name");
    expect((await admin.post("/api/v1/teams", { name: "x".repeat(121) })).statusCode).toBe(400);
  });

  it("lets every user read teams but only admins change them", async () => {
    const sales = await buildUser(t.database.db, { role: "sales" });
    const client = new Client(t.app);
    await client.login(sales.email, sales.password);
    expect((await client.get("/api/v1/teams")).statusCode).toBe(200);
    expect((await client.post("/api/v1/teams", { name: "Mine now" })).statusCode).toBe(403);
  });
});
