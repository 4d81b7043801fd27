import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildPipeline } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { pdfPages } from "@test/pdf-text";
import { dealReadyForQuote, line } from "@test/quote-helpers";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  await buildPipeline(t.database.db, { isDefault: true });
  admin = (await signedIn(t, "admin")).client;
});
afterAll(() => t.close());

const put = (payload: Record<string, unknown>) =>
  admin.request({ method: "PUT", url: "/api/v1/settings/letterhead", payload });

/** A real 40 × 20 PNG, as a browser's FileReader would send it. */
function pngDataUrl(): string {
  const png = new PNG({ width: 40, height: 20 });
  png.data.fill(0x80);
  return `data:image/png;base64,${PNG.sync.write(png).toString("base64")}`;
}

describe("PUT /api/v1/settings/letterhead", () => {
  it("takes a real PNG logo, normalises IBAN and BIC, and labels a rate; the preview PDF shows them", async () => {
    const saved = await put({
      companyName: "Briefkopf Test GmbH",
      logo: pngDataUrl(),
      iban: "de89370400440532013000",
      bic: "cobadeffxxx",
      customVatRates: ["5.5"],
      vatRateLabels: [{ rate: "19", label: "Regelsteuersatz" }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ iban: "DE89 3704 0044 0532 0130 00", bic: "COBADEFFXXX" });

    const preview = await admin.get("/api/v1/settings/letterhead/preview.pdf?locale=de");
    expect(preview.statusCode).toBe(200);
    expect(preview.headers["content-type"]).toBe("application/pdf");
    const [page] = await pdfPages(preview.rawPayload);
    expect(page).toContain("Briefkopf Test GmbH");
    expect(page).toContain("IBAN DE89 3704 0044 0532 0130 00");
    expect(page).toContain("19 %: Regelsteuersatz");
    // The embedded logo: pdfkit writes the image as an XObject of the page.
    expect(preview.rawPayload.includes(Buffer.from("/Subtype /Image"))).toBe(true);

    const sales = (await signedIn(t, "sales")).client;
    expect((await sales.get("/api/v1/settings/letterhead/preview.pdf")).statusCode).toBe(403);
  });

  it("refuses a logo that is not what it claims, a wrong IBAN or BIC and a label of an unknown rate, by field", async () => {
    const gif = `data:image/png;base64,${Buffer.from("GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000").toString("base64")}`;
    const truncated = pngDataUrl().slice(0, 120);
    const big = `data:image/jpeg;base64,${Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(205_000)]).toString("base64")}`;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ logo: gif }, "logo", "logo_invalid"],
      [{ logo: truncated }, "logo", "logo_invalid"],
      [{ logo: big }, "logo", "logo_too_large"],
      [{ iban: "DE89 3704 0044 0532 0130 01" }, "iban", "iban_invalid"],
      [{ bic: "NOTABIC" }, "bic", "bic_invalid"],
      [{ vatRateLabels: [{ rate: "16", label: "old" }] }, "vatRateLabels.0.rate", "vat_rate_unknown"],
      [{ footer: "a\u0000b" }, "footer", ""],
    ];
    for (const [payload, path, code] of cases) {
      const response = await put(payload);
      expect([400, 422], `${path}: ${response.body}`).toContain(response.statusCode);
      const problem = response.json();
      expect(problem.errors?.[0]?.path, response.body).toBe(path);
      if (code) expect(problem.code).toBe(code);
    }
    expect((await admin.get("/api/v1/settings/letterhead")).json().companyName).toBe("Briefkopf Test GmbH");
  });
});

describe("/api/v1/settings/quote-email-templates", () => {
  it("offers the built-in texts, refuses an unknown placeholder by field and previews with sample values", async () => {
    const current = await admin.get("/api/v1/settings/quote-email-templates");
    expect(current.statusCode).toBe(200);
    const { templates, placeholders } = current.json();
    expect(templates.de.formal.subject).toBe("Angebot {{quoteNumber}} von {{companyName}}");
    expect(placeholders).toContain("contactName");

    const wrong = structuredClone(templates);
    wrong.en.informal.body = "Hi {{ contactName }}, see {{quoteNo}}";
    const refused = await admin.request({
      method: "PUT",
      url: "/api/v1/settings/quote-email-templates",
      payload: wrong,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: "email_placeholder_unknown",
      errors: [{ path: "en.informal.body", params: { placeholder: "{{quoteNo}}" } }],
    });

    const preview = await admin.post("/api/v1/settings/quote-email-templates/preview", {
      locale: "de",
      formality: "informal",
      subject: "Angebot {{quoteNumber}}\r\nBcc: x@example.org",
      body: "{{greeting}} {{total}} für {{customerCompany}}",
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({
      subject: "Angebot AN-2026-0042 Bcc: x@example.org",
      body: "Hallo Erika, 1.234,50 € für Musterkunde GmbH",
    });
    const sales = (await signedIn(t, "sales")).client;
    expect((await sales.get("/api/v1/settings/quote-email-templates")).statusCode).toBe(403);
  });
});

describe("POST /api/v1/quotes/{id}/invoice with a due date", () => {
  it("takes the chosen due date and refuses one before today", async () => {
    const { client, deal } = await dealReadyForQuote(t, { role: "admin" });
    const quote = (await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line()] })).json();
    await client.post(`/api/v1/quotes/${quote.id}/send`, {});
    await client.post(`/api/v1/quotes/${quote.id}/accept`, { winDeal: false });
    const past = await client.post(`/api/v1/quotes/${quote.id}/invoice`, { dueDate: "2020-01-01" });
    expect(past.statusCode).toBe(422);
    expect(past.json()).toMatchObject({ code: "due_date_past", errors: [{ path: "dueDate" }] });
    const invoice = await client.post(`/api/v1/quotes/${quote.id}/invoice`, { dueDate: "2099-03-31" });
    expect(invoice.statusCode, invoice.body).toBe(201);
    expect(invoice.json().dueDate).toBe("2099-03-31");
  });
});
