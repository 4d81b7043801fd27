import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LINES_PER_STEP, VCARD_LIMITS } from "./vcard-lines";
import { readVcardSteps, readVcards } from "./vcard-read";
import { type VcardContact, writeVcard } from "./vcard-write";

const fixture = (name: string) => readFileSync(`test/fixtures/vcard/${name}`, "utf8");

const juergen: VcardContact = {
  id: "8d4a3b2c-1f0e-4d9c-8b7a-6e5f4d3c2b1a",
  salutation: "Herr",
  title: "Dr.",
  firstName: "Jürgen",
  lastName: "Müller",
  companyName: "Müller & Söhne, GmbH",
  jobTitle: "Leiter; Einkauf",
  department: "Einkauf",
  emails: [
    { value: "juergen@mueller-soehne.de", type: "work", primary: true },
    { value: "jm@web.de", type: "private", primary: false },
  ],
  phones: [{ value: "0171 2345678", type: "mobile", primary: true }],
  addresses: [
    { type: "billing", street: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "DE" },
  ],
  birthday: "1975-04-12",
  description: `Zeile 1\nZeile 2, mit Komma; und Semikolon. ${"Lang ".repeat(20).trim()}`,
  tags: ["Kunde", "Messe, Hannover"],
  updatedAt: "2026-01-15T10:15:00.123Z",
};

