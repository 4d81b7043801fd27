import { mkdirSync, writeFileSync } from "node:fs";
import { buildTestApp, type TestApp } from "@test/app";
import { buildPipeline } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { pdfPages } from "@test/pdf-text";
import { dealReadyForQuote, line } from "@test/quote-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await buildPipeline(t.database.db, { isDefault: true });
  const admin = await signedIn(t, "admin");
  const letterhead = await admin.client.request({
    method: "PUT",
    url: "/api/v1/settings/letterhead",
    payload: {
      companyName: "Leadwerk Demo GmbH",
      street: "Musterweg 1",
      postalCode: "10115",
      city: "Berlin",
      phone: "+49 30 1234567",
      email: "vertrieb@leadwerk.example",
      vatId: "DE123456789",
      register: "Amtsgericht Berlin HRB 98765",
      managingDirector: "Erika Mustermann",
      bankName: "Berliner Bank",
      iban: "DE02 1001 0010 0006 8201 01",
      bic: "PBNKDEFF",
    },
  });
  expect(letterhead.statusCode, letterhead.body).toBe(200);
});
afterAll(() => t.close());

/** Saved for looking at (pdftoppm turns them into PNGs); test-results/ is not committed. */
function keep(name: string, bytes: Buffer) {
  mkdirSync("test-results/pdf", { recursive: true });
  writeFileSync(`test-results/pdf/${name}`, bytes);
}

describe("GET /api/v1/quotes/{id}/pdf", () => {
  it("writes a German letter with the address, the information block, German numbers and the totals", async () => {
    const { client, deal } = await dealReadyForQuote(t);
    const quote = (
      await client.post("/api/v1/quotes", {
        dealId: deal.id,
        validUntil: "2026-12-23",
        lines: [
          line({
            description: "CRM-Lizenz Pro",
            quantity: "10",
            unit: "Lizenz",
            unitPrice: { amount: "1249.90", currency: "EUR" },
          }),
          line({
            description: "Einrichtung und Schulung",
            quantity: "1.5",
            unit: "Tag",
            unitPrice: { amount: "980.00", currency: "EUR" },
            discountPercent: "10",
            vatRate: "7",
          }),
        ],
      })
    ).json();
    const sent = (await client.post(`/api/v1/quotes/${quote.id}/send`, {})).json();
    const response = await client.get(`/api/v1/quotes/${quote.id}/pdf?locale=de`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    keep("quote-de.pdf", response.rawPayload);
    const [page] = await pdfPages(response.rawPayload);
    expect(page).toContain(`Angebot ${sent.number}`);
    expect(page).toContain("Leadwerk Demo GmbH · Musterweg 1 · 10115 Berlin");
    expect(page).toContain("Müller & Söhne GmbH");
    expect(page).toContain("Frau Anna Schmidt");
    expect(page).toContain("80331 München");
    expect(page).toContain("Sehr geehrte Frau Schmidt,");
    expect(page).toContain("23.12.2026");
    // 10 × 1.249,90 = 12.499,00; 1,5 × 980 less 10 % = 1.323,00; VAT 2.374,81 + 92,61
    expect(page).toContain("12.499,00 €");
    expect(page).toContain("1.323,00 €");
    expect(page).toContain("13.822,00 €");
    expect(page).toContain("zzgl. 19 % USt.");
    expect(page).toContain("2.374,81 €");
    expect(page).toContain("92,61 €");
    expect(page).toContain("16.289,42 €");
    expect(page).toContain("DE123456789");
    expect(page).toContain("IBAN DE02 1001 0010 0006 8201 01");
    expect(page).toContain("Seite 1 von 1");
  });

  it("writes English with English numbers and dates, and the informal form of address", async () => {
    const { client, deal } = await dealReadyForQuote(t);
    const quote = (
      await client.post("/api/v1/quotes", {
        dealId: deal.id,
        locale: "en",
        formality: "informal",
        validUntil: "2026-11-23",
        lines: [line({ quantity: "3", unitPrice: { amount: "1234.50", currency: "EUR" } })],
      })
    ).json();
    const response = await client.get(`/api/v1/quotes/${quote.id}/pdf`);
    keep("quote-en.pdf", response.rawPayload);
    const [page] = await pdfPages(response.rawPayload);
    expect(page).toContain("Quote Draft");
    expect(page).toContain("Hi Anna,");
    expect(page).toContain("23 November 2026");
    expect(page).toContain("€3,703.50");
    expect(page).toContain("plus 19 % VAT");
    expect(page).toContain("€4,407.17");
    expect(page).toContain("Page 1 of 1");
  });

  it("numbers the pages of a long quote and repeats the table header", async () => {
    const { client, deal } = await dealReadyForQuote(t);
    const lines = Array.from({ length: 60 }, (_, i) => line({ description: `Position ${i + 1}` }));
    const quote = (await client.post("/api/v1/quotes", { dealId: deal.id, lines })).json();
    const response = await client.get(`/api/v1/quotes/${quote.id}/pdf?locale=de`);
    keep("quote-long-de.pdf", response.rawPayload);
    const pages = await pdfPages(response.rawPayload);
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, page] of pages.entries()) expect(page).toContain(`Seite ${i + 1} von ${pages.length}`);
    expect(pages.at(-1)).toContain("Gesamtbetrag");
  });
});

describe("GET /api/v1/invoices/{id}/pdf", () => {
  it("writes the invoice with its number, due date and the quote's totals", async () => {
    const { client, deal } = await dealReadyForQuote(t);
    const quote = (await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line()] })).json();
    await client.post(`/api/v1/quotes/${quote.id}/send`, {});
    await client.post(`/api/v1/quotes/${quote.id}/accept`, {});
    const invoice = (await client.post(`/api/v1/quotes/${quote.id}/invoice`, { dueDays: 14 })).json();
    const response = await client.get(`/api/v1/invoices/${invoice.id}/pdf?locale=de`);
    expect(response.statusCode).toBe(200);
    keep("invoice-de.pdf", response.rawPayload);
    const [page] = await pdfPages(response.rawPayload);
    const [y, m, d] = invoice.dueDate.split("-");
    expect(page).toContain(`Rechnung ${invoice.number}`);
    expect(page, page).toContain(`Zahlbar bis ${d}.${m}.${y}`);
    expect(page).toContain("240,00 €");
    expect(page).toContain("285,60 €");
  });
});
