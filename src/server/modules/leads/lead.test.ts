import { leads } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { ALL_MET, signedIn, teamWithSales } from "@test/lead-helpers";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const fullLead = {
  source: "trade_show",
  sourceDetail: "Hannover Messe 2026",
  salutation: "Frau",
  title: "Dr.",
  firstName: "Jördis",
  lastName: "Müller",
  companyName: "Straßenbau Müller GmbH",
  jobTitle: "Einkaufsleitung",
  department: "Einkauf",
  email: "joerdis.mueller@example.de",
  phone: "030 1234567",
  mobile: "+49 171 2345678",
  website: "strassenbau-mueller.de",
  street: "Hauptstraße 1",
  postalCode: "10115",
  city: "Berlin",
  country: "DE",
  interest: "Fleet management for 40 trucks",
  estimatedValue: { amount: "48000.00", currency: "EUR" },
  tags: ["messe", "a-kunde"],
};

describe("POST /api/v1/leads", () => {
  it("stores every fixed field and answers the API shape", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/leads", fullLead);
    expect(res.statusCode).toBe(201);
    const lead = res.json();
    expect(lead).toMatchObject({
      ...fullLead,
      website: "https://strassenbau-mueller.de",
      status: "new",
      lifecycleStage: "mal",
      version: 1,
    });
    expect(lead.bant).toEqual({
      budget: { state: "unknown" },
      authority: { state: "unknown" },
      need: { state: "unknown" },
      timeline: { state: "unknown" },
    });
    expect(lead.bantQualified).toBe(false);
    expect(lead).not.toHaveProperty("searchText");
    expect((await client.get(`/api/v1/leads/${lead.id}`)).json()).toEqual(lead);
  });

  it("starts assigned when created with an owner, new without", async () => {
    const { user, client } = await signedIn(t, "sales");
    expect((await client.post("/api/v1/leads", { lastName: "Pool" })).json().status).toBe("new");
    const owned = (await client.post("/api/v1/leads", { lastName: "Mine", ownerId: user.id })).json();
    expect(owned).toMatchObject({ status: "assigned", ownerId: user.id });
    expect(owned.assignedAt).toEqual(expect.any(String));
  });

  it("needs at least a name, company, email or phone", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/leads", { interest: "something" });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe("lastName");
  });

  it("names each bad field: unknown enum, malformed email and phone, oversized text, wrong type, unknown field", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/leads", {
      lastName: "x".repeat(101),
      source: "carrier_pigeon",
      email: "not-an-email",
      phone: "12",
      estimatedValue: { amount: 12 },
      favouriteColour: "blue",
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual([
      "email",
      "estimatedValue.amount",
      "favouriteColour",
      "lastName",
      "phone",
      "source",
    ]);
    // Each error carries a stable code (and its bound) so the UI can word it in German or English.
    const codes = Object.fromEntries(
      res
        .json()
        .errors.map((e: { path: string; code: string; params?: object }) => [e.path, [e.code, e.params]]),
    );
    expect(codes).toEqual({
      email: ["email_invalid", undefined],
      "estimatedValue.amount": ["type_invalid", undefined],
      favouriteColour: ["unknown_field", undefined],
      lastName: ["too_long", { count: 100 }],
      phone: ["phone_invalid", undefined],
      source: ["choice_invalid", undefined],
    });
    const count = await t.database.db.select().from(leads).where(eq(leads.source, "carrier_pigeon"));
    expect(count).toHaveLength(0);
  });

  it("refuses a negative value or budget by name instead of storing or clamping it (issue #15)", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/leads", {
      lastName: "Minus",
      estimatedValue: { amount: "-12500.00", currency: "EUR" },
      bant: { ...ALL_MET, budget: { state: "met", amount: "-5", currency: "EUR" } },
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code]);
    expect(errors.sort()).toEqual([
      ["bant.budget.amount", "amount_negative"],
      ["estimatedValue.amount", "amount_negative"],
    ]);
    expect(await t.database.db.select().from(leads).where(eq(leads.lastName, "Minus"))).toHaveLength(0);

    const lead = (await client.post("/api/v1/leads", { lastName: "Plus" })).json();
    const patch = await client.patch(`/api/v1/leads/${lead.id}`, {
      estimatedValue: { amount: "-0.01", currency: "EUR" },
      version: lead.version,
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().errors).toEqual([
      expect.objectContaining({ path: "estimatedValue.amount", code: "amount_negative" }),
    ]);
    const kept = await client.patch(`/api/v1/leads/${lead.id}`, {
      estimatedValue: { amount: "1234567.89", currency: "EUR" },
      version: lead.version,
    });
    expect(kept.json().estimatedValue).toEqual({ amount: "1234567.89", currency: "EUR" });
  });

  it("stores markup as plain text", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = (await client.post("/api/v1/leads", { lastName: "<script>alert(1)</script>" })).json();
    expect(lead.lastName).toBe("<script>alert(1)</script>");
  });

  it("refuses an owner from another team for sales (422 on ownerId)", async () => {
    const { client } = await signedIn(t, "sales");
    const stranger = await signedIn(t, "sales");
    const res = await client.post("/api/v1/leads", { lastName: "X", ownerId: stranger.user.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe("ownerId");
  });
});

