import { auditLog, backgroundJobs, leads } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import * as cf from "@test/custom-field-fixture";
import { buildPipeline } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

let t: TestApp;
let admin: Client;
let sales: Client;
let adminId: string;

const fieldsOf = (response: { json: () => { errors?: { path: string; code?: string }[] } }) =>
  (response.json().errors ?? []).map((e) => `${e.path}:${e.code}`);

const define = (body: Parameters<typeof cf.defineField>[1]) => cf.defineField(admin, body);

beforeAll(async () => {
  t = await buildTestApp();
  await buildPipeline(t.database.db, { isDefault: true });
  const a = await signedIn(t, "admin");
  admin = a.client;
  adminId = a.user.id;
  sales = (await signedIn(t, "sales", null)).client;
  await cf.defineFields(admin, "lead", [
    cf.brancheField([cf.option("it", "IT"), cf.option("bau", "Bau", "Construction")]),
    {
      key: "mitarbeiterzahl",
      type: "number",
      label: { de: "Mitarbeiterzahl", en: "Employees" },
      filterable: true,
    },
    cf.moneyField("budgetCap"),
    cf.firstCallField("first_call"),
    cf.championField,
    cf.topicsField([cf.option("crm", "CRM"), cf.option("erp", "ERP")]),
  ]);
});
afterAll(async () => t.close());

describe("/api/v1/custom-fields", () => {
  it("lists the definitions of an entity in form order, for every user", async () => {
    const list = await sales.get("/api/v1/custom-fields?entity=lead");
    expect(list.statusCode).toBe(200);
    expect(list.json().data.map((f: { key: string }) => f.key)).toEqual([
      "branche",
      "mitarbeiterzahl",
      "budgetCap",
      "first_call",
      "champion",
      "themen",
    ]);
    expect(list.json().data[0]).toMatchObject({
      entity: "lead",
      type: "choice",
      label: { de: "Branche", en: "Industry" },
      required: false,
      filterable: false,
      options: [{ value: "it" }, { value: "bau" }],
    });
  });

  it("is the admin's to change: others get 403", async () => {
    const attempt = await sales.post("/api/v1/custom-fields", {
      entity: "lead",
      key: "nope",
      type: "text",
      label: { de: "Nein", en: "No" },
    });
    expect(attempt.statusCode).toBe(403);
  });

  it("refuses a bad key, a taken key and a choice without options, naming the field", async () => {
    const bad = await admin.post("/api/v1/custom-fields", {
      entity: "lead",
      key: "Bad Key",
      type: "text",
      label: { de: "x", en: "x" },
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(["key:cf_key_invalid"]);
    const taken = await admin.post("/api/v1/custom-fields", {
      entity: "lead",
      key: "branche",
      type: "text",
      label: { de: "x", en: "x" },
    });
    expect(taken.statusCode).toBe(422);
    expect(fieldsOf(taken)).toEqual(["key:cf_key_taken"]);
    const empty = await admin.post("/api/v1/custom-fields", {
      entity: "contact",
      key: "kind",
      type: "choice",
      label: { de: "x", en: "x" },
    });
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty)).toEqual(["options:cf_options_required"]);
  });

  it("keeps the key and entity: a PATCH may not change them, and is audited", async () => {
    const field = await define({
      entity: "deal",
      key: "region",
      type: "text",
      label: { de: "Gebiet", en: "Area" },
    });
    const keyChange = await admin.patch(`/api/v1/custom-fields/${field.id}`, { key: "gebiet" });
    expect(keyChange.statusCode).toBe(400);
    const relabel = await admin.patch(`/api/v1/custom-fields/${field.id}`, {
      label: { de: "Region", en: "Region" },
      required: true,
      version: field.version,
    });
    expect(relabel.statusCode).toBe(200);
    expect(relabel.json()).toMatchObject({
      key: "region",
      label: { de: "Region" },
      required: true,
      version: 2,
    });
    const entries = await t.database.db
      .select({ action: auditLog.action, changes: auditLog.changes })
      .from(auditLog)
      .where(eq(auditLog.entityId, field.id));
    expect(entries.map((e) => e.action)).toEqual(["custom_field.created", "custom_field.updated"]);
    expect(entries[1]?.changes).toMatchObject({ required: { from: false, to: true } });
    await admin.delete(`/api/v1/custom-fields/${field.id}`);
  });
});

