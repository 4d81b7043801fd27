import { auditLog, companies, leads } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildCompany, buildLead } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: Client;

async function define(body: Record<string, unknown>) {
  const response = await admin.post("/api/v1/custom-fields", body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin")).client;
});
afterAll(() => t.close());

describe("POST /api/v1/custom-fields/:id/type", () => {
  it("converts text to number in one go, after a dry run that counts", async () => {
    const field = await define({
      entity: "lead",
      key: "staffText",
      type: "text",
      label: { de: "MA", en: "Staff" },
    });
    const db = t.database.db;
    const a = await buildLead(db, { customFields: { staffText: "1.250" } });
    const b = await buildLead(db, { customFields: { staffText: "12,5" } });
    const dry = await admin.post(`/api/v1/custom-fields/${field.id}/type`, { type: "number", dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ converted: 2, refusedCount: 0, refused: [], dryRun: true });
    expect(dry.json().field.type).toBe("text");
    const done = await admin.post(`/api/v1/custom-fields/${field.id}/type`, { type: "number" });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().field.type).toBe("number");
    const rows = await db
      .select({ id: leads.id, customFields: leads.customFields })
      .from(leads)
      .where(inArray(leads.id, [a.id, b.id]));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.customFields]))).toEqual({
      [a.id]: { staffText: 1250 },
      [b.id]: { staffText: 12.5 },
    });
    const [entry] = await db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.action, "custom_field.type_changed"), eq(auditLog.entityId, field.id)));
    expect(entry?.changes).toMatchObject({ type: { from: "text", to: "number" }, converted: 2 });
    // And back: number → text writes the number as text.
    const back = await admin.post(`/api/v1/custom-fields/${field.id}/type`, { type: "text" });
    expect(back.statusCode, back.body).toBe(200);
    const [again] = await db
      .select({ customFields: leads.customFields })
      .from(leads)
      .where(eq(leads.id, a.id));
    expect(again?.customFields).toEqual({ staffText: "1250" });
  });

  it("turns a choice into a multiple choice", async () => {
    const options = [{ value: "it", label: { de: "IT", en: "IT" } }];
    const field = await define({
      entity: "company",
      key: "sector",
      type: "choice",
      label: { de: "S", en: "S" },
      options,
    });
    const company = await buildCompany(t.database.db, { customFields: { sector: "it" } });
    const res = await admin.post(`/api/v1/custom-fields/${field.id}/type`, { type: "multi_choice" });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await t.database.db
      .select({ customFields: companies.customFields })
      .from(companies)
      .where(eq(companies.id, company.id));
    expect(row?.customFields).toEqual({ sector: ["it"] });
  });

  it("refuses with 422 naming the records that would not convert and how many, writing nothing", async () => {
    const field = await define({ entity: "lead", key: "size", type: "text", label: { de: "G", en: "S" } });
    const db = t.database.db;
    const good = await buildLead(db, { customFields: { size: "12" } });
    const bad = await buildLead(db, { firstName: "Bea", lastName: "Bad", customFields: { size: "zwölf" } });
    const dry = await admin.post(`/api/v1/custom-fields/${field.id}/type`, { type: "number", dryRun: true });
    expect(dry.json()).toMatchObject({
      converted: 1,
      refusedCount: 1,
      refused: [{ id: bad.id, name: "Bea Bad", value: "zwölf" }],
    });
    const res = await admin.post(`/api/v1/custom-fields/${field.id}/type`, { type: "number" });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("cf_type_change_refused");
    expect(res.json().errors).toEqual([
      expect.objectContaining({ path: `records.${bad.id}`, params: { name: "Bea Bad", value: "zwölf" } }),
    ]);
    const [kept] = await db
      .select({ customFields: leads.customFields })
      .from(leads)
      .where(eq(leads.id, good.id));
    expect(kept?.customFields).toEqual({ size: "12" });
    expect((await admin.get(`/api/v1/custom-fields/${field.id}`)).json().type).toBe("text");
  });

  it("is the admin's, and a choice type needs options", async () => {
    const field = await define({ entity: "deal", key: "note", type: "text", label: { de: "N", en: "N" } });
    const sales = (await signedIn(t, "sales", null)).client;
    expect((await sales.post(`/api/v1/custom-fields/${field.id}/type`, { type: "number" })).statusCode).toBe(
      403,
    );
    const res = await admin.post(`/api/v1/custom-fields/${field.id}/type`, { type: "choice" });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe("options");
  });
});
