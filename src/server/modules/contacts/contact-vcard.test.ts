import { readFileSync } from "node:fs";
import { contacts } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildCompany } from "@test/factories-crm";
import { teamWithSales } from "@test/lead-helpers";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const fixture = (name: string) => readFileSync(`test/fixtures/vcard/${name}`, "utf8");
const importVcf = (
  client: Awaited<ReturnType<typeof teamWithSales>>["client"],
  body: string,
  type = "text/vcard",
) =>
  client.request({
    method: "POST",
    url: "/api/v1/contacts/import/vcard",
    payload: body,
    headers: { "content-type": type },
  });

describe("GET /api/v1/contacts/{id}/vcard", () => {
  it("answers the contact as vCard 4.0 with its company", async () => {
    const { team, user, client } = await teamWithSales(t);
    const company = await buildCompany(t.database.db, { team, owner: user, name: "Müller & Söhne GmbH" });
    const created = await client.post("/api/v1/contacts", {
      title: "Dr.",
      firstName: "Jürgen",
      lastName: "Müller",
      companyId: company.id,
      emails: [{ value: "jm@mueller.de", type: "work", primary: true }],
      phones: [{ value: "+49 30 1234567", type: "work" }],
    });
    const res = await client.get(`/api/v1/contacts/${created.json().id}/vcard`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/vcard; charset=utf-8");
    expect(res.headers["content-disposition"]).toContain("J%C3%BCrgen%20M%C3%BCller.vcf");
    expect(res.body).toContain("VERSION:4.0");
    expect(res.body).toContain("FN:Dr. Jürgen Müller");
    expect(res.body).toContain("ORG:Müller & Söhne GmbH");
    expect(res.body).toContain("EMAIL;TYPE=work;PREF=1:jm@mueller.de");
  });
});

describe("POST /api/v1/contacts/import/vcard", () => {
  it("imports Apple, Google, Outlook and Nextcloud exports and links a company by its name", async () => {
    const { team, user, client } = await teamWithSales(t);
    await buildCompany(t.database.db, { team, owner: user, name: "Müller & Söhne GmbH" });
    const files = [
      "apple-contacts-3.0.vcf",
      "google-contacts-3.0.vcf",
      "outlook-2.1.vcf",
      "nextcloud-4.0.vcf",
    ];
    const imported: string[] = [];
    for (const file of files) {
      const res = await importVcf(client, fixture(file));
      expect(res.statusCode, file).toBe(200);
      expect(res.json().failed, file).toEqual([]);
      imported.push(...res.json().imported.map((i: { id: string }) => i.id));
    }
    expect(imported).toHaveLength(6);
    const rows = await t.database.db.select().from(contacts).where(inArray(contacts.id, imported));
    const juergen = rows.find((r) => r.email === "juergen.mueller@mueller-soehne.de");
    expect(juergen).toMatchObject({
      firstName: "Jürgen",
      lastName: "Müller",
      title: "Dr.",
      department: "Einkauf",
    });
    expect(juergen?.companyId).not.toBeNull();
    expect(rows.find((r) => r.email === "juergen.mueller@contoso.com")).toMatchObject({
      salutation: "Herr",
      phone: "+49 (30) 1234-567",
    });
    expect(rows.every((r) => r.ownerId === user.id && r.teamId === team.id)).toBe(true);
  });

  it("reports invalid cards with their lines and still imports the valid ones", async () => {
    const { client } = await teamWithSales(t);
    const res = await importVcf(client, fixture("invalid-mixed.vcf"), "text/x-vcard");
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.imported.map((i: { name: string; line: number }) => [i.name, i.line])).toEqual([
      ["Klaus Weber", 1],
    ]);
    expect(report.failed).toEqual([
      {
        card: 2,
        line: 7,
        name: "Fritz Fehler",
        errors: [{ line: 11, path: "emails.0.value", message: expect.any(String) }],
      },
      {
        card: 3,
        line: 13,
        name: null,
        errors: [{ line: 15, path: "", message: expect.stringContaining("FN") }],
      },
      {
        card: 4,
        line: 17,
        name: "Zoe Zukunft",
        errors: [{ line: 20, path: "birthday", message: expect.any(String) }],
      },
      {
        card: 5,
        line: 22,
        name: null,
        errors: [{ line: 22, path: "", message: "The card has no END:VCARD" }],
      },
    ]);
  });

  it("refuses a body without any card, and other content types", async () => {
    const { client } = await teamWithSales(t);
    const empty = await importVcf(client, "hello");
    expect(empty.statusCode).toBe(400);
    const json = await client.post("/api/v1/contacts/import/vcard", { cards: [] });
    expect(json.statusCode).toBe(415);
  });
});
