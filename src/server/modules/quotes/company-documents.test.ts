import { activities } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildPipeline } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { dealReadyForQuote, line } from "@test/quote-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await buildPipeline(t.database.db, { isDefault: true });
});
afterAll(() => t.close());

describe("GET /api/v1/companies/{id}/file: quotes, invoices and emails", () => {
  it("shows the company's quotes, invoices with open amount and revenue, and every email of its contacts", async () => {
    const { client, deal, company, contact, user } = await dealReadyForQuote(t);
    const quote = (await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line()] })).json();
    await client.post(`/api/v1/quotes/${quote.id}/send`, { email: {} });
    await client.post(`/api/v1/quotes/${quote.id}/accept`, {});
    const invoice = (await client.post(`/api/v1/quotes/${quote.id}/invoice`, {})).json();
    await client.post(`/api/v1/invoices/${invoice.id}/payments`, {
      amount: { amount: "85.60", currency: "EUR" },
    });
    // A received mail, as email-to-lead records it: on the contact only.
    const [received] = await t.database.db
      .insert(activities)
      .values({
        type: "email",
        subject: "Re: Angebot",
        done: true,
        contactId: contact.id,
        ownerId: user.id,
        teamId: user.teamId,
      })
      .returning();

    const file = (await client.get(`/api/v1/companies/${company.id}/file`)).json();
    expect(file.quotes.map((q: { id: string }) => q.id)).toEqual([quote.id]);
    expect(file.quotes[0]).toMatchObject({ status: "accepted", invoiceId: invoice.id });
    expect(file.invoices).toHaveLength(1);
    expect(file.invoices[0]).toMatchObject({ number: invoice.number, open: { amount: "200.00" } });
    expect(file.invoiceTotals).toEqual({
      open: [{ amount: "200.00", currency: "EUR" }],
      revenueThisYear: [{ amount: "240.00", currency: "EUR" }],
    });
    const subjects = file.emails.map((e: { subject: string }) => e.subject);
    expect(subjects).toContain("Re: Angebot");
    expect(subjects.some((s: string) => s.startsWith("Quote AN-"))).toBe(true);
    expect(file.emails.map((e: { id: string }) => e.id)).toContain(received?.id);

    const outsider = await signedIn(t, "manager");
    expect((await outsider.client.get(`/api/v1/companies/${company.id}/file`)).json().quotes).toHaveLength(1);
    const other = await dealReadyForQuote(t);
    expect((await other.client.get(`/api/v1/companies/${company.id}/file`)).statusCode).toBe(404);
  });
});
