import { leads } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import * as cf from "@test/custom-field-fixture";
import { buildContact, buildLead } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyExports } from "./export.service";

/*
 * On PostgreSQL the lead CSV is written by the database (csv-copy.ts, issue #17). The JS path
 * (table-export.ts, LEADWERK_EXPORT_COPY=off) is the reference: every variant of the file must be the
 * same bytes from both, for a manager and a salesperson, in German, English and raw, with the values
 * that need the formula guard, quoting, labels, names and number and date formats.
 */

let t: TestApp;
let admin: Client;
let sales: Awaited<ReturnType<typeof signedIn>>;
const tag = "copy-parity";

/** The same download twice: written by PostgreSQL, then by the JS path. */
async function both(client: Client, query: string): Promise<[string, string]> {
  const url = `/api/v1/leads/export.csv?${query}`;
  const started = copyExports.started;
  const copied = await client.get(url);
  expect(copied.statusCode, copied.body).toBe(200);
  // Written by COPY indeed, not by the JS path the service falls back to.
  expect(copyExports.started, query).toBe(started + 1);
  process.env.LEADWERK_EXPORT_COPY = "off";
  try {
    const walked = await client.get(url);
    expect(walked.statusCode, walked.body).toBe(200);
    return [copied.rawPayload.toString("latin1"), walked.rawPayload.toString("latin1")];
  } finally {
    delete process.env.LEADWERK_EXPORT_COPY;
  }
}

const TRICKY = [
  "Semi;colon",
  "Com,ma",
  'Quote "inner"',
  "Line\nbreak",
  "Windows\r\nbreak",
  "=SUM(A1:A2)",
  "+49 30 123",
  "-minus",
  "@at",
  "\tTab first",
  "\t=tab then formula",
  "\r=cr then formula",
  "a;=b,+c\n-d\t@e",
  "x\t\t=y",
  "Ümlaut Straße ÄÖÜ äöü ß",
  "  spaced \u00a0 out\u2003 ",
  // Bytes 0x85 and 0xA0 inside multi-byte characters (Å, à, …) and a four-byte emoji: the COPY path
  // reads cells as Latin-1, so none of them may be taken for a separator, a space or a line break.
  "Åsa à la … 😀 ＝1",
  "",
];

beforeAll(async () => {
  t = await buildTestApp();
  const a = await signedIn(t, "admin");
  admin = a.client;
  sales = await signedIn(t, "sales");
  await cf.defineFields(admin, "lead", cf.exportFields);
  const db = t.database.db;
  const countries = ["DE", "de", "Österreich", "austria", "Schweiz", "XX", "Großland", " fr ", null, ""];
  for (const [i, text] of TRICKY.entries()) {
    const lead = await buildLead(db, {
      owner: [a.user, sales.user, null][i % 3] ?? null,
      tags: [tag, ...(i % 2 ? ["b,c"] : [])],
      firstName: text,
      lastName: `Nr ${i} ${text}`,
      companyName: i % 4 ? text : null,
      email: i % 5 ? `p${i}@example.com` : null,
      street: i % 3 ? `${text} 5` : i % 2 ? "" : null,
      postalCode: i % 2 ? "10115" : null,
      city: i % 3 === 1 ? "Berlin" : text || null,
      salutation: i % 2 ? "Frau" : null,
      title: i % 4 === 1 ? "Dr." : null,
      source: i % 2 ? "trade_show" : "web_form",
      status: i % 3 ? "in_process" : "new",
      estimatedValue: [null, "12500.50", "-3.10", "123456789012.34", "0.00"][i % 5] ?? null,
      currency: "EUR",
      score: [0, 1234, -5, 40][i % 4] ?? 0,
      deadReason: text || null,
      createdAt: new Date(Date.UTC(2026, i % 12, 1 + i, (i * 5) % 24, i * 7, 30, 987)),
      customFields:
        i % 4 === 3
          ? {}
          : {
              branche: i % 2 ? "bau" : "unbekannt",
              themen: i % 3 ? ["crm", "erp", "neu"] : [],
              staff: [1234.5678901, -0.5, 7, 1e6][i % 4],
              budget: { amount: ["1234.50", "-7.00", "0.10"][i % 3], currency: "EUR" },
              firstCall: "2026-11-23",
              nda: i % 2 === 0,
              champion: a.user.id,
              motto: text,
            },
    });
    // Countries as typed (the factory takes codes only): names, lower case, unknown, blank.
    await db
      .update(leads)
      .set({ country: countries[i % countries.length] ?? null })
      .where(eq(leads.id, lead.id));
  }
  // A restricted lead stays out of both files.
  const held = await buildLead(db, { tags: [tag], lastName: "Gesperrt", contact: await buildContact(db) });
  const put = await admin.request({
    method: "PUT",
    url: `/api/v1/leads/${held.id}/restriction`,
    payload: { restricted: true, reason: "Art. 18" },
  });
  expect(put.statusCode, put.body).toBe(204);
});
afterAll(() => t.close());

describe("GET /api/v1/leads/export.csv on PostgreSQL", () => {
  it("writes the same bytes as the JS path for every locale, filter, search, sort and selection", async () => {
    const manager = await signedIn(t, "manager");
    // Every locale, sort, search, filter (a custom field's too) and `columns=` once as the admin; the
    // gate's own parts as a manager and as a salesperson who owns a third of the leads.
    const cases: [Client, string][] = [
      [admin, `tags=${tag}`],
      [admin, `tags=${tag}&locale=de&sort=name&q=nr`],
      [admin, `tags=${tag}&locale=en&sort=-score`],
      [admin, `tags=${tag}&locale=de&cf.branche=bau&sort=estimatedValue`],
      [
        admin,
        `tags=${tag}&locale=en&columns=id,lastName,addressBlock,cf.budget,cf.budget.currency,cf.themen`,
      ],
      [manager.client, `tags=${tag}&locale=de&source=trade_show&sort=createdAt`],
      [sales.client, `tags=${tag}&locale=de`],
    ];
    for (const [client, query] of cases) {
      const [copied, walked] = await both(client, query);
      expect(copied, query).toBe(walked);
      // Leads besides the header: no case compares two empty files.
      expect(copied.split("\n").length, query).toBeGreaterThan(3);
    }
    // Pages of 4 rows: the walk goes on from each COPY's last row, also between equal sort values.
    process.env.LEADWERK_EXPORT_COPY_PAGE = "4";
    try {
      for (const query of [`tags=${tag}&locale=de`, `tags=${tag}&sort=-score`]) {
        const [copied, walked] = await both(manager.client, query);
        expect(copied, `pages of 4: ${query}`).toBe(walked);
      }
    } finally {
      delete process.env.LEADWERK_EXPORT_COPY_PAGE;
    }
    const [all] = await both(admin, `tags=${tag}&locale=de`);
    // The header and one line per lead but the restricted one (line breaks inside quoted cells aside).
    expect(all.startsWith("\u00ef\u00bb\u00bfID;Status;")).toBe(true);
    expect(all).not.toContain("Gesperrt");
    expect(all).toContain("'=SUM(A1:A2)");
  });
});
