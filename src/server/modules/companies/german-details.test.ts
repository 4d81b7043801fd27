import { companies, contacts, leads } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { convert, createLead } from "@test/conversion-helpers";
import { buildPipeline } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** German business details (issue #20 point 4) through the API: VAT ids, title and Sie/Du, exports. */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await buildPipeline(t.database.db, { isDefault: true });
});
afterAll(() => t.close());

describe("the VAT id of a company", () => {
  it("refuses a German number with a wrong check digit and a malformed one with 400 naming vatId", async () => {
    const { client } = await signedIn(t, "sales");
    const digit = await client.post("/api/v1/companies", { name: "Prüfziffer GmbH", vatId: "DE136695978" });
    expect(digit.statusCode).toBe(400);
    expect(digit.headers["content-type"]).toContain("application/problem+json");
    expect(digit.json().errors).toEqual([
      expect.objectContaining({ path: "vatId", code: "vat_id_check_digit" }),
    ]);
    const format = await client.post("/api/v1/companies", { name: "Format AG", vatId: "ATU1234" });
    expect(format.statusCode).toBe(400);
    expect(format.json().errors).toEqual([
      expect.objectContaining({ path: "vatId", code: "vat_id_invalid" }),
    ]);
    const nul = await client.post("/api/v1/companies", { name: "Nul AG", vatId: "DE13669597\u0000" });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors[0].path).toBe("vatId");
  });

  it("stores a valid number compact and refuses a wrong one on update and in a batch", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/companies", { name: "Richtig GmbH", vatId: "de 136.695.976" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().vatId).toBe("DE136695976");
    const wrong = await client.patch(`/api/v1/companies/${res.json().id}`, { vatId: "DE123456789" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      expect.objectContaining({ path: "vatId", code: "vat_id_check_digit" }),
    ]);
    const batch = await client.post("/api/v1/companies/batch", {
      records: [
        { externalId: "vat-ok", name: "Batch Eins", vatId: "FR40303265045" },
        { externalId: "vat-bad", name: "Batch Zwei", vatId: "DE123456789" },
      ],
    });
    expect(batch.statusCode, batch.body).toBe(200);
    const [ok, bad] = batch.json().results;
    expect(ok.status).toBe("created");
    expect(bad.status).toBe("error");
    expect(bad.errors).toEqual([expect.objectContaining({ path: "vatId", code: "vat_id_check_digit" })]);
  });

  it("lets a record whose stored number predates the check be edited without touching it", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/companies", { name: "Altbestand GmbH" });
    await t.database.db
      .update(companies)
      .set({ vatId: "DE123456789" })
      .where(eq(companies.id, res.json().id));
    const edit = await client.patch(`/api/v1/companies/${res.json().id}`, {
      name: "Altbestand GmbH & Co. KG",
      vatId: "DE123456789",
    });
    expect(edit.statusCode, edit.body).toBe(200);
  });
});

describe("title, salutation and Sie/Du of contacts and leads", () => {
  it("stores title and formality, defaults to formal and refuses an unknown formality naming it", async () => {
    const { client } = await signedIn(t, "sales");
    const res = await client.post("/api/v1/contacts", {
      salutation: "Frau",
      title: "Dr.",
      lastName: "Müller",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ salutation: "Frau", title: "Dr.", formality: "formal" });
    const du = await client.patch(`/api/v1/contacts/${res.json().id}`, { formality: "informal" });
    expect(du.json().formality).toBe("informal");
    const bad = await client.post("/api/v1/contacts", { lastName: "X", formality: "per du" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe("formality");
  });

  it("carries title and formality from the lead to the contact it becomes", async () => {
    const { user, client } = await signedIn(t, "sales");
    const lead = await createLead(client, { ownerId: user.id, title: "Prof. Dr.", formality: "informal" });
    expect(lead.formality).toBe("informal");
    const res = await convert(client, lead.id, { contact: { create: {} } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().contact).toMatchObject({ title: "Prof. Dr.", formality: "informal" });
  });

  it("exports the letter salutation and the DIN 5008 address block", async () => {
    const { client } = await signedIn(t, "sales");
    const created = await client.post("/api/v1/contacts", {
      salutation: "Frau",
      title: "Dr.",
      firstName: "Anna",
      lastName: "Brief-Müller",
      addresses: [
        { type: "billing", street: "Ring 2", postalCode: "1010", city: "Wien", country: "Österreich" },
      ],
      tags: ["din5008"],
    });
    expect(created.statusCode, created.body).toBe(201);
    const csv = await client.get("/api/v1/contacts/export.csv?locale=de&tags=din5008");
    const [header, row] = parse(csv.body.replace(/^\uFEFF/, ""), { delimiter: ";" }) as string[][];
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(cell("Briefanrede")).toBe("Sehr geehrte Frau Dr. Brief-Müller");
    expect(cell("Anschrift")).toBe("Frau Dr. Anna Brief-Müller\nRing 2\n1010 Wien\nÖSTERREICH");
    const en = await client.get("/api/v1/contacts/export.csv?locale=en&tags=din5008");
    const [enHeader, enRow] = parse(en.body.replace(/^\uFEFF/, ""), { delimiter: "," }) as string[][];
    expect(enRow?.[enHeader?.indexOf("Letter salutation") ?? -1]).toBe("Dear Dr Brief-Müller");
  });
});

describe("the phone E.164 backfill job", () => {
  it("stores the E.164 form beside phones typed before it was kept, and leaves the typed text", async () => {
    const db = t.database.db;
    const [company] = await db
      .insert(companies)
      .values({ name: "Altfirma", phone: "030 1234567" })
      .returning({ id: companies.id });
    const [contact] = await db
      .insert(contacts)
      .values({ lastName: "Altkontakt", phone: "+43 1 5123456", phoneNormalized: null })
      .returning({ id: contacts.id });
    const [lead] = await db
      .insert(leads)
      .values({ lastName: "Altlead", mobile: "0171 2345678", phone: "nur vormittags" })
      .returning({ id: leads.id });
    await t.app.jobs.enqueue("phone-e164-backfill");
    await t.app.jobs.runDue();
    const [c] = await db
      .select()
      .from(companies)
      .where(eq(companies.id, company?.id ?? ""));
    expect(c).toMatchObject({ phone: "030 1234567", phoneNormalized: "+49301234567" });
    const [p] = await db
      .select()
      .from(contacts)
      .where(eq(contacts.id, contact?.id ?? ""));
    expect(p?.phoneNormalized).toBe("+4315123456");
    const [l] = await db
      .select()
      .from(leads)
      .where(eq(leads.id, lead?.id ?? ""));
    expect(l).toMatchObject({
      phone: "nur vormittags",
      phoneNormalized: null,
      mobileNormalized: "+491712345678",
    });
  });
});
