import { buildTestApp, type TestApp } from "@test/app";
import { buildTeam } from "@test/factories";
import { signedIn } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe("POST /api/v1/leads: the creator can open what they created", () => {
  it("makes a salesperson without a team the owner of a lead they leave unowned", async () => {
    const { user, client } = await signedIn(t, "sales", null);
    const created = await client.post("/api/v1/leads", { lastName: "Vanishing" });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ownerId: user.id, teamId: null, status: "assigned" });

    const id: string = created.json().id;
    expect((await client.get(`/api/v1/leads/${id}`)).statusCode).toBe(200);
    expect((await client.get(`/api/v1/leads/${id}/timeline`)).statusCode).toBe(200);
    const list = await client.get("/api/v1/leads?q=vanishing");
    expect(list.json().data.map((l: { id: string }) => l.id)).toEqual([id]);
  });

  it("does the same for marketing without a team", async () => {
    const { user, client } = await signedIn(t, "marketing", null);
    const created = await client.post("/api/v1/leads", { lastName: "Campaign" });
    expect(created.json().ownerId).toBe(user.id);
    expect((await client.get(`/api/v1/leads/${created.json().id}`)).statusCode).toBe(200);
  });

  it("leaves a team's new lead in the unowned pool, which the team sees", async () => {
    const team = await buildTeam(t.database.db);
    const { client } = await signedIn(t, "sales", team);
    const created = await client.post("/api/v1/leads", { lastName: "Pooled" });
    expect(created.json()).toMatchObject({ ownerId: null, teamId: team.id, status: "new" });
    expect((await client.get(`/api/v1/leads/${created.json().id}`)).statusCode).toBe(200);
  });

  it("leaves an admin's lead without team and owner unowned", async () => {
    const { client } = await signedIn(t, "admin", null);
    const created = await client.post("/api/v1/leads", { lastName: "Nobody's" });
    expect(created.json()).toMatchObject({ ownerId: null, teamId: null, status: "new" });
  });
});