describe("PATCH /api/v1/leads/{id}", () => {
  it("answers 409 on a stale version and keeps the newer data", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = (await client.post("/api/v1/leads", { lastName: "Version" })).json();
    expect((await client.patch(`/api/v1/leads/${lead.id}`, { city: "Köln", version: 1 })).statusCode).toBe(
      200,
    );
    const stale = await client.patch(`/api/v1/leads/${lead.id}`, { city: "Bonn", version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(
      (await client.patch(`/api/v1/leads/${lead.id}`, { city: "Bonn" }, { "if-match": '"1"' })).statusCode,
    ).toBe(409);
    expect((await client.get(`/api/v1/leads/${lead.id}`)).json().city).toBe("Köln");
  });

  it("assigns a new lead when an owner is set and records the status change in the timeline", async () => {
    const { user, client } = await signedIn(t, "sales");
    const lead = (await client.post("/api/v1/leads", { lastName: "Assign me" })).json();
    const updated = (await client.patch(`/api/v1/leads/${lead.id}`, { ownerId: user.id })).json();
    expect(updated.status).toBe("assigned");
    const timeline = (await client.get(`/api/v1/leads/${lead.id}/timeline`)).json().data;
    const change = timeline.find((i: { action: string }) => i.action === "lead.status_changed");
    expect(change).toMatchObject({ actor: { id: user.id }, changes: { from: "new", to: "assigned" } });
    expect(change.at).toEqual(expect.any(String));
  });

  it("refuses converted by PATCH with 422", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = (await client.post("/api/v1/leads", { lastName: "Shortcut" })).json();
    const res = await client.patch(`/api/v1/leads/${lead.id}`, { status: "converted" });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe("status");
  });

  it("needs a reason to close, and only reopening leaves dead", async () => {
    const { user, client } = await signedIn(t, "sales");
    const lead = (await client.post("/api/v1/leads", { lastName: "Closing", ownerId: user.id })).json();
    const noReason = await client.patch(`/api/v1/leads/${lead.id}`, { status: "dead" });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors[0]).toMatchObject({ path: "deadReason", code: "dead_reason_required" });
    const dead = (
      await client.patch(`/api/v1/leads/${lead.id}`, { status: "dead", deadReason: "No budget" })
    ).json();
    expect(dead).toMatchObject({ status: "dead", deadReason: "No budget" });
    expect((await client.patch(`/api/v1/leads/${lead.id}`, { status: "in_process" })).statusCode).toBe(422);
    const reopened = (await client.patch(`/api/v1/leads/${lead.id}`, { status: "recycled" })).json();
    expect(reopened).toMatchObject({ status: "recycled", deadReason: null });
  });

  it("refuses every edit of a converted lead but still takes activities", async () => {
    const { user, client } = await signedIn(t, "sales");
    const lead = (await client.post("/api/v1/leads", { lastName: "Done deal", ownerId: user.id })).json();
    await t.database.db
      .update(leads)
      .set({ status: "converted", convertedAt: new Date() })
      .where(eq(leads.id, lead.id));
    const edit = await client.patch(`/api/v1/leads/${lead.id}`, { city: "Berlin" });
    expect(edit.statusCode).toBe(422);
    const note = await client.post("/api/v1/activities", {
      type: "note",
      subject: "Kick-off went well",
      leadId: lead.id,
    });
    expect(note.statusCode).toBe(201);
    expect((await client.get(`/api/v1/leads/${lead.id}`)).json().status).toBe("converted");
  });

  it("moves to in process with the owner's first activity", async () => {
    const { user, client } = await signedIn(t, "sales");
    const lead = (await client.post("/api/v1/leads", { lastName: "Call me", ownerId: user.id })).json();
    await client.post("/api/v1/activities", { type: "call", subject: "First call", leadId: lead.id });
    const after = (await client.get(`/api/v1/leads/${lead.id}`)).json();
    expect(after.status).toBe("in_process");
    expect(after.lastActivityAt).toEqual(expect.any(String));
    const timeline = (await client.get(`/api/v1/leads/${lead.id}/timeline`)).json().data;
    expect(timeline[0].kind === "activity" || timeline[1].kind === "activity").toBe(true);
  });
});