describe("customFields on records", () => {
  it("stores checked values and answers them on get and list", async () => {
    const created = await sales.post("/api/v1/leads", {
      lastName: "Feld",
      customFields: {
        branche: "it",
        mitarbeiterzahl: 250,
        budgetCap: { amount: "12000.50", currency: "EUR" },
        first_call: "2026-12-01",
        champion: adminId,
        themen: ["crm", "erp", "crm"],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const expected = {
      branche: "it",
      mitarbeiterzahl: 250,
      budgetCap: { amount: "12000.50", currency: "EUR" },
      first_call: "2026-12-01",
      champion: adminId,
      themen: ["crm", "erp"],
    };
    expect(created.json().customFields).toEqual(expected);
    const id = created.json().id as string;
    expect((await sales.get(`/api/v1/leads/${id}`)).json().customFields).toEqual(expected);
    const list = await sales.get(`/api/v1/leads?ids=${id}`);
    expect(list.json().data[0].customFields).toEqual(expected);

    const edited = await sales.patch(`/api/v1/leads/${id}`, {
      customFields: { branche: "bau", themen: null },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const { themen: _dropped, ...rest } = expected;
    expect(edited.json().customFields).toEqual({ ...rest, branche: "bau" });
  });

  it("is a 400 naming customFields.<key> for an unknown key, a wrong type, a bad choice or a missing user", async () => {
    const wrong = await sales.post("/api/v1/leads", {
      lastName: "Falsch",
      customFields: {
        nope: 1,
        mitarbeiterzahl: "viele",
        branche: "landwirtschaft",
        first_call: "2026-02-30",
        budgetCap: { amount: "1,5" },
      },
    });
    expect(wrong.statusCode).toBe(400);
    expect(fieldsOf(wrong).sort()).toEqual([
      "customFields.branche:cf_choice_invalid",
      "customFields.budgetCap:amount_invalid",
      "customFields.first_call:cf_date_invalid",
      "customFields.mitarbeiterzahl:cf_number_invalid",
      "customFields.nope:unknown_field",
    ]);
    const ghost = await sales.post("/api/v1/leads", {
      lastName: "Geist",
      customFields: { champion: "00000000-0000-4000-8000-000000000000" },
    });
    expect(ghost.statusCode).toBe(400);
    expect(fieldsOf(ghost)).toEqual(["customFields.champion:cf_user_invalid"]);
  });

  it("requires a required field on create and on contacts, companies and deals alike", async () => {
    await define({
      entity: "company",
      key: "kundennummer",
      type: "text",
      label: { de: "Kundennr.", en: "Customer no." },
      required: true,
    });
    const missing = await admin.post("/api/v1/companies", { name: "Ohne GmbH" });
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing)).toEqual(["customFields.kundennummer:required"]);
    const company = await admin.post("/api/v1/companies", {
      name: "Mit GmbH",
      customFields: { kundennummer: "K-1" },
    });
    expect(company.statusCode, company.body).toBe(201);
    expect(company.json().customFields).toEqual({ kundennummer: "K-1" });
    const cleared = await admin.patch(`/api/v1/companies/${company.json().id}`, {
      customFields: { kundennummer: "" },
    });
    expect(cleared.statusCode).toBe(400);
    expect(fieldsOf(cleared)).toEqual(["customFields.kundennummer:required"]);

    await define({
      entity: "contact",
      key: "newsletter",
      type: "checkbox",
      label: { de: "Newsletter", en: "Newsletter" },
    });
    const contact = await admin.post("/api/v1/contacts", {
      lastName: "Kontakt",
      customFields: { newsletter: "ja" },
    });
    expect(fieldsOf(contact)).toEqual(["customFields.newsletter:cf_checkbox_invalid"]);
    const ok = await admin.post("/api/v1/contacts", {
      lastName: "Kontakt",
      customFields: { newsletter: true },
    });
    expect(ok.json().customFields).toEqual({ newsletter: true });

    await define({ entity: "deal", key: "web", type: "url", label: { de: "Web", en: "Web" } });
    const deal = await admin.post("/api/v1/deals", { title: "Deal", customFields: { web: "beispiel.de" } });
    expect(deal.statusCode, deal.body).toBe(201);
    expect(deal.json().customFields).toEqual({ web: "https://beispiel.de" });
  });

  it("keeps a deleted field's values until an admin purges them", async () => {
    const field = await define({
      entity: "lead",
      key: "altfeld",
      type: "text",
      label: { de: "Alt", en: "Old" },
    });
    const lead = await admin.post("/api/v1/leads", { lastName: "Alt", customFields: { altfeld: "bleibt" } });
    const id = lead.json().id as string;
    expect((await admin.delete(`/api/v1/custom-fields/${field.id}`)).statusCode).toBe(204);
    expect(
      (await admin.get("/api/v1/custom-fields?entity=lead")).json().data.map((f: { key: string }) => f.key),
    ).not.toContain("altfeld");
    // Sent back as read, the kept value is no change; a new value for it is refused.
    const roundTrip = await admin.patch(`/api/v1/leads/${id}`, { customFields: { altfeld: "bleibt" } });
    expect(roundTrip.statusCode, roundTrip.body).toBe(200);
    const newValue = await admin.patch(`/api/v1/leads/${id}`, { customFields: { altfeld: "neu" } });
    expect(fieldsOf(newValue)).toEqual(["customFields.altfeld:unknown_field"]);
    const retake = await admin.post("/api/v1/custom-fields", {
      entity: "lead",
      key: "altfeld",
      type: "number",
      label: { de: "x", en: "x" },
    });
    expect(fieldsOf(retake)).toEqual(["key:cf_key_taken"]);

    const purge = await admin.post(`/api/v1/custom-fields/${field.id}/purge`);
    expect(purge.statusCode, purge.body).toBe(200);
    expect(purge.json()).toEqual({ purged: 1 });
    const [row] = await t.database.db
      .select({ customFields: leads.customFields })
      .from(leads)
      .where(and(eq(leads.id, id), sql`true`));
    expect(row?.customFields).toEqual({});
  });
});

describe("labels beside the built-in fields", () => {
  it("refuses a label a built-in field of the same entity has, in the language it clashes in, naming the field", async () => {
    const industry = await admin.post("/api/v1/custom-fields", {
      entity: "company",
      key: "sektor",
      type: "text",
      label: { de: "branche ", en: "Sector" },
    });
    expect(industry.statusCode).toBe(400);
    expect(industry.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(fieldsOf(industry)).toEqual(["label.de:cf_label_builtin"]);
    expect(industry.json().errors[0].params).toEqual({ label: "branche" });
    const both = await admin.post("/api/v1/custom-fields", {
      entity: "contact",
      key: "mail2",
      type: "email",
      label: { de: "E-Mail", en: "Email" },
    });
    expect(fieldsOf(both)).toEqual(["label.de:cf_label_builtin", "label.en:cf_label_builtin"]);
    // A list column is a built-in label too (the deal list's "Gewichtet").
    const column = await admin.post("/api/v1/custom-fields", {
      entity: "deal",
      key: "gewichtet",
      type: "number",
      label: { de: "Gewichtet", en: "Weight factor" },
    });
    expect(fieldsOf(column)).toEqual(["label.de:cf_label_builtin"]);
    // Leads have no industry of their own: their "Branche" (beforeAll) was taken.
    const sector = await define({
      entity: "company",
      key: "sektor",
      type: "text",
      label: { de: "Sektor", en: "Sector" },
    });
    const renamed = await admin.patch(`/api/v1/custom-fields/${sector.id}`, {
      label: { de: "Sektor", en: "Industry" },
    });
    expect(renamed.statusCode).toBe(400);
    expect(fieldsOf(renamed)).toEqual(["label.en:cf_label_builtin"]);
  });

  it("lets a field from before the rule keep its label while an admin edits the rest", async () => {
    const old = await cf.defineFieldFromBefore(t, "company", {
      key: "sitz",
      type: "text",
      label: { de: "Ort", en: "Seat" },
    });
    const edited = await admin.patch(`/api/v1/custom-fields/${old.id}`, {
      label: { de: "Ort", en: "Seat" },
      help: { de: "Laut Handelsregister", en: "As registered" },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().label).toEqual({ de: "Ort", en: "Seat" });
    const clash = await admin.patch(`/api/v1/custom-fields/${old.id}`, { label: { de: "Ort", en: "City" } });
    expect(fieldsOf(clash)).toEqual(["label.en:cf_label_builtin"]);
  });
});

describe("conversion", () => {
  it("carries a lead's values to the new company's, contact's and deal's fields of the same key and a fitting type", async () => {
    // Labelled like the company's own industry: a field from before such labels were refused.
    await cf.defineFieldFromBefore(t, "company", cf.brancheField([cf.option("it", "IT")]));
    await define({
      entity: "company",
      key: "mitarbeiterzahl",
      type: "number",
      label: { de: "MA", en: "Staff" },
    });
    await define({ entity: "deal", key: "mitarbeiterzahl", type: "text", label: { de: "MA", en: "Staff" } });
    const lead = await sales.post("/api/v1/leads", {
      lastName: "Wandel",
      companyName: "Wandel AG",
      customFields: { branche: "it", mitarbeiterzahl: 120 },
    });
    const done = await sales.post(`/api/v1/leads/${lead.json().id}/convert`, {
      contact: { create: {} },
      company: { create: { customFields: { kundennummer: "K-9" } } },
      deal: {},
    });
    expect(done.statusCode, done.body).toBe(201);
    const company = await admin.get(`/api/v1/companies/${done.json().company.id}`);
    expect(company.json().customFields).toEqual({ branche: "it", mitarbeiterzahl: 120, kundennummer: "K-9" });
    // The deal's field is text: a number is not text, so it stays on the lead.
    const deal = await admin.get(`/api/v1/deals/${done.json().deal.id}`);
    expect(deal.json().customFields).toEqual({});
  });
});

describe("the index job of a new filterable field", () => {
  it("runs right after the field is saved, without waiting for the runner's next regular look", async () => {
    // Every periodic job queued, then none due for an hour: the runner sets no timer of its own.
    await t.app.jobs.runDue();
    await t.database.db
      .update(backgroundJobs)
      .set({ runAfter: sql`now() + interval '1 hour'` })
      .where(eq(backgroundJobs.state, "queued"));
    // This file's app holds its runner (test/app.ts): let it run on its own for this test only.
    t.app.jobs.release();
    try {
      await t.app.jobs.runDue(); // the look release() started
      await define({ entity: "lead", ...cf.staffField, key: "headcount", filterable: true });
      await vi.waitFor(
        async () => {
          const [job] = await t.database.db
            .select({ state: backgroundJobs.state })
            .from(backgroundJobs)
            .where(eq(backgroundJobs.name, "custom-field-index"))
            .orderBy(sql`${backgroundJobs.id} desc`)
            .limit(1);
          expect(job?.state).toBe("done");
        },
        // Far below the runner's 30 s poll: only the write's own wake can have run it in time.
        { timeout: 5_000, interval: 25 },
      );
    } finally {
      await t.app.jobs.hold();
    }
  });
});
