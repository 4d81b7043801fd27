import { auditLog, contacts } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const fullContact = {
  salutation: "Frau",
  title: "Dr.",
  firstName: "Jördis",
  lastName: "Müller",
  jobTitle: "Einkaufsleitung",
  department: "Einkauf",
  emails: [
    { value: "j.mueller@example.de", type: "work", primary: false },
    { value: "joerdis@example.org", type: "private", primary: true },
  ],
  phones: [
    { value: "030 1234567", type: "work", primary: true },
    { value: "+49 171 2345678", type: "mobile", primary: false },
  ],
  addresses: [
    { type: "private", street: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "DE" },
  ],
  birthday: "1980-02-29",
  leadSource: "trade_show",
  description: "Met at Hannover Messe",
  tags: ["messe", "a-kunde", "messe"],
  marketingConsent: { given: true, source: "Hannover Messe 2026" },
};

describe("POST /api/v1/contacts", () => {
  it("stores every field, mirrors the primary email and phone, and answers the API shape", async () => {
    const { user, client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/contacts", fullContact);
    expect(res.statusCode).toBe(201);
    const contact = res.json();
    expect(contact).toMatchObject({
      ...fullContact,
      tags: ["messe", "a-kunde"],
      email: "joerdis@example.org",
      phone: "030 1234567",
      ownerId: user.id,
      teamId: user.teamId,
      companyId: null,
      companyName: null,
      version: 1,
      marketingConsent: { given: true, source: "Hannover Messe 2026", at: expect.any(String) },
    });
    expect(contact).not.toHaveProperty("searchText");
    expect((await client.get(`/api/v1/contacts/${contact.id}`)).json()).toEqual(contact);
    const [row] = await t.database.db.select().from(contacts).where(eq(contacts.id, contact.id));
    expect(row?.phoneNormalized).toBe("+49301234567");
    const [created] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, contact.id), eq(auditLog.action, "contact.created")));
    expect(created?.actorId).toBe(user.id);
  });

  it("makes the first entry primary when none is marked, and takes email/phone as shortcuts", async () => {
    const { client } = await signedIn(t, "sales");
    const listed = (
      await client.post("/api/v1/contacts", {
        lastName: "Lists",
        emails: [{ value: "first@example.com" }, { value: "second@example.com" }],
      })
    ).json();
    expect(listed.emails.map((e: { primary: boolean }) => e.primary)).toEqual([true, false]);
    expect(listed.email).toBe("first@example.com");
    const short = (
      await client.post("/api/v1/contacts", {
        lastName: "Short",
        email: "s@example.com",
        phone: "+49 89 123456",
      })
    ).json();
    expect(short).toMatchObject({
      email: "s@example.com",
      phone: "+49 89 123456",
      emails: [{ value: "s@example.com", type: "work", primary: true }],
      phones: [{ value: "+49 89 123456", type: "work", primary: true }],
    });
  });

  it("names each bad field: unknown, two primaries, malformed email and phone, oversized, future birthday", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/contacts", {
      lastName: "x".repeat(101),
      emails: [
        { value: "a@example.com", primary: true },
        { value: "not-an-email", primary: true },
        { value: "A@example.com", shoeSize: 44 },
      ],
      phones: [{ value: "12" }],
      birthday: "2999-01-01",
      leadSource: "carrier_pigeon",
      favouriteColour: "blue",
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual([
      "birthday",
      "emails.1.primary",
      "emails.1.value",
      "emails.2.shoeSize",
      "emails.2.value",
      "favouriteColour",
      "lastName",
      "leadSource",
      "phones.0.value",
    ]);
  });

  it("says which entry is the second primary and which is listed twice", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/contacts", {
      lastName: "Twice",
      emails: [
        { value: "a@example.com", primary: true },
        { value: "b@example.com", primary: true },
        { value: "A@example.com" },
      ],
      phones: [{ value: "030 123456", primary: true }, { value: "+49 30 123456" }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "emails.1.primary", message: "Only one email can be primary" }),
        expect.objectContaining({ path: "emails.2.value", message: "Listed twice" }),
      ]),
    );
  });

  it("needs a last name", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/contacts", { firstName: "Only" });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe("lastName");
    expect((await client.post("/api/v1/contacts", { lastName: "   " })).statusCode).toBe(400);
  });

  it("refuses a company the caller cannot see and an owner from another team (422 with the path)", async () => {
    const a = await teamWithSales(t);
    const b = await teamWithSales(t);
    const theirs = (await b.client.post("/api/v1/companies", { name: "Hidden GmbH" })).json();
    const company = await a.client.post("/api/v1/contacts", { lastName: "X", companyId: theirs.id });
    expect(company.statusCode).toBe(422);
    expect(company.json().errors[0].path).toBe("companyId");
    const owner = await a.client.post("/api/v1/contacts", { lastName: "X", ownerId: b.user.id });
    expect(owner.statusCode).toBe(422);
    expect(owner.json().errors[0].path).toBe("ownerId");
    const team = await a.client.post("/api/v1/contacts", { lastName: "X", teamId: b.team.id });
    expect(team.statusCode).toBe(422);
    expect(team.json().errors[0].path).toBe("teamId");
  });

  it("links a visible company and answers its name", async () => {
    const { client } = await signedIn(t, "sales");
    const company = (await client.post("/api/v1/companies", { name: "Linked AG" })).json();
    const contact = (
      await client.post("/api/v1/contacts", { lastName: "Linked", companyId: company.id })
    ).json();
    expect(contact).toMatchObject({ companyId: company.id, companyName: "Linked AG" });
  });
});