describe("lifecycle and BANT", () => {
  it("stamps each stage entered, needs BANT for SQL and a reason to go back", async () => {
    const { client } = await signedIn(t, "marketing");
    const lead = (await client.post("/api/v1/leads", { lastName: "Funnel" })).json();
    const sal = (await client.patch(`/api/v1/leads/${lead.id}`, { lifecycleStage: "sal" })).json();
    expect(sal.lifecycleTimes).toMatchObject({
      mal: expect.any(String),
      mql: expect.any(String),
      sal: expect.any(String),
      sql: null,
    });
    const noBant = await client.patch(`/api/v1/leads/${lead.id}`, { lifecycleStage: "sql" });
    expect(noBant.statusCode).toBe(422);
    expect(noBant.json().errors[0].path).toBe("lifecycleStage");
    const sql = (
      await client.patch(`/api/v1/leads/${lead.id}`, { lifecycleStage: "sql", bant: ALL_MET })
    ).json();
    expect(sql).toMatchObject({ lifecycleStage: "sql", bantQualified: true });
    expect(sql.score).toBeGreaterThanOrEqual(60);
    expect(sql.scoreReasons).toContainEqual({
      ruleId: "bant-budget",
      kind: "bant",
      subject: "budget",
      points: 20,
    });
    const back = await client.patch(`/api/v1/leads/${lead.id}`, { lifecycleStage: "mql" });
    expect(back.json().errors[0].path).toBe("lifecycleReason");
    const rejected = (
      await client.patch(`/api/v1/leads/${lead.id}`, {
        lifecycleStage: "mql",
        lifecycleReason: "No project this year",
      })
    ).json();
    expect(rejected.lifecycleStage).toBe("mql");
    expect(rejected.lifecycleTimes.sql).toEqual(sql.lifecycleTimes.sql);
  });

  it("lets an admin lift the BANT requirement for SQL", async () => {
    const admin = await signedIn(t, "admin");
    expect((await admin.client.patch("/api/v1/settings", { sqlRequiresBant: false })).statusCode).toBe(200);
    try {
      const lead = (await admin.client.post("/api/v1/leads", { lastName: "Gut feeling" })).json();
      expect(
        (await admin.client.patch(`/api/v1/leads/${lead.id}`, { lifecycleStage: "sql" })).json()
          .lifecycleStage,
      ).toBe("sql");
    } finally {
      await admin.client.patch("/api/v1/settings", { sqlRequiresBant: true });
    }
  });

  it("refuses a settings change from sales", async () => {
    const { client } = await signedIn(t, "sales");
    expect((await client.patch("/api/v1/settings", { sqlRequiresBant: false })).statusCode).toBe(403);
  });
});

