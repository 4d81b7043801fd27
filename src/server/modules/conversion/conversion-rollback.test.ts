import { contacts, deals, leads } from "@server/db/schema";
import { buildTestApp, Client, type TestApp } from "@test/app";
import { convert, counts, createLead } from "@test/conversion-helpers";
import { buildPipeline } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  // Conversions with a deal need a default pipeline.
  await buildPipeline(t.database.db, { isDefault: true });
});
afterAll(() => t.close());

describe("conversion rollback", () => {
  // Test-only triggers that raise for a marked row: a real database failure at each step.
  const failAt = {
    company: "companies before insert: name",
    contact: "contacts before insert: last name",
    contactLink: "contacts before update: company link",
    deal: "deals before insert: title",
    appointment: "activities before insert: subject",
    relink: "activities before update: subject",
    lead: "leads before update: converted",
    audit: "audit_log before insert: lead.converted",
  } as const;

  beforeAll(async () => {
    const raise = (name: string, table: string, when: string, timing = "before insert") => [
      `create or replace function test_fail_${name}() returns trigger language plpgsql as $$
      begin
        if ${when} then raise exception 'forced failure: ${name}'; end if;
        return new;
      end $$`,
      `create trigger test_fail_${name} ${timing} on ${table} for each row execute function test_fail_${name}()`,
    ];
    const statements = [
      raise("company", "companies", "new.name = 'FAIL company'"),
      raise("contact", "contacts", "new.last_name = 'FAIL contact'"),
      raise(
        "contact_link",
        "contacts",
        "new.last_name = 'FAIL link' and new.company_id is distinct from old.company_id",
        "before update",
      ),
      raise("deal", "deals", "new.title = 'FAIL deal'"),
      raise("appointment", "activities", "new.subject = 'FAIL appointment'"),
      raise(
        "relink",
        "activities",
        "new.subject = 'FAIL relink' and new.contact_id is not null",
        "before update",
      ),
      raise("lead", "leads", "new.status = 'converted' and new.interest = 'FAIL lead'", "before update"),
      raise(
        "audit",
        "audit_log",
        "new.action = 'lead.converted' and new.changes->>'leadName' like '%FAIL audit%'",
      ),
    ];
    for (const statement of statements.flat()) await t.database.db.execute(statement);
  });

  const cases: { step: keyof typeof failAt; lead?: Record<string, unknown>; body: (ctx: Ctx) => unknown }[] =
    [
      { step: "company", body: () => full({ company: { create: { name: "FAIL company" } } }) },
      { step: "contact", body: () => full({ contact: { create: { lastName: "FAIL contact" } } }) },
      { step: "contactLink", body: (c) => full({ contact: { existingId: c.failingContactId } }) },
      { step: "deal", body: () => full({ deal: { title: "FAIL deal" } }) },
      { step: "appointment", body: () => full({ appointment: { ...meeting, subject: "FAIL appointment" } }) },
      { step: "relink", body: () => full() },
      { step: "lead", lead: { interest: "FAIL lead" }, body: () => full() },
      { step: "audit", lead: { firstName: "FAIL audit" }, body: () => full() },
    ];
  interface Ctx {
    failingContactId: string;
  }
  const meeting = { type: "meeting", startsAt: "2027-02-01T10:00:00.000Z" };
  const full = (parts: Record<string, unknown> = {}) => ({
    contact: { create: {} },
    company: { create: {} },
    deal: {},
    appointment: meeting,
    ...parts,
  });

  it.each(cases)("changes nothing when the $step step fails", async ({ step, lead: leadOverrides, body }) => {
    const { user, client } = await signedIn(t, "sales");
    const lead = await createLead(client, { ownerId: user.id, ...leadOverrides });
    if (step === "relink")
      await client.post("/api/v1/activities", { type: "note", subject: "FAIL relink", leadId: lead.id });
    const failing = (await client.post("/api/v1/contacts", { lastName: "FAIL link" })).json();
    const [leadBefore] = await t.database.db.select().from(leads).where(eq(leads.id, lead.id));
    const before = await counts(t);

    const res = await convert(client, lead.id, body({ failingContactId: failing.id }));
    expect({ step, status: res.statusCode }).toEqual({ step, status: 500 });

    expect(await counts(t)).toEqual(before);
    const [leadAfter] = await t.database.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(leadAfter).toEqual(leadBefore);
    const [contactAfter] = await t.database.db.select().from(contacts).where(eq(contacts.id, failing.id));
    expect(contactAfter?.companyId).toBeNull();
    expect(contactAfter?.version).toBe(failing.version);
  });
});

describe("two conversions of one lead at the same time", () => {
  it("lets exactly one succeed (201) and answers the other 409", async () => {
    const { user, client } = await signedIn(t, "sales");
    const lead = await createLead(client, { ownerId: user.id });
    // A second app instance with its own connection pool on PostgreSQL, as a second process would be.
    const other = new Client(await t.sibling());
    await other.login(user.email, user.password);
    const body = { contact: { create: {} }, company: { create: {} }, deal: {} };
    const responses = await Promise.all([convert(client, lead.id, body), convert(other, lead.id, body)]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const made = await t.database.db.select().from(contacts).where(eq(contacts.lastName, lead.lastName));
    expect(made).toHaveLength(1);
    const madeDeals = await t.database.db.select().from(deals).where(eq(deals.sourceLeadId, lead.id));
    expect(madeDeals).toHaveLength(1);
  });
});
