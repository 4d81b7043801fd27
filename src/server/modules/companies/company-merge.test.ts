import { activities, auditLog, companies, contacts, deals, leads } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildActivity, buildCompany, buildContact, buildDeal, buildLead } from "@test/factories-crm";
import { teamWithSales } from "@test/lead-helpers";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe("POST /api/v1/companies/merge", () => {
  it("moves contacts, leads, deals, activities and subsidiaries to the survivor in one go", async () => {
    const { team, user, client } = await teamWithSales(t);
    const db = t.database.db;
    const survivor = await buildCompany(db, {
      team,
      owner: user,
      name: "Acme GmbH",
      website: null,
      domain: null,
      vatId: null,
      tags: ["x"],
    });
    const loser = await buildCompany(db, {
      team,
      owner: user,
      name: "ACME",
      website: "https://www.acme.de",
      domain: "acme.de",
      vatId: "DE123456789",
      tags: ["y"],
    });
    // The survivor was a subsidiary of the loser: it must not end up as its own parent.
    await db.update(companies).set({ parentCompanyId: loser.id }).where(eq(companies.id, survivor.id));
    const child = await buildCompany(db, { team, parentCompanyId: loser.id });
    const person = await buildContact(db, { team, company: loser });
    const lead = await buildLead(db, { team, company: loser });
    const converted = await buildLead(db, { team, status: "converted", convertedCompanyId: loser.id });
    const deal = await buildDeal(db, { team, company: loser });
    const activity = await buildActivity(db, { team, company: loser });

    const res = await client.post("/api/v1/companies/merge", {
      survivorId: survivor.id,
      loserId: loser.id,
      fields: { name: "survivor", website: "loser" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().company).toMatchObject({
      id: survivor.id,
      name: "Acme GmbH",
      website: "https://www.acme.de",
      domain: "acme.de",
      vatId: "DE123456789",
      parentCompanyId: null,
      tags: ["x", "y"],
    });
    expect(res.json().moved).toMatchObject({
      contacts: 1,
      leads: 1,
      convertedLeads: 1,
      deals: 1,
      activities: 1,
      childCompanies: 1,
    });

    const [c] = await db.select().from(contacts).where(eq(contacts.id, person.id));
    expect(c?.companyId).toBe(survivor.id);
    const leadRows = await db
      .select()
      .from(leads)
      .where(inArray(leads.id, [lead.id, converted.id]));
    expect(leadRows.map((l) => l.companyId ?? l.convertedCompanyId)).toEqual([survivor.id, survivor.id]);
    const [d] = await db.select().from(deals).where(eq(deals.id, deal.id));
    expect(d?.companyId).toBe(survivor.id);
    const [a] = await db.select().from(activities).where(eq(activities.id, activity.id));
    expect(a?.companyId).toBe(survivor.id);
    const [ch] = await db.select().from(companies).where(eq(companies.id, child.id));
    expect(ch?.parentCompanyId).toBe(survivor.id);
    const [gone] = await db.select().from(companies).where(eq(companies.id, loser.id));
    expect(gone).toMatchObject({ mergedIntoId: survivor.id });
    expect(gone?.deletedAt).not.toBeNull();
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "company"), inArray(auditLog.entityId, [survivor.id, loser.id])));
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(["company.merged", "company.merged_into"]),
    );

    const file = await client.get(`/api/v1/companies/${loser.id}/file`);
    expect(file.statusCode).toBe(308);
    expect(file.headers.location).toBe(`/api/v1/companies/${survivor.id}/file`);
    const merged = (await client.get(`/api/v1/companies/${survivor.id}/file`)).json();
    expect(merged.contacts.map((x: { id: string }) => x.id)).toContain(person.id);
    expect(merged.activities.map((x: { id: string }) => x.id)).toContain(activity.id);
  });

  it("finds duplicates by website domain and by name without legal form", async () => {
    const { team, user, client } = await teamWithSales(t);
    const db = t.database.db;
    const subject = await buildCompany(db, {
      team,
      owner: user,
      name: "Müller & Söhne GmbH",
      website: "https://mueller-soehne.de",
      domain: "mueller-soehne.de",
    });
    const sameDomain = await buildCompany(db, {
      team,
      name: "MS Handel",
      website: "http://www.mueller-soehne.de",
      domain: "mueller-soehne.de",
    });
    const sameName = await buildCompany(db, { team, name: "Muller & Sohne", website: null, domain: null });
    await buildCompany(db, { team, name: "Müller Logistik AG", website: null, domain: null });
    const res = await client.get(`/api/v1/companies/${subject.id}/duplicates`);
    expect(res.statusCode).toBe(200);
    const found = Object.fromEntries(
      res.json().data.map((d: { company: { id: string }; reasons: string[] }) => [d.company.id, d.reasons]),
    );
    expect(found).toEqual({ [sameDomain.id]: ["website_domain"], [sameName.id]: ["company_name"] });
    const hint = await client.get(
      "/api/v1/companies/matches?name=M%C3%BCller%20%26%20S%C3%B6hne&website=mueller-soehne.de",
    );
    expect(hint.json().data).toHaveLength(3);
  });
});
