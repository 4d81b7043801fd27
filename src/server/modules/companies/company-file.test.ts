import { deals, leads, pipelines, stages } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** Deals have no API yet: they go straight into the table, on one pipeline stage. */
async function dealMaker() {
  const [pipeline] = await t.database.db.insert(pipelines).values({ name: "Vertrieb" }).returning();
  if (!pipeline) throw new Error("no pipeline");
  const [stage] = await t.database.db
    .insert(stages)
    .values({ pipelineId: pipeline.id, name: "Qualifiziert", position: 0, probability: 10 })
    .returning();
  if (!stage) throw new Error("no stage");
  return async (values: {
    title: string;
    companyId: string;
    teamId: string | null;
    status?: "open" | "won" | "lost";
    amount?: string | null;
    currency?: string;
  }) => {
    const [row] = await t.database.db
      .insert(deals)
      .values({ pipelineId: pipeline.id, stageId: stage.id, ...values })
      .returning();
    if (!row) throw new Error("no deal");
    return row;
  };
}

describe("GET /api/v1/companies/{id}/file", () => {
  it("gathers contacts, open leads, deals with totals per status and currency, and activities", async () => {
    const a = await teamWithSales(t);
    const b = await teamWithSales(t);
    const admin = await signedIn(t, "admin");
    const company = (await a.client.post("/api/v1/companies", { name: "Akte GmbH" })).json();
    const url = `/api/v1/companies/${company.id}/file`;

    const zeta = (
      await a.client.post("/api/v1/contacts", { lastName: "Zeta", companyId: company.id })
    ).json();
    const alpha = (
      await a.client.post("/api/v1/contacts", { lastName: "Alpha", companyId: company.id })
    ).json();
    await admin.client.post("/api/v1/contacts", {
      lastName: "Team B",
      companyId: company.id,
      teamId: b.team.id,
    });

    const open = (await a.client.post("/api/v1/leads", { lastName: "Open", companyId: company.id })).json();
    const dead = (await a.client.post("/api/v1/leads", { lastName: "Dead", companyId: company.id })).json();
    await a.client.patch(`/api/v1/leads/${dead.id}`, { status: "dead", deadReason: "No budget" });
    const converted = (
      await a.client.post("/api/v1/leads", { lastName: "Won", companyId: company.id })
    ).json();
    await t.database.db.update(leads).set({ status: "converted" }).where(eq(leads.id, converted.id));
    await admin.client.post("/api/v1/leads", {
      lastName: "Other team",
      companyId: company.id,
      teamId: b.team.id,
    });
    await a.client.post("/api/v1/leads", { lastName: "Unrelated" });

    const deal = await dealMaker();
    const teamA = a.team.id;
    const base = { companyId: company.id, teamId: teamA };
    await deal({ ...base, title: "Open 1", amount: "1000.50" });
    await deal({ ...base, title: "Open 2", amount: "200" });
    await deal({ ...base, title: "Open, no amount", amount: null });
    await deal({ ...base, title: "Won EUR", status: "won", amount: "5000" });
    await deal({ ...base, title: "Won USD", status: "won", amount: "300", currency: "USD" });
    await deal({ ...base, title: "Lost", status: "lost", amount: "750" });
    await deal({ ...base, title: "Team B", teamId: b.team.id, amount: "99999" });

    const note = (
      await a.client.post("/api/v1/activities", { type: "note", subject: "Visited", companyId: company.id })
    ).json();

    const res = await a.client.get(url);
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.company).toEqual(company);
    expect(f.contacts.map((c: { id: string }) => c.id)).toEqual([alpha.id, zeta.id]);
    expect(f.contacts[0].companyName).toBe("Akte GmbH");
    expect(f.leads.map((l: { id: string }) => l.id)).toEqual([open.id]);
    expect(f.deals.map((d: { title: string }) => d.title)).toEqual([
      "Open, no amount",
      "Open 2",
      "Open 1",
      "Won USD",
      "Won EUR",
      "Lost",
    ]);
    expect(f.deals[2]).toMatchObject({
      status: "open",
      amount: { amount: "1000.50", currency: "EUR" },
      stageName: "Qualifiziert",
    });
    expect(f.activities.map((x: { id: string }) => x.id)).toEqual([note.id]);
    expect(f.totals).toEqual({
      contacts: 2,
      openLeads: 1,
      deals: {
        open: { count: 3, sums: [{ amount: "1200.50", currency: "EUR" }] },
        won: {
          count: 2,
          sums: [
            { amount: "5000.00", currency: "EUR" },
            { amount: "300.00", currency: "USD" },
          ],
        },
        lost: { count: 1, sums: [{ amount: "750.00", currency: "EUR" }] },
      },
    });

    // An admin sees every team's part of the same file.
    const all = (await admin.client.get(url)).json();
    expect(all.totals).toMatchObject({ contacts: 3, openLeads: 2 });
    expect(all.totals.deals.open).toEqual({ count: 4, sums: [{ amount: "101199.50", currency: "EUR" }] });
  });

  it("is 404 for sales of another team, for a deleted company and for an unknown id", async () => {
    const a = await teamWithSales(t);
    const b = await teamWithSales(t);
    const company = (await a.client.post("/api/v1/companies", { name: "Private Akte" })).json();
    expect((await b.client.get(`/api/v1/companies/${company.id}/file`)).statusCode).toBe(404);
    expect((await a.client.get(`/api/v1/companies/${company.id}/file`)).statusCode).toBe(200);
    await a.client.delete(`/api/v1/companies/${company.id}`);
    expect((await a.client.get(`/api/v1/companies/${company.id}/file`)).statusCode).toBe(404);
    expect((await a.client.get(`/api/v1/companies/${crypto.randomUUID()}/file`)).statusCode).toBe(404);
    expect((await a.client.get("/api/v1/companies/not-a-uuid/file")).statusCode).toBe(400);
  });

  it("answers empty parts and zero totals for a new company", async () => {
    const { client } = await signedIn(t, "sales");
    const company = (await client.post("/api/v1/companies", { name: "Leer AG" })).json();
    const f = (await client.get(`/api/v1/companies/${company.id}/file`)).json();
    expect(f).toMatchObject({ contacts: [], leads: [], deals: [], activities: [] });
    expect(f.totals.deals.won).toEqual({ count: 0, sums: [] });
  });
});
