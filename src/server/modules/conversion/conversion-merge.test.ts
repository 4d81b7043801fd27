import { DEFAULT_MATRIX } from "@domain/permissions/permission-matrix";
import { auditLog, contacts } from "@server/db/schema";
import { intakeBatch } from "@server/modules/intake/intake.service";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { convert, createLead } from "@test/conversion-helpers";
import { buildTeam } from "@test/factories";
import { buildPipeline } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * The conversion's merge into an existing contact or company (issue #20 point 2): the preview in the
 * suggestions, the choices applied in the conversion's one transaction, the timeline's entry, the
 * refusals, on this test's database (PGlite or PostgreSQL).
 */
let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  await buildPipeline(t.database.db, { isDefault: true });
  admin = (await signedIn(t, "admin")).client;
  // A real database failure after the merge: the conversion's own audit entry of a marked lead.
  for (const statement of [
    `create or replace function test_fail_merge() returns trigger language plpgsql as $$
     begin
       if new.action = 'lead.converted' and new.changes->>'leadName' like '%FAILMERGE%' then
         raise exception 'forced failure: merge';
       end if;
       return new;
     end $$`,
    "create trigger test_fail_merge before insert on audit_log for each row execute function test_fail_merge()",
  ])
    await t.database.db.execute(statement);
});
afterAll(() => t.close());

