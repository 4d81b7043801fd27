import { auditLog, deals, quoteLines, quotes } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildPipeline } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { dealReadyForQuote, line } from "@test/quote-helpers";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireQuotes, markInvoicesOverdue } from "./quote-jobs";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await buildPipeline(t.database.db, { isDefault: true });
});
afterAll(() => t.close());

describe("POST /api/v1/quotes", () => {
  it("creates a draft without a number and computes its totals on the server", async () => {
    const { client, deal, contact, company } = await dealReadyForQuote(t);
    const product = (
      await (
        await signedIn(t, "admin")
      ).client.post("/api/v1/products", {
        name: "Lizenz Pro",
        sku: `LP-${deal.id.slice(0, 8)}`,
        unit: "Lizenz",
        netPrice: { amount: "49.90", currency: "EUR" },
        vatRate: "19",
      })
    ).json();
    const response = await client.post("/api/v1/quotes", {
      dealId: deal.id,
      lines: [
        { productId: product.id, quantity: "10" },
        line({
          description: "Schulung",
          quantity: "3",
          unitPrice: { amount: "19.99", currency: "EUR" },
          discountPercent: "10",
          vatRate: "7",
        }),
      ],
    });
    expect(response.statusCode, response.body).toBe(201);
    const quote = response.json();
    expect(quote).toMatchObject({
      dealId: deal.id,
      contactId: contact.id,
      companyId: company.id,
      number: null,
      status: "draft",
      revision: 1,
      currency: "EUR",
    });
    expect(quote.lines[0]).toMatchObject({
      description: "Lizenz Pro",
      unit: "Lizenz",
      vatRate: "19",
      net: { amount: "499.00" },
    });
    expect(quote.lines[1]).toMatchObject({ discountPercent: "10", net: { amount: "53.97" } });
    expect(quote.totals).toEqual({
      net: { amount: "552.97", currency: "EUR" },
      vat: [
        {
          rate: "19",
          base: { amount: "499.00", currency: "EUR" },
          amount: { amount: "94.81", currency: "EUR" },
        },
        {
          rate: "7",
          base: { amount: "53.97", currency: "EUR" },
          amount: { amount: "3.78", currency: "EUR" },
        },
      ],
      gross: { amount: "651.56", currency: "EUR" },
    });
    expect(quote.abilities).toMatchObject({ update: true, send: true, accept: false, invoice: false });
  });

  it("refuses a deal without contact or company, naming what is missing", async () => {
    const { client, company } = await dealReadyForQuote(t);
    const bare = (await client.post("/api/v1/deals", { title: "Ohne alles" })).json();
    const noCompany = await client.post("/api/v1/quotes", { dealId: bare.id, lines: [line()] });
    expect(noCompany.statusCode).toBe(422);
    expect(noCompany.json()).toMatchObject({ code: "quote_needs_company", errors: [{ path: "companyId" }] });
    await client.patch(`/api/v1/deals/${bare.id}`, { companyId: company.id });
    const noContact = await client.post("/api/v1/quotes", { dealId: bare.id, lines: [line()] });
    expect(noContact.statusCode).toBe(422);
    expect(noContact.json()).toMatchObject({ code: "quote_needs_contact", errors: [{ path: "contactId" }] });
  });

  it("refuses bad lines by field and writes nothing", async () => {
    const { client, deal } = await dealReadyForQuote(t);
    const cases: [unknown, number, string][] = [
      [line({ quantity: "0" }), 400, "lines.0.quantity"],
      [line({ quantity: "-2" }), 400, "lines.0.quantity"],
      [line({ discountPercent: "100.5" }), 400, "lines.0.discountPercent"],
      [line({ vatRate: "16" }), 422, "lines.0.vatRate"],
      [line({ unitPrice: { amount: "10.00", currency: "USD" } }), 422, "lines.0.unitPrice.currency"],
      [line({ description: "Bera\u0000tung" }), 400, "lines.0.description"],
    ];
    for (const [bad, status, path] of cases) {
      const response = await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line(), bad] });
      expect(response.statusCode, JSON.stringify(bad)).toBe(status);
      const errors: { path: string }[] = response.json().errors ?? [];
      expect(errors.map((e) => e.path)).toContain(path.replace("lines.0", "lines.1"));
    }
    const otherCurrency = await client.post("/api/v1/quotes", {
      dealId: deal.id,
      currency: "USD",
      lines: [line()],
    });
    expect(otherCurrency.statusCode).toBe(422);
    expect(otherCurrency.json().errors[0].path).toBe("currency");
    const many = await client.post("/api/v1/quotes", {
      dealId: deal.id,
      lines: Array.from({ length: 10_000 }, () => line()),
    });
    expect(many.statusCode).toBe(400);
    expect(many.json().errors[0]).toMatchObject({ path: "lines", code: "too_many" });
    const written = await t.database.db.select().from(quotes).where(eq(quotes.dealId, deal.id));
    expect(written).toEqual([]);
  });
});