describe("status follows the lifecycle (issue #15 point 10)", () => {
  type History = { kind: string; action?: string; changes?: unknown; data?: unknown };
  it("puts a lead moved to SAL or SQL in process, audited, and never lowers another status", async () => {
    const { user, client } = await teamWithSales(t);
    const fresh = (await client.post("/api/v1/leads", { lastName: "Pool" })).json();
    expect(fresh).toMatchObject({ status: "new", ownerId: null });
    const accepted = (await client.patch(`/api/v1/leads/${fresh.id}`, { lifecycleStage: "sal" })).json();
    expect(accepted).toMatchObject({ lifecycleStage: "sal", status: "in_process", ownerId: user.id });
    const history = (await client.get(`/api/v1/leads/${fresh.id}/timeline?kind=history`)).json()
      .data as History[];
    expect(history.map((i) => i.action)).toEqual(
      expect.arrayContaining(["lead.status_changed", "lead.lifecycle_changed"]),
    );

    const owned = (await client.post("/api/v1/leads", { lastName: "Mine", ownerId: user.id })).json();
    expect(owned.status).toBe("assigned");
    const sql = (
      await client.patch(`/api/v1/leads/${owned.id}`, { lifecycleStage: "sql", bant: ALL_MET })
    ).json();
    expect(sql).toMatchObject({ lifecycleStage: "sql", status: "in_process" });

    const closed = (await client.post("/api/v1/leads", { lastName: "Closed", ownerId: user.id })).json();
    await client.patch(`/api/v1/leads/${closed.id}`, { status: "dead", deadReason: "No budget" });
    const stillDead = (await client.patch(`/api/v1/leads/${closed.id}`, { lifecycleStage: "sal" })).json();
    expect(stillDead).toMatchObject({ lifecycleStage: "sal", status: "dead" });

    const born = (
      await client.post("/api/v1/leads", { lastName: "Born SAL", ownerId: user.id, lifecycleStage: "sal" })
    ).json();
    expect(born.status).toBe("in_process");
  });

  it("leaves a lead marketing hands to sales in the pool until someone owns it, then in process", async () => {
    const marketing = await signedIn(t, "marketing");
    const admin = await signedIn(t, "admin");
    const lead = (await marketing.client.post("/api/v1/leads", { lastName: "Handover" })).json();
    const handed = (
      await marketing.client.patch(`/api/v1/leads/${lead.id}`, { lifecycleStage: "sal" })
    ).json();
    expect(handed).toMatchObject({ lifecycleStage: "sal", status: "new", ownerId: null });
    const seller = await signedIn(t, "sales");
    const taken = (await admin.client.patch(`/api/v1/leads/${lead.id}`, { ownerId: seller.user.id })).json();
    expect(taken).toMatchObject({ status: "in_process", ownerId: seller.user.id });
  });
});