/** A contact with a different job, no department, another phone; found by the lead's email. */
async function contactLike(client: Client, lead: { email: string }, overrides: Record<string, unknown> = {}) {
  const res = await client.post("/api/v1/contacts", {
    salutation: "Frau",
    lastName: "Bestand",
    jobTitle: "Vertrieb",
    email: lead.email,
    phone: "+49 89 1234567",
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const suggestionsOf = async (client: Client, leadId: string) => {
  const res = await client.get(`/api/v1/leads/${leadId}/convert/suggestions`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const entriesOf = (entityId: string, actions: string[]) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, entityId), inArray(auditLog.action, actions)));

describe("POST /api/v1/leads/{id}/convert with merge choices", () => {
  it("previews per field the lead's and the record's value where they differ, with the choices", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client);
    const contact = await contactLike(client, lead);
    const body = await suggestionsOf(client, lead.id);
    const suggested = body.contacts.find((c: { id: string }) => c.id === contact.id);
    expect(suggested.merge.allowed).toBe(true);
    const byField = Object.fromEntries(
      suggested.merge.fields.map((f: { field: string }) => [f.field, f] as const),
    );
    // Same email and salutation: not offered. A field the contact lacks defaults to the lead's.
    expect(Object.keys(byField)).toEqual([
      "title",
      "firstName",
      "lastName",
      "jobTitle",
      "department",
      "phone",
      "address",
    ]);
    expect(byField.jobTitle).toEqual({
      field: "jobTitle",
      lead: "Einkaufsleitung",
      record: "Vertrieb",
      choices: ["keep", "lead"],
      suggested: "keep",
    });
    expect(byField.department).toMatchObject({ record: null, suggested: "lead" });
    expect(byField.phone).toMatchObject({ record: "+49 89 1234567", choices: ["keep", "lead", "both"] });
    expect(byField.address.lead).toBe("Hauptstraße 1, 10115 Berlin, DE");
  });

  it("applies the choices in the conversion, audits the update and records the taken fields on the timeline", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client);
    const contact = await contactLike(client, lead);
    const company = (await client.post("/api/v1/companies", { name: lead.companyName })).json();
    const res = await convert(client, lead.id, {
      contact: { existingId: contact.id },
      company: { existingId: company.id },
      merge: {
        contact: { jobTitle: "lead", department: "lead", phone: "both", lastName: "keep" },
        company: { website: "lead", phone: "lead" },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json();
    expect(result.contact).toMatchObject({
      jobTitle: "Einkaufsleitung",
      department: "Einkauf",
      lastName: "Bestand",
      phone: "+49 89 1234567",
    });
    expect(
      result.contact.phones.map((p: { value: string; primary: boolean }) => [p.value, p.primary]),
    ).toEqual([
      ["+49 89 1234567", true],
      [lead.phone, false],
    ]);
    expect(result.company).toMatchObject({ website: lead.website, phone: lead.phone });

    const timeline = (await client.get(`/api/v1/contacts/${contact.id}/timeline?kind=history`)).json();
    const merged = timeline.data.find((i: { action: string }) => i.action === "contact.lead_merged");
    expect(merged.changes).toMatchObject({
      leadId: lead.id,
      fields: ["jobTitle", "department", "phone"],
      choices: { jobTitle: "lead", department: "lead", phone: "both" },
    });
    // The company link and the merge are two updates, each audited.
    const updates = await entriesOf(contact.id, ["contact.updated"]);
    const updated = updates.find((e) => JSON.stringify(e.changes).includes("jobTitle"));
    expect(updated?.changes).toMatchObject({ jobTitle: { from: "Vertrieb", to: "Einkaufsleitung" } });
    const companyEntries = await entriesOf(company.id, ["company.lead_merged", "company.updated"]);
    expect(companyEntries.map((e) => e.action).sort()).toEqual(["company.lead_merged", "company.updated"]);
  });

  it("adds the lead's email beside the contact's with `both`, and intake then finds the contact by it", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client, { phone: "+49 40 7654321" });
    // Found by phone only: the contact has another address.
    const contact = await contactLike(client, lead, {
      email: `alt.${lead.email}`,
      phone: "+49 40 7654321",
    });
    const suggested = (await suggestionsOf(client, lead.id)).contacts.find(
      (c: { id: string }) => c.id === contact.id,
    );
    expect(suggested.reasons).toEqual(["phone"]);
    const res = await convert(client, lead.id, {
      contact: { existingId: contact.id },
      merge: { contact: { email: "both" } },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().contact.emails).toEqual([
      { value: `alt.${lead.email}`, type: "work", primary: true },
      { value: lead.email, type: "work", primary: false },
    ]);
    const { decisions } = await t.database.db.transaction((tx) =>
      intakeBatch(tx, { actor: null, requestId: "test" }, "web_form", [
        { lastName: "Wieder", email: lead.email.toUpperCase() },
      ]),
    );
    expect(decisions[0]).toMatchObject({ decision: "linked", contactId: contact.id });
  });

  it("leaves the contact and the company untouched when a later step of the conversion fails", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client, { firstName: "FAILMERGE" });
    const contact = await contactLike(client, lead);
    const company = (await client.post("/api/v1/companies", { name: lead.companyName })).json();
    const res = await convert(client, lead.id, {
      contact: { existingId: contact.id },
      company: { existingId: company.id },
      merge: { contact: { jobTitle: "lead", email: "both", phone: "lead" }, company: { website: "lead" } },
    });
    expect(res.statusCode).toBe(500);
    const after = (await client.get(`/api/v1/contacts/${contact.id}`)).json();
    expect(after).toMatchObject({ jobTitle: "Vertrieb", phone: "+49 89 1234567", version: contact.version });
    expect(after.emails).toHaveLength(1);
    expect((await client.get(`/api/v1/companies/${company.id}`)).json().website).toBeNull();
    expect(await entriesOf(contact.id, ["contact.updated", "contact.lead_merged"])).toEqual([]);
    expect(await entriesOf(company.id, ["company.updated", "company.lead_merged"])).toEqual([]);
    expect((await client.get(`/api/v1/leads/${lead.id}`)).json().status).not.toBe("converted");
  });

  it("answers 400 naming merge.contact.<field> for a bad choice and 422 for a value the lead lacks", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client);
    const contact = await contactLike(client, lead);
    const cases: [unknown, number, string][] = [
      [
        { contact: { existingId: contact.id }, merge: { contact: { jobTitle: "both" } } },
        400,
        "merge.contact.jobTitle",
      ],
      [
        { contact: { existingId: contact.id }, merge: { contact: { email: "mine" } } },
        400,
        "merge.contact.email",
      ],
      [
        { contact: { existingId: contact.id }, merge: { contact: { shoeSize: "lead" } } },
        400,
        "merge.contact.shoeSize",
      ],
      [{ contact: { create: {} }, merge: { contact: { jobTitle: "lead" } } }, 400, "merge.contact"],
      [{ contact: { existingId: contact.id }, merge: { company: { name: "lead" } } }, 400, "merge.company"],
      [
        { contact: { existingId: contact.id }, merge: { contact: { mobile: "lead" } } },
        422,
        "merge.contact.mobile",
      ],
    ];
    for (const [body, status, path] of cases) {
      const res = await convert(client, lead.id, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await client.get(`/api/v1/leads/${lead.id}`)).json().status).not.toBe("converted");
  });

  it("refuses to merge into a contact the user may see but not edit, and does not offer its fields", async () => {
    const team = await buildTeam(t.database.db);
    const { client: colleague } = await signedIn(t, "sales", team);
    const { client } = await signedIn(t, "sales", team);
    const lead = await createLead(client);
    const theirs = await contactLike(colleague, lead);
    const row = DEFAULT_MATRIX.sales;
    const own = await admin.request({
      method: "PUT",
      url: "/api/v1/permissions/sales",
      payload: { ...row, contact: { ...row.contact, read: "team", edit: "own" } },
    });
    expect(own.statusCode, own.body).toBe(200);
    try {
      const suggested = (await suggestionsOf(client, lead.id)).contacts.find(
        (c: { id: string }) => c.id === theirs.id,
      );
      expect(suggested.merge).toEqual({ allowed: false, fields: [] });
      const res = await convert(client, lead.id, {
        contact: { existingId: theirs.id },
        merge: { contact: { jobTitle: "lead" } },
      });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(["merge.contact"]);
      const [stored] = await t.database.db.select().from(contacts).where(eq(contacts.id, theirs.id));
      expect(stored?.jobTitle).toBe("Vertrieb");
      // Linking without taking anything stays allowed.
      const linked = await convert(client, lead.id, { contact: { existingId: theirs.id } });
      expect(linked.statusCode, linked.body).toBe(201);
    } finally {
      await admin.request({ method: "PUT", url: "/api/v1/permissions/sales", payload: row });
    }
  });
});