describe("a quote's life: send, revise, accept, invoice", () => {
  it("numbers on send, freezes the content, revises into a new version and wins the deal on accept", async () => {
    const { client, deal } = await dealReadyForQuote(t);
    const draft = (await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line()] })).json();
    const sent = await client.post(`/api/v1/quotes/${draft.id}/send`, {});
    expect(sent.statusCode).toBe(200);
    expect(sent.json().number).toMatch(/^AN-\d{4}-\d{4}$/);
    expect(sent.json().status).toBe("sent");

    const edit = await client.patch(`/api/v1/quotes/${draft.id}`, { lines: [line({ quantity: "5" })] });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().code).toBe("quote_not_draft");

    const revision = await client.post(`/api/v1/quotes/${draft.id}/revise`);
    expect(revision.statusCode).toBe(201);
    const v2 = revision.json();
    expect(v2).toMatchObject({ revision: 2, previousQuoteId: draft.id, status: "draft", number: null });
    const old = (await client.get(`/api/v1/quotes/${draft.id}`)).json();
    expect(old).toMatchObject({ status: "sent", supersededById: v2.id, number: sent.json().number });
    expect(old.lines[0].quantity).toBe("2");
    expect((await client.post(`/api/v1/quotes/${draft.id}/accept`, {})).json().code).toBe("quote_superseded");

    await client.patch(`/api/v1/quotes/${v2.id}`, { lines: [line({ quantity: "5" })] });
    const sentV2 = (await client.post(`/api/v1/quotes/${v2.id}/send`, {})).json();
    expect(sentV2.number).not.toBe(sent.json().number);
    const accepted = await client.post(`/api/v1/quotes/${v2.id}/accept`, {});
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe("accepted");
    const [won] = await t.database.db.select().from(deals).where(eq(deals.id, deal.id));
    expect(won).toMatchObject({ status: "won", amount: "600.00" });

    const invoice = await client.post(`/api/v1/quotes/${v2.id}/invoice`, {});
    expect(invoice.statusCode).toBe(201);
    expect(invoice.json()).toMatchObject({ status: "open", totals: { gross: { amount: "714.00" } } });
    expect(invoice.json().number).toMatch(/^RE-\d{4}-\d{4}$/);
    expect((await client.post(`/api/v1/quotes/${v2.id}/invoice`, {})).json().code).toBe("quote_invoiced");

    const part = await client.post(`/api/v1/invoices/${invoice.json().id}/payments`, {
      amount: { amount: "500.00", currency: "EUR" },
    });
    expect(part.json()).toMatchObject({
      status: "open",
      paid: { amount: "500.00" },
      open: { amount: "214.00" },
    });
    const tooMuch = await client.post(`/api/v1/invoices/${invoice.json().id}/payments`, {
      amount: { amount: "300.00", currency: "EUR" },
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors[0].path).toBe("amount.amount");
    const rest = await client.post(`/api/v1/invoices/${invoice.json().id}/payments`, {
      amount: { amount: "214.00", currency: "EUR" },
    });
    expect(rest.json()).toMatchObject({ status: "paid", open: { amount: "0.00" } });
    const audited = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "quote"), eq(auditLog.entityId, v2.id)));
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(["quote.revised", "quote.updated", "quote.sent", "quote.accepted"]),
    );
  });

  it("accepts without winning the deal when asked, and declines", async () => {
    const { client, deal } = await dealReadyForQuote(t);
    const a = (await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line()] })).json();
    await client.post(`/api/v1/quotes/${a.id}/send`, {});
    expect((await client.post(`/api/v1/quotes/${a.id}/accept`, { winDeal: false })).statusCode).toBe(200);
    const [still] = await t.database.db.select().from(deals).where(eq(deals.id, deal.id));
    expect(still?.status).toBe("open");
    const b = (await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line()] })).json();
    await client.post(`/api/v1/quotes/${b.id}/send`, {});
    expect((await client.post(`/api/v1/quotes/${b.id}/decline`)).json().status).toBe("declined");
  });

  it("expires sent quotes past their validity in the daily job", async () => {
    const { client, deal } = await dealReadyForQuote(t);
    const q = (
      await client.post("/api/v1/quotes", { dealId: deal.id, validUntil: "2026-01-31", lines: [line()] })
    ).json();
    await client.post(`/api/v1/quotes/${q.id}/send`, {});
    await expireQuotes(t.database.db, "2026-02-01");
    expect((await client.get(`/api/v1/quotes/${q.id}`)).json().status).toBe("expired");
  });
});