describe("writeVcard", () => {
  const card = writeVcard(juergen);

  it("writes vCard 4.0 with CRLF lines folded at 75 octets", () => {
    expect(card.startsWith("BEGIN:VCARD\r\nVERSION:4.0\r\n")).toBe(true);
    expect(card.endsWith("END:VCARD\r\n")).toBe(true);
    for (const line of card.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it("escapes commas, semicolons and newlines in text values", () => {
    const unfolded = card.replace(/\r\n[ \t]/g, "");
    expect(unfolded).toContain("ORG:Müller & Söhne\\, GmbH;Einkauf");
    expect(unfolded).toContain("NOTE:Zeile 1\\nZeile 2\\, mit Komma; und Semikolon.");
    expect(unfolded).toContain("N:Müller;Jürgen;;Herr Dr.;");
    expect(unfolded).toContain("CATEGORIES:Kunde,Messe\\, Hannover");
  });

  it("reads back as the same contact", () => {
    const [read] = readVcards(card);
    expect(read?.errors).toEqual([]);
    expect(read?.organization).toBe("Müller & Söhne, GmbH");
    expect(read?.contact).toMatchObject({
      salutation: "Herr",
      title: "Dr.",
      firstName: "Jürgen",
      lastName: "Müller",
      jobTitle: "Leiter; Einkauf",
      department: "Einkauf",
      emails: [
        { value: "juergen@mueller-soehne.de", type: "work", primary: true },
        { value: "jm@web.de", type: "private", primary: false },
      ],
      phones: [{ value: "0171 2345678", type: "mobile", primary: true }],
      birthday: "1975-04-12",
      description: juergen.description,
      tags: ["Kunde", "Messe, Hannover"],
    });
  });
});

describe("readVcards", () => {
  it("reads Apple Contacts' vCard 3.0 with folded lines, escaped text, item groups and a photo", () => {
    const cards = readVcards(fixture("apple-contacts-3.0.vcf"));
    expect(cards).toHaveLength(2);
    expect(cards[0]).toMatchObject({
      line: 1,
      name: "Dr. Jürgen Müller",
      organization: "Müller & Söhne GmbH",
      errors: [],
      contact: {
        title: "Dr.",
        firstName: "Jürgen",
        lastName: "Müller",
        department: "Einkauf",
        emails: [
          { value: "juergen.mueller@mueller-soehne.de", type: "work", primary: true },
          { value: "jm1975@web.de", type: "private", primary: false },
        ],
        phones: [
          { value: "+49 171 2345678", type: "mobile", primary: true },
          { value: "+49 30 1234567", type: "work", primary: false },
        ],
        addresses: [{ street: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "Deutschland" }],
        birthday: "1975-04-12",
        tags: ["Kunde", "Messe"],
      },
    });
    expect(cards[0]?.contact?.description).toBe(
      "Kennengelernt auf der Hannover Messe 2026, Halle 7. Bevorzugt Termine am Vormittag; bitte vorher anrufen.",
    );
    expect(cards[1]?.contact).toMatchObject({ firstName: "Åsa", lastName: "Øster" });
  });

  it("reads Google Contacts' export (LF lines, escaped URL, photo URL)", () => {
    const cards = readVcards(fixture("google-contacts-3.0.vcf"));
    expect(cards.map((c) => c.errors)).toEqual([[], []]);
    expect(cards[0]?.contact).toMatchObject({
      firstName: "Anna",
      lastName: "Schmidt",
      jobTitle: "Geschäftsführerin",
      birthday: "1980-02-29",
      addresses: [{ type: "private", city: "München" }],
    });
    expect(cards[1]?.contact).toMatchObject({ firstName: "Zoë", lastName: "O'Brien" });
  });

  it("reads Outlook's vCard 2.1: bare parameters, QUOTED-PRINTABLE in Windows-1252 with soft breaks", () => {
    const [card] = readVcards(fixture("outlook-2.1.vcf"));
    expect(card?.errors).toEqual([]);
    expect(card?.contact).toMatchObject({
      salutation: "Herr",
      title: "Dr.",
      firstName: "Jürgen",
      lastName: "Müller",
      department: "Vertrieb",
      phones: [
        { value: "+49 (30) 1234-567", type: "work", primary: true },
        { value: "0171 9876543", type: "mobile", primary: false },
        { value: "+49 (30) 1234-599", type: "fax", primary: false },
      ],
      emails: [{ value: "juergen.mueller@contoso.com", primary: true }],
      addresses: [
        { street: "Straße des 17. Juni 1\n2. Obergeschoß", city: "Berlin", country: "Deutschland" },
      ],
      description: 'Rückruf erbeten, Projekt "Nordwind" (Budget: 50.000 €)',
    });
  });

  it("reads Nextcloud's vCard 4.0 (tel: URIs, quoted parameters, birthday without year)", () => {
    const [card] = readVcards(fixture("nextcloud-4.0.vcf"));
    expect(card?.errors).toEqual([]);
    expect(card?.contact).toMatchObject({
      firstName: "Émilie",
      lastName: "Dubois",
      phones: [
        { value: "+33-1-23-45-67-89", type: "work", primary: true },
        { value: "+33-6-12-34-56-78", type: "mobile", primary: false },
      ],
      tags: ["Partenaire", "VIP"],
    });
    expect(card?.contact?.birthday).toBeUndefined();
  });

  it("reports a broken card with its line and still reads the others", () => {
    const cards = readVcards(fixture("invalid-mixed.vcf"));
    expect(cards.map((c) => [c.index, c.line])).toEqual([
      [1, 1],
      [2, 7],
      [3, 13],
      [4, 17],
      [5, 22],
    ]);
    expect(cards[0]?.errors).toEqual([]);
    expect(cards[1]?.lines["emails.0"]).toBe(11);
    expect(cards[2]?.errors).toEqual([{ line: 15, path: "", message: expect.stringContaining("FN") }]);
    expect(cards[4]?.errors).toEqual([{ line: 22, path: "", message: "The card has no END:VCARD" }]);
  });
});

describe("readVcards on real-world cards", () => {
  it("reads Apple's iPhone sample contact: item groups, URL, spaced FN, US numbers", () => {
    const [card] = readVcards(fixture("iphone-ios11-kate-bell-3.0.vcf"));
    expect(card?.errors).toEqual([]);
    expect(card?.warnings).toEqual([]);
    expect(card?.name).toBe("Kate Bell");
    expect(card?.organization).toBe("Creative Consulting");
    expect(card?.contact).toMatchObject({
      firstName: "Kate",
      lastName: "Bell",
      jobTitle: "Producer",
      phones: [
        { value: "+1 555 564 8583", type: "mobile", primary: true },
        { value: "+1 415 555 3695", type: "other", primary: false },
      ],
      addresses: [
        { street: "165 Davis Street", city: "Hillsborough, CA", postalCode: "94010", country: "US" },
      ],
      description: "Web: www.icloud.com",
    });
  });

  it("reads the German Wikipedia's vCard 2.1 example: ROLE as department, photo URL skipped", () => {
    const [card] = readVcards(fixture("wikipedia-de-erika-mustermann-2.1.vcf"));
    expect(card?.errors).toEqual([]);
    expect(card?.contact).toMatchObject({
      title: "Dr.",
      firstName: "Erika",
      lastName: "Mustermann",
      jobTitle: "Redaktion & Gestaltung",
      department: "Kommunikation",
    });
    expect(card?.contact?.description).toBeUndefined();
  });
});

describe("readVcards on hostile files (issue #14)", () => {
  const card = (body: string) => `BEGIN:VCARD\r\nVERSION:3.0\r\nN:Weber;Klaus;;;\r\n${body}END:VCARD\r\n`;
  const good = card("EMAIL:klaus@example.de\r\n");

  it("reports a property of 200,000 folded lines as too long and reads the next card", () => {
    const cards = readVcards(card(`NOTE:start\r\n${" abcde\r\n".repeat(200_000)}`) + good);
    expect(cards).toHaveLength(2);
    expect(cards[0]?.errors).toEqual([
      { line: 4, path: "", message: `A line longer than ${VCARD_LIMITS.propertyLength} characters` },
    ]);
    expect(cards[1]?.errors).toEqual([]);
    expect(cards[1]?.line).toBe(200_006);
  });

  it("reports 200,000 quoted-printable soft line breaks as too long", () => {
    const qp = `BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE:${"abcde=\r\n".repeat(200_000)}x\r\nEND:VCARD\r\n`;
    const [read] = readVcards(qp);
    expect(read?.errors.map((e) => e.message)).toEqual([
      `A line longer than ${VCARD_LIMITS.propertyLength} characters`,
    ]);
  });

  it("refuses a card of too many lines, separators or characters, naming the line", () => {
    const many = card("EMAIL:a@example.de\r\n".repeat(VCARD_LIMITS.propertiesPerCard));
    const separators = card(`CATEGORIES:${"a,".repeat(VCARD_LIMITS.separators + 1)}\r\n`);
    const long = card(`NOTE:${"x".repeat(60_000)}\r\n`.repeat(5));
    const [a, b, c] = readVcards(many + separators + long);
    expect(a?.errors).toEqual([
      { line: 2 + VCARD_LIMITS.propertiesPerCard, path: "", message: "More than 500 lines in one card" },
    ]);
    expect(b?.errors[0]?.message).toBe("More than 1000 separators in one line");
    expect(c?.errors[0]?.message).toBe(`A card longer than ${VCARD_LIMITS.cardLength} characters`);
  });

  it("drops a big photo without counting it against the card", () => {
    const photo = card(`PHOTO;ENCODING=b;TYPE=JPEG:${"QUJD".repeat(500_000)}\r\nEMAIL:k@example.de\r\n`);
    const [read] = readVcards(photo);
    expect(read?.errors).toEqual([]);
    expect(read?.contact?.emails).toEqual([{ value: "k@example.de", type: "other", primary: true }]);
  });

  it("pauses between steps of work, at most every few thousand lines", () => {
    const steps = [...readVcardSteps(card(`NOTE:x\r\n${" y\r\n".repeat(3 * LINES_PER_STEP)}`))];
    expect(steps.filter((s) => s === null).length).toBeGreaterThanOrEqual(3);
    expect(steps.filter((s) => s !== null)).toHaveLength(1);
  });
});
