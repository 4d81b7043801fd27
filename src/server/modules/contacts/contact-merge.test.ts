import { activityParticipants, auditLog, contacts, dealContacts, leads } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import {
  buildActivity,
  buildCompany,
  buildContact,
  buildDeal,
  buildLead,
  buildPipeline,
} from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { and, eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe("POST /api/v1/contacts/merge", () => {
  it("moves every linked record to the survivor, takes the chosen values and removes the loser", async () => {
    const { team, user, client } = await teamWithSales(t);
    const db = t.database.db;
    const company = await buildCompany(db, { team });
    const survivor = await buildContact(db, {
      team,
      owner: user,
      company,
      firstName: "Jürgen",
      lastName: "Müller",
      jobTitle: null,
      emails: [{ value: "jm@acme.de", type: "work", primary: true }],
      email: "jm@acme.de",
      tags: ["a"],
    });
    const loser = await buildContact(db, {
      team,
      owner: user,
      firstName: "Juergen",
      lastName: "Mueller",
      jobTitle: "Einkauf",
      emails: [{ value: "juergen@web.de", type: "private", primary: true }],
      email: "juergen@web.de",
      tags: ["b"],
    });
    const otherTeamLead = await buildLead(db, { contact: loser }); // invisible to the user, moved anyway
    const converted = await buildLead(db, { team, status: "converted", convertedContactId: loser.id });
    const { stages } = await buildPipeline(db);
    const stage = stages[0];
    const shared = await buildDeal(db, { team, stage, contacts: [loser, survivor] }); // loser primary
    const own = await buildDeal(db, { team, stage, contacts: [loser] });
    const activity = await buildActivity(db, { team, contact: loser });
    await db.insert(activityParticipants).values({ activityId: activity.id, contactId: loser.id });

    const res = await client.post("/api/v1/contacts/merge", {
      survivorId: survivor.id,
      loserId: loser.id,
      fields: { firstName: "loser", emails: "loser" },
      version: survivor.version,
    });
    expect(res.statusCode).toBe(200);
    const { contact, moved } = res.json();
    expect(contact).toMatchObject({
      id: survivor.id,
      firstName: "Juergen",
      lastName: "Müller",
      jobTitle: "Einkauf",
      companyId: company.id,
      email: "juergen@web.de",
      tags: ["a", "b"],
    });
    expect(contact.emails.map((e: { value: string }) => e.value)).toEqual(["juergen@web.de", "jm@acme.de"]);
    expect(moved).toMatchObject({
      leads: 1,
      convertedLeads: 1,
      deals: 2,
      activities: 1,
      activityParticipants: 1,
    });

    const leadRows = await db
      .select()
      .from(leads)
      .where(inArray(leads.id, [otherTeamLead.id, converted.id]));
    expect(leadRows.map((l) => l.contactId ?? l.convertedContactId)).toEqual([survivor.id, survivor.id]);
    const links = await db
      .select()
      .from(dealContacts)
      .where(inArray(dealContacts.dealId, [shared.id, own.id]));
    expect(links.map((l) => [l.dealId, l.contactId, l.isPrimary]).sort()).toEqual(
      [
        [shared.id, survivor.id, true],
        [own.id, survivor.id, true],
      ].sort(),
    );
    const [loserRow] = await db.select().from(contacts).where(eq(contacts.id, loser.id));
    expect(loserRow?.deletedAt).not.toBeNull();
    expect(loserRow?.mergedIntoId).toBe(survivor.id);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "contact"), inArray(auditLog.entityId, [survivor.id, loser.id])));
    expect(audit.map((a) => a.action).sort()).toEqual(["contact.merged", "contact.merged_into"]);

    // The loser's old URL points to the survivor.
    const old = await client.get(`/api/v1/contacts/${loser.id}`);
    expect(old.statusCode).toBe(308);
    expect(old.headers.location).toBe(`/api/v1/contacts/${survivor.id}`);
  });

  it("keeps every linked record at the survivor for any mix of links (property)", async () => {
    const { team, user, client } = await teamWithSales(t);
    const db = t.database.db;
    const { stages } = await buildPipeline(db);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          leadsOf: fc.array(fc.constantFrom("survivor", "loser", "both"), { maxLength: 3 }),
          dealsOf: fc.array(fc.constantFrom("survivor", "loser", "both"), { maxLength: 3 }),
          activitiesOf: fc.array(fc.constantFrom("survivor", "loser"), { maxLength: 3 }),
        }),
        async ({ leadsOf, dealsOf, activitiesOf }) => {
          const survivor = await buildContact(db, { team, owner: user });
          const loser = await buildContact(db, { team, owner: user });
          const pick = (side: string) =>
            side === "survivor" ? [survivor] : side === "loser" ? [loser] : [loser, survivor];
          const leadIds = [];
          for (const side of leadsOf) {
            const contact = side === "survivor" ? survivor : loser;
            leadIds.push((await buildLead(db, { team, contact })).id);
          }
          const dealIds = [];
          for (const side of dealsOf)
            dealIds.push((await buildDeal(db, { team, stage: stages[0], contacts: pick(side) })).id);
          const activityIds = [];
          for (const side of activitiesOf)
            activityIds.push(
              (await buildActivity(db, { team, contact: side === "survivor" ? survivor : loser })).id,
            );

          const res = await client.post("/api/v1/contacts/merge", {
            survivorId: survivor.id,
            loserId: loser.id,
          });
          expect(res.statusCode).toBe(200);
          const leadRows = leadIds.length
            ? await db.select().from(leads).where(inArray(leads.id, leadIds))
            : [];
          expect(leadRows.every((l) => l.contactId === survivor.id)).toBe(true);
          const links = dealIds.length
            ? await db.select().from(dealContacts).where(inArray(dealContacts.dealId, dealIds))
            : [];
          expect(links.every((l) => l.contactId === survivor.id)).toBe(true);
          expect(new Set(links.map((l) => l.dealId)).size).toBe(dealIds.length);
          expect(links).toHaveLength(dealIds.length);
          const acts = await db
            .select()
            .from(activityParticipants)
            .where(eq(activityParticipants.contactId, loser.id));
          expect(acts).toEqual([]);
        },
      ),
      { numRuns: 6 },
    );
  });

  it("answers 404 when the caller cannot see one of the two and changes nothing", async () => {
    const { team, user, client } = await teamWithSales(t);
    const survivor = await buildContact(t.database.db, { team, owner: user });
    const foreign = await buildContact(t.database.db, {});
    const res = await client.post("/api/v1/contacts/merge", { survivorId: survivor.id, loserId: foreign.id });
    expect(res.statusCode).toBe(404);
    const [row] = await t.database.db.select().from(contacts).where(eq(contacts.id, foreign.id));
    expect(row?.deletedAt).toBeNull();
  });

  it("refuses merging a contact into itself and a stale survivor version", async () => {
    const { team, user, client } = await teamWithSales(t);
    const a = await buildContact(t.database.db, { team, owner: user });
    const b = await buildContact(t.database.db, { team, owner: user });
    const self = await client.post("/api/v1/contacts/merge", { survivorId: a.id, loserId: a.id });
    expect(self.statusCode).toBe(400);
    expect(self.json().errors).toEqual([expect.objectContaining({ path: "loserId" })]);
    const stale = await client.post("/api/v1/contacts/merge", {
      survivorId: a.id,
      loserId: b.id,
      version: 99,
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe("GET /api/v1/contacts/{id}/duplicates and /contacts/matches", () => {
  it("finds contacts with the same email, phone, or name at the same company, each with its reasons", async () => {
    const { team, user, client } = await teamWithSales(t);
    const db = t.database.db;
    const company = await buildCompany(db, { team });
    const subject = await buildContact(db, {
      team,
      owner: user,
      company,
      firstName: "Jürgen",
      lastName: "Müller",
      emails: [{ value: "JM@acme.de", type: "work", primary: true }],
      email: "JM@acme.de",
      phones: [{ value: "030 1234567", type: "work", primary: true }],
      phone: "030 1234567",
      phoneNormalized: "+49301234567",
    });
    const byEmail = await buildContact(db, {
      team,
      emails: [],
      email: "jm@acme.de",
      phone: null,
      phoneNormalized: null,
    });
    const byPhone = await buildContact(db, {
      team,
      emails: [],
      email: null,
      phones: [{ value: "+49 30 1234567", type: "work", primary: true }],
      phone: "+49 30 1234567",
      phoneNormalized: "+49301234567",
    });
    const byName = await buildContact(db, {
      team,
      company,
      firstName: "Jurgen",
      lastName: "MULLER",
      email: null,
      phone: null,
      phoneNormalized: null,
    });
    await buildContact(db, {
      team,
      firstName: "Jürgen",
      lastName: "Müller",
      email: null,
      phone: null,
      phoneNormalized: null,
    });
    const hidden = await buildContact(db, { email: "jm@acme.de" }); // another team

    const res = await client.get(`/api/v1/contacts/${subject.id}/duplicates`);
    expect(res.statusCode).toBe(200);
    const found = Object.fromEntries(
      res.json().data.map((d: { contact: { id: string }; reasons: string[] }) => [d.contact.id, d.reasons]),
    );
    expect(found).toEqual({
      [byEmail.id]: ["email"],
      [byPhone.id]: ["phone"],
      [byName.id]: ["name_company"],
    });
    expect(found[hidden.id]).toBeUndefined();

    const hint = await client.get("/api/v1/contacts/matches?email=jm%40ACME.de&phone=%2B49%2030%201234567");
    expect(
      hint
        .json()
        .data.map((d: { contact: { id: string } }) => d.contact.id)
        .sort(),
    ).toEqual([subject.id, byEmail.id, byPhone.id].sort());
  });
});

describe("GET /api/v1/contacts/{id}/duplicates and /contacts/matches by a second address", () => {
  it("finds a contact by any of its addresses, and no longer once the address is removed", async () => {
    const { client } = await teamWithSales(t);
    const subject = (
      await client.post("/api/v1/contacts", { lastName: "Erster", email: "erst@zweit-dup.de" })
    ).json();
    const twin = (
      await client.post("/api/v1/contacts", {
        lastName: "Zweiter",
        emails: [
          { value: "haupt@zweit-dup.de", primary: true },
          { value: "ERST@zweit-dup.de", type: "private" },
        ],
      })
    ).json();
    const duplicates = async () =>
      Object.fromEntries(
        (await client.get(`/api/v1/contacts/${subject.id}/duplicates`))
          .json()
          .data.map((d: { contact: { id: string }; reasons: string[] }) => [d.contact.id, d.reasons]),
      );
    const hint = async () =>
      (await client.get("/api/v1/contacts/matches?email=Erst%40zweit-dup.de"))
        .json()
        .data.map((d: { contact: { id: string } }) => d.contact.id)
        .sort();
    expect(await duplicates()).toEqual({ [twin.id]: ["email"] });
    expect(await hint()).toEqual([subject.id, twin.id].sort());

    const edited = await client.patch(`/api/v1/contacts/${twin.id}`, {
      emails: [{ value: "haupt@zweit-dup.de", primary: true }],
      version: twin.version,
    });
    expect(edited.statusCode).toBe(200);
    expect(await duplicates()).toEqual({});
    expect(await hint()).toEqual([subject.id]);
  });
});

describe("GET /api/v1/contacts/{id} of a merged contact", () => {
  it("is 404 when the caller cannot see the survivor", async () => {
    const { client } = await signedIn(t, "sales");
    const admin = await signedIn(t, "admin");
    const a = await buildContact(t.database.db, {});
    const b = await buildContact(t.database.db, {});
    expect(
      (await admin.client.post("/api/v1/contacts/merge", { survivorId: a.id, loserId: b.id })).statusCode,
    ).toBe(200);
    expect((await client.get(`/api/v1/contacts/${b.id}`)).statusCode).toBe(404);
  });
});