describe("the daily overdue check", () => {
  it("marks an unpaid invoice past its due date overdue and leaves a paid one paid", async () => {
    const { client, deal } = await dealReadyForQuote(t);
    const invoiceOf = async () => {
      const q = (await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line()] })).json();
      await client.post(`/api/v1/quotes/${q.id}/send`, {});
      await client.post(`/api/v1/quotes/${q.id}/accept`, { winDeal: false });
      return (await client.post(`/api/v1/quotes/${q.id}/invoice`, { dueDays: 0 })).json();
    };
    const unpaid = await invoiceOf();
    const paid = await invoiceOf();
    await client.post(`/api/v1/invoices/${paid.id}/payments`, {
      amount: { amount: "285.60", currency: "EUR" },
    });
    await markInvoicesOverdue(t.database.db, "2099-01-01");
    expect((await client.get(`/api/v1/invoices/${unpaid.id}`)).json().status).toBe("overdue");
    expect((await client.get(`/api/v1/invoices/${paid.id}`)).json().status).toBe("paid");
    const late = await client.post(`/api/v1/invoices/${unpaid.id}/payments`, {
      amount: { amount: "285.60", currency: "EUR" },
    });
    expect(late.json()).toMatchObject({ status: "paid", open: { amount: "0.00" } });
  });
});

describe("quotes follow their deal's visibility", () => {
  it("answers 404 to a salesperson of another team, in lists and one by one", async () => {
    const { client, deal } = await dealReadyForQuote(t);
    const q = (await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line()] })).json();
    const other = await dealReadyForQuote(t);
    expect((await other.client.get(`/api/v1/quotes/${q.id}`)).statusCode).toBe(404);
    expect((await other.client.get(`/api/v1/quotes/${q.id}/pdf`)).statusCode).toBe(404);
    expect((await other.client.get(`/api/v1/quotes?dealId=${deal.id}`)).json().data).toEqual([]);
    expect((await other.client.post(`/api/v1/quotes/${q.id}/send`, {})).statusCode).toBe(404);
    const lines = await t.database.db.select().from(quoteLines).where(eq(quoteLines.quoteId, q.id));
    expect(lines).toHaveLength(1);
  });
});
