import { buildTestApp, type Client, type TestApp } from "@test/app";
import { excelCells, formulaCells } from "@test/csv-excel";
import * as cf from "@test/custom-field-fixture";
import { buildCompany, buildContact, buildDeal, buildLead } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: Client;
let adminId: string;

async function sheetRows(payload: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const rows: ExcelJS.CellValue[][] = [];
  workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

/** Header → cell of the first data row. */
const byHeader = <C>(rows: C[][]) =>
  Object.fromEntries((rows[0] ?? []).map((h, i) => [String(h), rows[1]?.[i]])) as Record<string, C>;

beforeAll(async () => {
  t = await buildTestApp();
  const a = await signedIn(t, "admin");
  admin = a.client;
  adminId = a.user.id;
  const made = await cf.defineFields(admin, "lead", [
    ...cf.exportFields,
    { key: "old", type: "text", label: { de: "Alt", en: "Old" } },
  ]);
  const gone = made.at(-1);
  for (const entity of ["contact", "company", "deal"] as const)
    await cf.defineField(admin, {
      entity,
      key: "rating",
      type: "number",
      label: { de: "Bewertung", en: "Rating" },
    });
  await buildLead(t.database.db, {
    salutation: "Frau",
    title: null,
    firstName: "Clara",
    companyName: "Muster GmbH",
    country: "DE",
    lastName: "Custom",
    street: "Hauptstraße 5",
    postalCode: "10115",
    city: "Berlin",
    tags: ["cf-export"],
    customFields: {
      branche: "bau",
      themen: ["crm", "erp"],
      staff: 1234.5,
      budget: { amount: "25000.00", currency: "EUR" },
      firstCall: "2026-11-23",
      nda: true,
      champion: adminId,
      motto: "=1+1",
      old: "kept",
    },
  });
  expect((await admin.delete(`/api/v1/custom-fields/${gone?.id}`)).statusCode).toBe(204);
});
afterAll(() => t.close());

describe("custom fields in the exports", () => {
  it("writes a German CSV column per live lead field: labels, German numbers and dates, Ja, no formula", async () => {
    const res = await admin.get("/api/v1/leads/export.csv?locale=de&tags=cf-export");
    expect(res.statusCode).toBe(200);
    const rows = excelCells(res.body, ";");
    const cells = byHeader(rows);
    expect(cells).toMatchObject({
      Branche: "Bauwesen",
      Themen: "Kundenpflege, Warenwirtschaft",
      Mitarbeiter: "1.234,5",
      Budget: "25.000,00",
      "Budget (Währung)": "EUR",
      Erstanruf: "23.11.2026",
      NDA: "Ja",
    });
    expect(cells.Fürsprecher).not.toBe(adminId);
    expect(cells.Fürsprecher).toBeTruthy();
    expect(cells.Motto).toBe("'=1+1");
    expect(formulaCells(rows)).toEqual([]);
    expect(rows[0]).not.toContain("Alt");
    // The lead's DIN 5008 block beside the contacts' one (issue #20 point 4).
    expect(cells.Anschrift).toBe("Muster GmbH\nFrau Clara Custom\nHauptstraße 5\n10115 Berlin");
  });

  it("writes English labels in an English CSV and keys in a raw one", async () => {
    const en = byHeader(
      excelCells((await admin.get("/api/v1/leads/export.csv?locale=en&tags=cf-export")).body, ","),
    );
    expect(en).toMatchObject({ Industry: "Construction", Staff: "1,234.5", NDA: "Yes" });
    const raw = byHeader(excelCells((await admin.get("/api/v1/leads/export.csv?tags=cf-export")).body, ","));
    expect(raw).toMatchObject({ "cf.branche": "bau", "cf.themen": "crm, erp", "cf.staff": "1234.5" });
    expect(Object.keys(raw)).not.toContain("cf.old");
  });

  it("types numbers and dates in the XLSX", async () => {
    const res = await admin.get("/api/v1/leads/export.xlsx?locale=de&tags=cf-export");
    expect(res.statusCode).toBe(200);
    const cells = byHeader(await sheetRows(res.rawPayload));
    expect(cells).toMatchObject({ Branche: "Bauwesen", Mitarbeiter: 1234.5, Budget: 25000, NDA: "Ja" });
    expect(cells.Erstanruf).toEqual(new Date("2026-11-23T00:00:00Z"));
    expect(cells.Alt).toBeUndefined();
  });

  it("gives contacts, companies and deals their custom columns in CSV and XLSX", async () => {
    const db = t.database.db;
    const company = await buildCompany(db, { tags: ["cf-export"], customFields: { rating: 3 } });
    await buildContact(db, { tags: ["cf-export"], customFields: { rating: 4 } });
    await buildDeal(db, { company, tags: ["cf-export"], customFields: { rating: 5 } });
    for (const [list, rating] of [
      ["contacts", "4"],
      ["companies", "3"],
      ["deals", "5"],
    ] as const) {
      const csv = await admin.get(`/api/v1/${list}/export.csv?locale=de&tags=cf-export`);
      expect(csv.statusCode, list).toBe(200);
      expect(byHeader(excelCells(csv.body, ";")).Bewertung, list).toBe(rating);
      const xlsx = await admin.get(`/api/v1/${list}/export.xlsx?locale=en&tags=cf-export`);
      expect(byHeader(await sheetRows(xlsx.rawPayload)).Rating, list).toBe(Number(rating));
    }
  });

  it("marks a company field labelled like the built-in industry in the headers of both languages", async () => {
    // Made before such labels were refused: the file must still tell the two columns apart.
    await cf.defineFieldFromBefore(
      t,
      "company",
      cf.brancheField([cf.option("bau", "Bauwesen", "Construction")]),
    );
    await buildCompany(t.database.db, {
      industry: "Maschinenbau",
      tags: ["cf-export-marked"],
      customFields: { branche: "bau" },
    });
    const de = byHeader(
      excelCells((await admin.get("/api/v1/companies/export.csv?locale=de&tags=cf-export-marked")).body, ";"),
    );
    expect(de).toMatchObject({ Branche: "Maschinenbau", "Branche (eigenes Feld)": "Bauwesen" });
    const xlsx = await admin.get("/api/v1/companies/export.xlsx?locale=en&tags=cf-export-marked");
    const en = byHeader(await sheetRows(xlsx.rawPayload));
    expect(en).toMatchObject({ Industry: "Maschinenbau", "Industry (custom)": "Construction" });
  });
});