describe("PATCH /api/v1/contacts/{id}", () => {
  it("answers 409 on a stale version or If-Match and keeps the newer data", async () => {
    const { client } = await signedIn(t, "sales");
    const contact = (await client.post("/api/v1/contacts", { lastName: "Version" })).json();
    const first = await client.patch(`/api/v1/contacts/${contact.id}`, { jobTitle: "CEO", version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await client.patch(`/api/v1/contacts/${contact.id}`, { jobTitle: "CFO", version: 1 });
    expect(stale.statusCode).toBe(409);
    const header = await client.patch(
      `/api/v1/contacts/${contact.id}`,
      { jobTitle: "CFO" },
      { "if-match": '"1"' },
    );
    expect(header.statusCode).toBe(409);
    expect((await client.get(`/api/v1/contacts/${contact.id}`)).json().jobTitle).toBe("CEO");
    const fresh = await client.patch(
      `/api/v1/contacts/${contact.id}`,
      { jobTitle: "CFO" },
      { "if-match": '"2"' },
    );
    expect(fresh.statusCode).toBe(200);
  });

  it("replaces the lists, moves the mirrors and records the diff in the timeline", async () => {
    const { user, client } = await signedIn(t, "sales");
    const contact = (
      await client.post("/api/v1/contacts", { lastName: "Mover", phone: "030 111111" })
    ).json();
    const updated = (
      await client.patch(`/api/v1/contacts/${contact.id}`, {
        phones: [
          { value: "030 111111", type: "work" },
          { value: "+49 171 9999999", type: "mobile", primary: true },
        ],
      })
    ).json();
    expect(updated.phone).toBe("+49 171 9999999");
    const [row] = await t.database.db.select().from(contacts).where(eq(contacts.id, contact.id));
    expect(row?.phoneNormalized).toBe("+491719999999");
    const dropped = (await client.patch(`/api/v1/contacts/${contact.id}`, { phone: null })).json();
    expect(dropped.phones).toEqual([{ value: "030 111111", type: "work", primary: true }]);
    const timeline = (await client.get(`/api/v1/contacts/${contact.id}/timeline`)).json().data;
    expect(timeline.map((i: { action: string }) => i.action)).toEqual([
      "contact.updated",
      "contact.updated",
      "contact.created",
    ]);
    expect(timeline[1]).toMatchObject({ actor: { id: user.id }, changes: { phones: expect.any(Object) } });
  });

  it("stamps a consent change with its time and keeps the source", async () => {
    const { client } = await signedIn(t, "sales");
    const contact = (await client.post("/api/v1/contacts", { lastName: "Consent" })).json();
    expect(contact.marketingConsent).toEqual({ given: false, source: null, at: null });
    const given = (
      await client.patch(`/api/v1/contacts/${contact.id}`, {
        marketingConsent: { given: true, source: "Newsletter form", at: "2026-01-15T10:00:00Z" },
      })
    ).json();
    expect(given.marketingConsent).toEqual({
      given: true,
      source: "Newsletter form",
      at: "2026-01-15T10:00:00.000Z",
    });
    const withdrawn = (
      await client.patch(`/api/v1/contacts/${contact.id}`, { marketingConsent: { given: false } })
    ).json();
    expect(withdrawn.marketingConsent.given).toBe(false);
    expect(withdrawn.marketingConsent.at).not.toBe(given.marketingConsent.at);
  });

  it("refuses an empty last name and unknown fields", async () => {
    const { client } = await signedIn(t, "sales");
    const contact = (await client.post("/api/v1/contacts", { lastName: "Keep" })).json();
    const res = await client.patch(`/api/v1/contacts/${contact.id}`, { lastName: "", id: contact.id });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["id", "lastName"]);
  });
});

describe("DELETE /api/v1/contacts/{id}", () => {
  it("soft-deletes: gone from get and list, the row and its history stay", async () => {
    const { client } = await signedIn(t, "sales");
    const contact = (await client.post("/api/v1/contacts", { lastName: "Gone" })).json();
    expect((await client.delete(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(204);
    expect((await client.get(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(404);
    expect((await client.delete(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(404);
    expect((await client.get("/api/v1/contacts?q=gone")).json().data).toEqual([]);
    const [row] = await t.database.db.select().from(contacts).where(eq(contacts.id, contact.id));
    expect(row?.deletedAt).toBeInstanceOf(Date);
  });
});

describe("visibility", () => {
  it("answers 404 to sales of another team for read, edit, delete and timeline, and hides it in lists", async () => {
    const a = await teamWithSales(t);
    const b = await teamWithSales(t);
    const contact = (await a.client.post("/api/v1/contacts", { lastName: "Teamaonly" })).json();
    expect((await b.client.get(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(404);
    expect((await b.client.patch(`/api/v1/contacts/${contact.id}`, { jobTitle: "X" })).statusCode).toBe(404);
    expect((await b.client.delete(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(404);
    expect((await b.client.get(`/api/v1/contacts/${contact.id}/timeline`)).statusCode).toBe(404);
    expect((await b.client.get("/api/v1/contacts?q=teamaonly")).json().data).toEqual([]);
    expect((await a.client.get("/api/v1/contacts?q=teamaonly")).json().data).toHaveLength(1);
    const manager = await signedIn(t, "manager");
    expect((await manager.client.get(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(200);
  });

  it("lets a sales user see a contact of another team that they own", async () => {
    const a = await teamWithSales(t);
    const admin = await signedIn(t, "admin");
    const contact = (
      await admin.client.post("/api/v1/contacts", { lastName: "Owned", ownerId: a.user.id, teamId: null })
    ).json();
    expect((await a.client.get(`/api/v1/contacts/${contact.id}`)).statusCode).toBe(200);
  });
});
