import { readFileSync } from "node:fs";
import { setImmediate as nextTurn } from "node:timers/promises";
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

  it("imports real cards: Apple's iPhone sample contact and the German Wikipedia example", async () => {
    const { team, user, client } = await teamWithSales(t);
    await buildCompany(t.database.db, { team, owner: user, name: "Creative Consulting" });
    const iphone = await importVcf(client, fixture("iphone-ios11-kate-bell-3.0.vcf"));
    expect(iphone.statusCode).toBe(200);
    expect(iphone.json()).toMatchObject({ failed: [], warnings: [], imported: [{ name: "Kate Bell" }] });
    const kate = (await client.get(`/api/v1/contacts/${iphone.json().imported[0].id}`)).json();
    expect(kate).toMatchObject({
      firstName: "Kate",
      lastName: "Bell",
      title: null,
      companyName: "Creative Consulting",
      jobTitle: "Producer",
      emails: [{ value: "kate-bell@mac.com", type: "work", primary: true }],
      // A US card: its national numbers get +1, else they would read as German numbers.
      phones: [
        { value: "+1 555 564 8583", type: "mobile", primary: true },
        { value: "+1 415 555 3695", type: "other", primary: false },
      ],
      phone: "+1 555 564 8583",
      addresses: [
        {
          type: "other",
          street: "165 Davis Street",
          postalCode: "94010",
          city: "Hillsborough, CA",
          country: "US",
        },
      ],
      birthday: "1978-01-20",
      description: "Web: www.icloud.com",
    });

    const wikipedia = await importVcf(client, fixture("wikipedia-de-erika-mustermann-2.1.vcf"));
    expect(wikipedia.statusCode).toBe(200);
    expect(wikipedia.json()).toMatchObject({
      failed: [],
      imported: [{ name: "Erika Mustermann" }],
      warnings: [{ card: 1, message: expect.stringContaining("Wikimedia") }],
    });
    const erika = (await client.get(`/api/v1/contacts/${wikipedia.json().imported[0].id}`)).json();
    expect(erika).toMatchObject({
      title: "Dr.",
      firstName: "Erika",
      lastName: "Mustermann",
      companyId: null,
      jobTitle: "Redaktion & Gestaltung",
      department: "Kommunikation",
      emails: [{ value: "erika@mustermann.de", type: "other", primary: true }],
      phones: [
        { value: "(0221) 9999123", type: "work", primary: true },
        { value: "(0221) 1234567", type: "private", primary: false },
      ],
      addresses: [
        {
          type: "private",
          street: "Heidestrasse 17",
          postalCode: "51147",
          city: "Koeln",
          country: "Deutschland",
        },
      ],
      birthday: null,
    });
  });

  it("keeps a number no region can read in the notes, with a warning, and imports the card", async () => {
    const { client } = await teamWithSales(t);
    const card = [
      "BEGIN:VCARD",
      "VERSION:3.0",
      "N:Klein;Karl",
      "TEL;TYPE=WORK:12",
      "TEL;TYPE=CELL:0171 2345678",
      "END:VCARD",
      "",
    ].join("\r\n");
    const res = await importVcf(client, card);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      failed: [],
      warnings: [{ card: 1, line: 4, message: expect.stringContaining('"12"') }],
    });
    const karl = (await client.get(`/api/v1/contacts/${res.json().imported[0].id}`)).json();
    expect(karl.phones).toEqual([{ value: "0171 2345678", type: "mobile", primary: true }]);
    expect(karl.description).toBe("Tel.: 12");
  });

  it("reports invalid cards with their lines, each problem with its code, and still imports the valid ones", async () => {
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
        errors: [{ line: 11, path: "emails.0.value", message: expect.any(String), code: "email_invalid" }],
      },
      {
        card: 3,
        line: 13,
        name: null,
        errors: [
          {
            line: 15,
            path: "",
            message: expect.stringContaining("FN"),
            code: "vcard_unreadable_line",
            params: { detail: expect.stringContaining("FN") },
          },
        ],
      },
      {
        card: 4,
        line: 17,
        name: "Zoe Zukunft",
        errors: [{ line: 20, path: "birthday", message: expect.any(String), code: "birthday_future" }],
      },
      {
        card: 5,
        line: 22,
        name: null,
        errors: [{ line: 22, path: "", message: "The card has no END:VCARD", code: "vcard_no_end" }],
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

describe("POST /api/v1/contacts/import/vcard with hostile files (issue #14)", () => {
  /** A card whose note is folded into a few thousand short lines: tens of KB of work per card. */
  const folded = (i: number, lines: number) =>
    `BEGIN:VCARD\r\nVERSION:3.0\r\nN:Hostile;${i};;;\r\nNOTE:x\r\n${" abcdefg\r\n".repeat(lines)}END:VCARD\r\n`;

  it("keeps /health answering while a file of the allowed size is read", async () => {
    const { client } = await teamWithSales(t);
    // Just under the 10 MiB limit: 130 cards of 8,000 folded lines each, read and refused one by one.
    const body = Array.from({ length: 130 }, (_, i) => folded(i, 8000)).join("");
    expect(body.length).toBeLessThan(10 * 1024 * 1024);
    let importDone = false;
    const upload = importVcf(client, body).finally(() => {
      importDone = true;
    });
    // Health asked again and again while the import runs, each time from a new turn of the event
    // loop as a request from the network would come: a server that reads the whole file in one go
    // answers a couple of times before the import does, one that pauses answers all along.
    let healthAnswers = 0;
    while (!importDone) {
      await nextTurn();
      const health = await t.app.inject({ method: "GET", url: "/api/v1/health" });
      expect(health.statusCode).toBe(200);
      if (!importDone) healthAnswers += 1;
    }
    expect(healthAnswers).toBeGreaterThanOrEqual(10);
    const res = await upload;
    expect(res.statusCode).toBe(200);
    expect(res.json().imported).toEqual([]);
    expect(res.json().failed).toHaveLength(130);
    expect(res.json().failed[0]).toMatchObject({
      card: 1,
      name: "0 Hostile",
      errors: [{ line: 4, path: "description", code: "too_long" }],
    });
  });

  it("answers a property of 200,000 folded lines with a card error naming it", async () => {
    const { client } = await teamWithSales(t);
    const res = await importVcf(client, folded(1, 200_000));
    expect(res.statusCode).toBe(200);
    expect(res.json().failed).toEqual([
      {
        card: 1,
        line: 1,
        name: null,
        errors: [
          {
            line: 4,
            path: "",
            message: "A line longer than 65536 characters",
            code: "vcard_line_too_long",
            params: { max: 65536 },
          },
        ],
      },
    ]);
  });

  it("reads a card of 200,000 quoted-printable continuation lines as one card error and imports the rest", async () => {
    const { client } = await teamWithSales(t);
    const hostile = `BEGIN:VCARD\r\nVERSION:2.1\r\nN:Hostile;Hanna\r\nNOTE;ENCODING=QUOTED-PRINTABLE:${"abcde=\r\n".repeat(200_000)}x\r\nEND:VCARD\r\n`;
    const good = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Weber;Klaus;;;\r\nEND:VCARD\r\n";
    const res = await importVcf(client, hostile + good);
    expect(res.statusCode).toBe(200);
    expect(res.json().failed.map((f: { errors: { code: string }[] }) => f.errors[0]?.code)).toEqual([
      "vcard_line_too_long",
    ]);
    expect(res.json().imported.map((i: { name: string }) => i.name)).toEqual(["Klaus Weber"]);
  });

  it("refuses a file of more cards than allowed with a 400 naming the body", async () => {
    const { client } = await teamWithSales(t);
    const res = await importVcf(client, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n".repeat(2001));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "vcard_too_many", errors: [{ path: "body" }] });
  });
});