describe("visibility", () => {
  it("answers 404 to sales of another team for read, edit and delete", async () => {
    const a = await teamWithSales(t);
    const b = await teamWithSales(t);
    const lead = (await a.client.post("/api/v1/leads", { lastName: "Team A only" })).json();
    expect((await b.client.get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
    expect((await b.client.patch(`/api/v1/leads/${lead.id}`, { city: "X" })).statusCode).toBe(404);
    expect((await b.client.delete(`/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
    expect((await b.client.get(`/api/v1/leads/${lead.id}/timeline`)).statusCode).toBe(404);
    const list = (await b.client.get("/api/v1/leads?q=team%20a%20only")).json();
    expect(list.data).toEqual([]);
  });
});

describe("DELETE and restore", () => {
  it("soft-deletes; an admin restores; sales cannot restore", async () => {
    const { client } = await signedIn(t, "sales");
    const admin = await signedIn(t, "admin");
    const lead = (await client.post("/api/v1/leads", { lastName: "Oops" })).json();
    expect((await client.delete(`/api/v1/leads/${lead.id}`)).statusCode).toBe(204);
    expect((await client.get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(404);
    expect((await client.post(`/api/v1/leads/${lead.id}/restore`)).statusCode).toBe(403);
    expect((await client.get("/api/v1/leads?deleted=true")).statusCode).toBe(403);
    const deletedList = (await admin.client.get("/api/v1/leads?deleted=true&q=oops")).json().data;
    expect(deletedList.map((l: { id: string }) => l.id)).toContain(lead.id);
    const restored = await admin.client.post(`/api/v1/leads/${lead.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect((await client.get(`/api/v1/leads/${lead.id}`)).statusCode).toBe(200);
  });
});

describe("GET /api/v1/leads/matches", () => {
  it("offers existing leads with the same email or the same phone in another notation", async () => {
    const { client } = await signedIn(t, "sales");
    const existing = (
      await client.post("/api/v1/leads", {
        lastName: "Twin",
        email: "twin@example.com",
        phone: "+49 30 9876543",
      })
    ).json();
    const byEmail = (await client.get("/api/v1/leads/matches?email=TWIN@example.com")).json().data;
    expect(byEmail).toContainEqual(
      expect.objectContaining({ kind: "lead", id: existing.id, reason: "email" }),
    );
    const byPhone = (await client.get("/api/v1/leads/matches?phone=030%209876543")).json().data;
    expect(byPhone).toContainEqual(expect.objectContaining({ id: existing.id, reason: "phone" }));
  });

  it("offers a contact that has the email as its second address, showing its primary", async () => {
    const { client } = await signedIn(t, "sales");
    const contact = (
      await client.post("/api/v1/contacts", {
        lastName: "Zweitkontakt",
        emails: [
          { value: "haupt@zweit-lead.de", primary: true },
          { value: "neben@zweit-lead.de", type: "private" },
        ],
      })
    ).json();
    const found = (await client.get("/api/v1/leads/matches?email=Neben@zweit-lead.de")).json().data;
    expect(found).toEqual([
      expect.objectContaining({
        kind: "contact",
        id: contact.id,
        email: "haupt@zweit-lead.de",
        reason: "email",
      }),
    ]);
  });
});

describe("cursors", () => {
  it("refuses a tampered timeline cursor and a list cursor from another sort with 400", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = (await client.post("/api/v1/leads", { lastName: "Cursor" })).json();
    const forged = Buffer.from(JSON.stringify(["yesterday", "x'; drop table leads"])).toString("base64url");
    const timeline = await client.get(`/api/v1/leads/${lead.id}/timeline?cursor=${forged}`);
    expect(timeline.statusCode).toBe(400);
    expect(timeline.json().errors[0].path).toBe("cursor");
    await client.post("/api/v1/leads", { lastName: "Cursor two" });
    const page = (await client.get("/api/v1/leads?limit=1&sort=name")).json();
    const resorted = await client.get(`/api/v1/leads?limit=1&sort=-createdAt&cursor=${page.nextCursor}`);
    expect(resorted.statusCode).toBe(400);
  });
});

describe("contact matches", () => {
  it("names the contact's company when the caller may see it", async () => {
    const admin = await signedIn(t, "admin");
    const company = (await admin.client.post("/api/v1/companies", { name: "Matchwerk GmbH" })).json();
    await admin.client.post("/api/v1/contacts", {
      lastName: "Kontakt",
      companyId: company.id,
      email: "match-contact@example.com",
    });
    const matches = (await admin.client.get("/api/v1/leads/matches?email=match-contact@example.com")).json()
      .data;
    expect(matches).toContainEqual(
      expect.objectContaining({ kind: "contact", companyName: "Matchwerk GmbH", reason: "email" }),
    );
  });
});
