import { buildTestApp, type TestApp } from "@test/app";
import { excelCells, formulaCells } from "@test/csv-excel";
import { buildActivity, buildContact, buildDeal, buildLead } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** The rows of the first sheet of an XLSX answer, each as its cell values (1-based columns dropped). */
async function sheetRows(payload: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: ExcelJS.CellValue[][] = [];
  sheet?.eachRow((row) => {
    const values = row.values as ExcelJS.CellValue[];
    rows.push(values.slice(1));
  });
  return { sheet, rows };
}

const column = (rows: unknown[][], header: string) => (rows[0] ?? []).indexOf(header);

describe("GET /api/v1/leads/export.csv?locale=de", () => {
  it("writes what a German Excel reads: ; BOM, UI headers and labels, names, German dates and numbers", async () => {
    const { team, user, client } = await teamWithSales(t);
    const db = t.database.db;
    await buildLead(db, {
      team,
      owner: user,
      firstName: "Jürgen",
      lastName: '=HYPERLINK("http://evil")',
      street: "Hauptstraße 5",
      status: "new",
      source: "trade_show",
      estimatedValue: "12500.50",
      currency: "EUR",
      tags: ["export-de"],
      createdAt: new Date("2026-11-23T10:15:00Z"),
    });
    await buildLead(db, { tags: ["export-de"], lastName: "Fremd" });

    const res = await client.get("/api/v1/leads/export.csv?locale=de&tags=export-de");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toMatch(/filename="leads-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = excelCells(res.body, ";");
    expect(rows).toHaveLength(2);
    const [header = [], row = []] = rows;
    expect(header.slice(0, 4)).toEqual(["ID", "Status", "Lebenszyklusphase", "Quelle"]);
    expect(row[column(rows, "Vorname")]).toBe("Jürgen");
    expect(row[column(rows, "Straße")]).toBe("Hauptstraße 5");
    expect(row[column(rows, "Status")]).toBe("Neu");
    expect(row[column(rows, "Quelle")]).toBe("Messe");
    expect(row[column(rows, "Geschätzter Wert")]).toBe("12.500,50");
    expect(row[column(rows, "Verantwortlich")]).toBe(user.name);
    expect(row[column(rows, "Team")]).toBe(team.name);
    expect(row[column(rows, "Angelegt")]).toBe("23.11.2026 11:15");
    expect(row[column(rows, "Nachname")]).toBe('\'=HYPERLINK("http://evil")');
    expect(formulaCells(rows)).toEqual([]);
    expect(res.body).not.toContain("Fremd");
  });

  it("writes English headers and labels with commas for locale=en", async () => {
    const { team, client } = await teamWithSales(t);
    await buildLead(t.database.db, { team, lastName: "Smith", source: "referral", tags: ["export-en"] });
    const res = await client.get("/api/v1/leads/export.csv?locale=en&tags=export-en");
    const rows = excelCells(res.body, ",");
    expect(rows[0]?.slice(0, 4)).toEqual(["ID", "Status", "Lifecycle stage", "Source"]);
    expect(rows[1]?.[column(rows, "Source")]).toBe("Referral");
  });

  it("exports only the selected rows (ids=) and the view's columns (columns=), in that order", async () => {
    const { team, client } = await teamWithSales(t);
    const db = t.database.db;
    const a = await buildLead(db, { team, lastName: "Erster", email: "a@example.com" });
    await buildLead(db, { team, lastName: "Zweiter" });
    const c = await buildLead(db, { team, lastName: "Dritter", email: "c@example.com" });
    const foreign = await buildLead(db, { lastName: "Fremder" });
    const ids = [a.id, c.id, foreign.id].join(",");
    const res = await client.get(`/api/v1/leads/export.csv?locale=de&ids=${ids}&columns=lastName,email`);
    expect(res.statusCode).toBe(200);
    const rows = excelCells(res.body, ";");
    expect(rows[0]).toEqual(["Nachname", "E-Mail"]);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(["Dritter", "Erster"]);
  });
});

describe("GET /api/v1/<list>/export.xlsx", () => {
  it("streams an XLSX with typed dates and numbers, text never as a formula, visible rows only", async () => {
    const { team, user, client } = await teamWithSales(t);
    const db = t.database.db;
    await buildLead(db, {
      team,
      owner: user,
      lastName: "@SUM(A1:A9)",
      estimatedValue: "1234.56",
      currency: "EUR",
      source: "webinar",
      tags: ["xlsx"],
      createdAt: new Date("2026-11-23T23:30:00Z"),
    });
    await buildLead(db, { lastName: "Unsichtbar", tags: ["xlsx"] });
    const res = await client.get("/api/v1/leads/export.xlsx?locale=de&tags=xlsx");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const { sheet, rows } = await sheetRows(res.rawPayload);
    expect(rows).toHaveLength(2);
    const row = rows[1] ?? [];
    expect(row[column(rows, "Nachname")]).toBe("@SUM(A1:A9)");
    expect(row[column(rows, "Quelle")]).toBe("Webinar");
    expect(row[column(rows, "Geschätzter Wert")]).toBe(1234.56);
    expect(row[column(rows, "Verantwortlich")]).toBe(user.name);
    // Berlin wall-clock time: 23:30 UTC is 00:30 on the next day.
    const created = row[column(rows, "Angelegt")];
    expect(created).toBeInstanceOf(Date);
    expect((created as Date).toISOString()).toBe("2026-11-24T00:30:00.000Z");
    expect(sheet?.getColumn(column(rows, "Angelegt") + 1).numFmt).toBe("dd.mm.yyyy hh:mm");
    sheet?.eachRow((r) =>
      r.eachCell((cell) => expect(cell.type, String(cell.value)).not.toBe(ExcelJS.ValueType.Formula)),
    );
    expect(JSON.stringify(rows)).not.toContain("Unsichtbar");
  });

  it("exports contacts, companies, deals and activities in both formats through the list's gate", async () => {
    const { team, user, client } = await teamWithSales(t);
    const db = t.database.db;
    const contact = await buildContact(db, { team, owner: user, firstName: "Änne", lastName: "Kontakt" });
    await buildDeal(db, { team, owner: user, title: "Großauftrag", amount: "99000.00", currency: "EUR" });
    await buildActivity(db, { team, owner: user, type: "call", subject: "Rückruf", contact });
    const other = await signedIn(t, "sales", null);
    for (const list of ["contacts", "companies", "deals", "activities"]) {
      for (const format of ["csv", "xlsx"]) {
        const res = await client.get(`/api/v1/${list}/export.${format}?locale=en`);
        expect(res.statusCode, `${list}.${format}`).toBe(200);
        const outsider = await other.client.get(`/api/v1/${list}/export.${format}?locale=en`);
        expect(outsider.statusCode).toBe(200);
        if (format === "csv") {
          expect(outsider.body, list).not.toContain("Kontakt");
          expect(outsider.body, list).not.toContain("Großauftrag");
        }
      }
    }
    const deals = excelCells((await client.get("/api/v1/deals/export.csv?locale=de&mine=true")).body, ";");
    const dealRow = deals.find((r) => r.includes("Großauftrag")) ?? [];
    expect(dealRow[column(deals, "Betrag")]).toBe("99.000,00");
    expect(dealRow[column(deals, "Status")]).toBe("Offen");
    const activities = excelCells(
      (await client.get("/api/v1/activities/export.csv?locale=de&mine=true")).body,
      ";",
    );
    expect(activities.find((r) => r.includes("Rückruf"))?.[column(activities, "Art")]).toBe("Anruf");
  });

  it("answers 400 naming the field for an unknown locale", async () => {
    const { client } = await teamWithSales(t);
    const res = await client.get("/api/v1/leads/export.xlsx?locale=fr");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("locale");
  });
});
