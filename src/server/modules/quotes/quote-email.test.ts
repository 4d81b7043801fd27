import { activities } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { buildPipeline } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { pdfPages } from "@test/pdf-text";
import { dealReadyForQuote, line } from "@test/quote-helpers";
import { type SmtpSink, startSmtpSink } from "@test/smtp-sink";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let sink: SmtpSink;
beforeAll(async () => {
  t = await buildTestApp();
  await buildPipeline(t.database.db, { isDefault: true });
  sink = await startSmtpSink();
  const admin = (await signedIn(t, "admin")).client;
  const smtp = await admin.request({
    method: "PUT",
    url: "/api/v1/settings/email",
    payload: {
      smtp: {
        host: "127.0.0.1",
        port: sink.port,
        security: "none",
        from: "vertrieb@leadwerk.test",
        fromName: "Vertrieb",
      },
    },
  });
  expect(smtp.statusCode, smtp.body).toBe(200);
  await admin.request({
    method: "PUT",
    url: "/api/v1/settings/letterhead",
    payload: { companyName: "Leadwerk Demo GmbH" },
  });
});
afterAll(async () => {
  await sink.close();
  await t.close();
});

describe("POST /api/v1/quotes/{id}/send with email", () => {
  it("mails the PDF to the contact through the outbox and records an email activity on deal, contact and company", async () => {
    const { client, deal, contact, company } = await dealReadyForQuote(t);
    const quote = (
      await client.post("/api/v1/quotes", { dealId: deal.id, locale: "de", lines: [line()] })
    ).json();
    const sent = await client.post(`/api/v1/quotes/${quote.id}/send`, { email: {} });
    expect(sent.statusCode, sent.body).toBe(200);
    const number = sent.json().number as string;
    await t.app.jobs.runDue();
    const mails = await sink.waitFor(1);
    const mail = mails.find((m) => m.parsed.subject === `Angebot ${number} von Leadwerk Demo GmbH`);
    expect(mail?.envelope.to).toEqual(["anna.schmidt@example.org"]);
    expect(mail?.parsed.text).toContain("Sehr geehrte Frau Schmidt,");
    expect(mail?.parsed.text).toContain(`anbei erhalten Sie unser Angebot ${number}`);
    const attachment = mail?.parsed.attachments[0];
    expect(attachment?.contentType).toBe("application/pdf");
    expect(attachment?.filename).toBe(`${number}.pdf`);
    const [page] = await pdfPages(attachment?.content ?? Buffer.alloc(0));
    expect(page).toContain(`Angebot ${number}`);
    expect(page).toContain("285,60 €");

    const [activity] = await t.database.db.select().from(activities).where(eq(activities.dealId, deal.id));
    expect(activity).toMatchObject({
      type: "email",
      contactId: contact.id,
      companyId: company.id,
      done: true,
    });
    const file = (await client.get(`/api/v1/companies/${company.id}/file`)).json();
    expect(file.activities.map((a: { id: string }) => a.id)).toContain(activity?.id);
  });

  it("writes the informal English template when the quote says so, and refuses a contact without email", async () => {
    const { client, deal } = await dealReadyForQuote(t);
    const quote = (
      await client.post("/api/v1/quotes", {
        dealId: deal.id,
        locale: "en",
        formality: "informal",
        lines: [line()],
      })
    ).json();
    const sent = (
      await client.post(`/api/v1/quotes/${quote.id}/send`, { email: { to: "buyer@example.org" } })
    ).json();
    await t.app.jobs.runDue();
    const mails = await sink.waitFor(2);
    const mail = mails.find((m) => m.parsed.subject === `Quote ${sent.number} from Leadwerk Demo GmbH`);
    expect(mail?.envelope.to).toEqual(["buyer@example.org"]);
    expect(mail?.parsed.text).toContain("Hi Anna,");
    expect(mail?.parsed.text).toContain(`attached is our quote ${sent.number}`);

    const noMail = await dealReadyForQuote(t);
    const contact = (
      await noMail.client.post("/api/v1/contacts", { lastName: "Ohne", companyId: noMail.company.id })
    ).json();
    await noMail.client.patch(`/api/v1/deals/${noMail.deal.id}`, { contacts: [{ contactId: contact.id }] });
    const q = (
      await noMail.client.post("/api/v1/quotes", { dealId: noMail.deal.id, lines: [line()] })
    ).json();
    const refused = await noMail.client.post(`/api/v1/quotes/${q.id}/send`, { email: {} });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: "quote_needs_email", errors: [{ path: "email.to" }] });
    expect((await noMail.client.get(`/api/v1/quotes/${q.id}`)).json()).toMatchObject({
      status: "draft",
      number: null,
    });
  });

  it("writes the admin's template for the quote's language and form of address, values put in once", async () => {
    const admin = (await signedIn(t, "admin")).client;
    const { templates } = (await admin.get("/api/v1/settings/quote-email-templates")).json();
    templates.de.formal = {
      subject: "Ihr Angebot {{quoteNumber}} für {{customerCompany}}",
      body: "{{greeting}}\n\nGesamt: {{total}}, gültig bis {{validUntil}}.\nKontakt: {{contactName}}\n{{senderName}}",
    };
    const saved = await admin.request({
      method: "PUT",
      url: "/api/v1/settings/quote-email-templates",
      payload: templates,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const { client, deal, company } = await dealReadyForQuote(t);
    const quote = (
      await client.post("/api/v1/quotes", {
        dealId: deal.id,
        locale: "de",
        validUntil: "2026-12-23",
        lines: [line()],
      })
    ).json();
    const sent = (await client.post(`/api/v1/quotes/${quote.id}/send`, { email: {} })).json();
    await t.app.jobs.runDue();
    const mails = await sink.waitFor(3);
    const mail = mails.find((m) => m.parsed.subject === `Ihr Angebot ${sent.number} für ${company.name}`);
    expect(mail?.parsed.text).toContain("Sehr geehrte Frau Schmidt,");
    // Intl writes a no-break space before the euro sign.
    expect(mail?.parsed.text).toMatch(/Gesamt: 285,60\s€, gültig bis 23\.12\.2026\./);
    expect(mail?.parsed.text).toContain("Kontakt: Anna Schmidt");
  });
});
