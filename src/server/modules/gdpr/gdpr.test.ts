import {
  activities,
  auditLog,
  emailAttachments,
  emailMessages,
  leads,
  mailOutbox,
  processingLog,
} from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { convert, createLead } from "@test/conversion-helpers";
import { buildPipeline } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { pdfPages } from "@test/pdf-text";
import { dealReadyForQuote, line } from "@test/quote-helpers";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertMailAllowed } from "./restriction-guard";
import { proposeRetention, purgeApproved } from "./retention.service";

let t: TestApp;
let admin: Client;
let sales: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin", null)).client;
  sales = (await signedIn(t, "sales", null)).client;
});
afterAll(() => t.close());

/** A converted person: the lead, its contact, a note on each, an email with an attachment, a consent. */
async function person(lastName: string) {
  const lead = await createLead(admin, { lastName, firstName: "Quirin" });
  const note = await admin.post("/api/v1/activities", {
    type: "note",
    subject: `Anruf mit ${lastName}`,
    body: `${lastName} möchte ein Angebot`,
    leadId: lead.id,
  });
  expect(note.statusCode).toBe(201);
  const consent = await admin.post(`/api/v1/leads/${lead.id}/consents`, {
    purpose: "Newsletter",
    legalBasis: "consent",
    source: "Telefon",
    policyVersion: "2026-01",
  });
  expect(consent.statusCode).toBe(201);
  const converted = await convert(admin, lead.id, { contact: { create: {} } });
  expect(converted.statusCode).toBe(201);
  const contactId: string = converted.json().contact.id;
  // An email activity on the contact with its stored mail and an attachment, as the mail intake writes them.
  const [mail] = await t.database.db
    .insert(activities)
    .values({ type: "email", subject: `Re: Angebot für ${lastName}`, body: "Hallo", contactId, done: true })
    .returning({ id: activities.id });
  if (!mail) throw new Error("no activity");
  await t.database.db.insert(emailMessages).values({
    activityId: mail.id,
    fromAddress: lead.email,
    fromName: `Quirin ${lastName}`,
    to: ["vertrieb@leadwerk.example"],
    safeHtml: `<p>Grüße, ${lastName}</p>`,
  });
  await t.database.db.insert(emailAttachments).values({
    activityId: mail.id,
    filename: "lebenslauf.pdf",
    contentType: "application/pdf",
    sizeBytes: 3,
    content: Buffer.from("pdf"),
  });
  await t.database.db.insert(mailOutbox).values({
    messageId: `<${lastName}@test>`,
    to: [lead.email],
    subject: `Angebot ${lastName}`,
    textBody: lastName,
  });
  return { lead, contactId, mailId: mail.id };
}

const funnel = async () => (await admin.get("/api/v1/reports/funnel")).json();

describe("Art. 15 export and Art. 17 erasure", () => {
  it("lets only admins export and erase", async () => {
    const { lead, contactId } = await person("Sperrmann");
    // The role is refused before anything is read: no answer tells whether the record exists.
    expect((await sales.post(`/api/v1/leads/${lead.id}/erase`, { reason: "Antrag" })).statusCode).toBe(403);
    const { client: seller } = await signedIn(t, "sales", null);
    const own = await createLead(seller, { lastName: "Eigenmann" });
    const refused = await seller.post(`/api/v1/leads/${own.id}/erase`, { reason: "Antrag" });
    expect(refused.statusCode).toBe(403);
    expect((await seller.get(`/api/v1/leads/${own.id}/gdpr-export`)).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/contacts/${contactId}/erase`, {})).json().errors[0].path).toBe(
      "reason",
    );
  });

  it("exports everything about the person as JSON and as a German PDF, and logs it", async () => {
    const { lead, contactId } = await person("Auskunftsberg");
    const res = await admin.get(`/api/v1/contacts/${contactId}/gdpr-export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain("attachment");
    const data = res.json();
    expect(data.leads.map((l: { id: string }) => l.id)).toEqual([lead.id]);
    expect(data.contacts[0]).toMatchObject({ id: contactId, lastName: "Auskunftsberg" });
    expect(data.contacts[0]).not.toHaveProperty("searchText");
    expect(data.activities.map((a: { subject: string }) => a.subject)).toEqual(
      expect.arrayContaining(["Anruf mit Auskunftsberg", "Re: Angebot für Auskunftsberg"]),
    );
    expect(data.emails[0].attachments[0]).toMatchObject({ filename: "lebenslauf.pdf", sizeBytes: 3 });
    expect(data.consents[0]).toMatchObject({ purpose: "Newsletter", source: "Telefon", subjectType: "lead" });
    expect(data.auditEntries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["lead.created", "lead.converted", "lead.consent_added"]),
    );
    for (const part of ["outgoingMails", "inboundMails", "formConsents", "restrictions", "processingLog"])
      expect(data).toHaveProperty(part);

    const pdf = await admin.get(`/api/v1/leads/${lead.id}/gdpr-export?format=pdf&lang=de`);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = (await pdfPages(pdf.rawPayload)).join(" ");
    expect(text).toContain("Auskunft nach Art. 15 DSGVO");
    expect(text).toContain("Auskunftsberg");
    const log = (await admin.get("/api/v1/gdpr/processing-log?action=exported")).json();
    expect(
      log.data.filter((e: { subjectId: string }) => [lead.id, contactId].includes(e.subjectId)),
    ).toHaveLength(2);
  });

  it("anonymises lead, contact, activities, emails, attachments, search and audit values; the funnel stays", async () => {
    const { lead, contactId, mailId } = await person("Vergessmann");
    const before = await funnel();
    const res = await admin.post(`/api/v1/contacts/${contactId}/erase`, {
      reason: "Antrag per E-Mail vom 1.12.",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ leads: 1, contacts: 1, emails: 1, attachments: 1, outgoingMails: 1 });
    expect(res.json().activities).toBeGreaterThanOrEqual(2);

    const erasedLead = (await admin.get(`/api/v1/leads/${lead.id}`)).json();
    expect(erasedLead).toMatchObject({ lastName: "—", firstName: null, email: null, status: "converted" });
    expect(erasedLead.estimatedValue).toEqual(lead.estimatedValue);
    expect((await admin.get(`/api/v1/contacts/${contactId}`)).json()).toMatchObject({
      lastName: "—",
      emails: [],
    });
    for (const list of ["leads", "contacts"])
      expect((await admin.get(`/api/v1/${list}?q=Vergessmann`)).json().data).toEqual([]);

    const db = t.database.db;
    const leftovers = await db.execute(sql`
      select 'activity' from activities where subject ilike '%Vergessmann%' or body ilike '%Vergessmann%'
      union all select 'email' from email_messages where safe_html ilike '%Vergessmann%' or from_name ilike '%Vergessmann%'
      union all select 'outbox' from mail_outbox where subject ilike '%Vergessmann%' or text_body ilike '%Vergessmann%'
      union all select 'audit' from audit_log where changes::text ilike '%Vergessmann%'`);
    expect((leftovers as unknown as { rows: unknown[] }).rows).toEqual([]);
    expect(await db.select().from(emailAttachments).where(eq(emailAttachments.activityId, mailId))).toEqual(
      [],
    );
    const [redacted] = await db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(sql`${auditLog.entityId} = ${lead.id} and ${auditLog.action} = 'lead.created'`);
    expect(JSON.stringify(redacted?.changes)).toContain("[erased]");

    expect(await funnel()).toEqual(before);
    const [logged] = await db
      .select()
      .from(processingLog)
      .where(sql`${processingLog.subjectId} = ${contactId} and ${processingLog.action} = 'erased'`);
    expect(logged?.reason).toBe("Antrag per E-Mail vom 1.12.");
    const privacy = (await admin.get(`/api/v1/leads/${lead.id}/privacy`)).json();
    expect(privacy.erasedAt).not.toBeNull();
  });
});

describe("consent log and restriction", () => {
  it("keeps consents with withdrawal and follows a lead's consent to its contact", async () => {
    const { lead, contactId } = await person("Einwilligmann");
    const onContact = (await admin.get(`/api/v1/contacts/${contactId}/privacy`)).json();
    const consent = onContact.consents[0];
    expect(consent).toMatchObject({ subjectId: lead.id, legalBasis: "consent", withdrawnAt: null });
    const withdrawn = await sales.post(`/api/v1/contacts/${contactId}/consents/${consent.id}/withdraw`, {
      channel: "email",
    });
    // The sales user without a team does not see the admin's contact: as missing.
    expect(withdrawn.statusCode).toBe(404);
    const ok = await admin.post(`/api/v1/contacts/${contactId}/consents/${consent.id}/withdraw`, {
      channel: "email",
    });
    expect(ok.json()).toMatchObject({
      withdrawalChannel: "email",
      withdrawnBy: { name: expect.any(String) },
    });
    const again = await admin.post(`/api/v1/contacts/${contactId}/consents/${consent.id}/withdraw`, {
      channel: "email",
    });
    expect(again.statusCode).toBe(422);
  });

  it("writes a web form's consent into the consent log with the form as source and its policy version", async () => {
    const form = await admin.post("/api/v1/forms", {
      name: "Newsletter-Anmeldung",
      fields: [
        { field: "lastName", label: { de: "Nachname", en: "Last name" }, required: true },
        { field: "email", label: { de: "E-Mail", en: "Email" }, required: true },
      ],
      consentText: { de: "Ich möchte den Newsletter erhalten.", en: "Send me the newsletter." },
      policyVersion: "2026-03",
      minFillSeconds: 0,
    });
    expect(form.statusCode).toBe(201);
    const email = `formular-${Date.now()}@example.com`;
    const submitted = await t.app.inject({
      method: "POST",
      url: `/api/v1/public/forms/${form.json().key}`,
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ lastName: "Formularfeld", email, consent: true }),
    });
    expect(submitted.statusCode).toBe(201);
    const [lead] = await t.database.db.select({ id: leads.id }).from(leads).where(eq(leads.email, email));
    const privacy = (await admin.get(`/api/v1/leads/${lead?.id}/privacy`)).json();
    expect(privacy.consents).toEqual([
      expect.objectContaining({
        legalBasis: "consent",
        source: "Newsletter-Anmeldung",
        policyVersion: "2026-03",
        consentText: "Ich möchte den Newsletter erhalten.",
        recordedBy: null,
      }),
    ]);
  });

  it("leaves a restricted person out of list exports and refuses to email a quote to them", async () => {
    const kept = await createLead(admin, { lastName: "Exportfrei", tags: ["gdpr-export"] });
    const held = await createLead(admin, { lastName: "Eingeschraenkt", tags: ["gdpr-export"] });
    const put = await admin.request({
      method: "PUT",
      url: `/api/v1/leads/${held.id}/restriction`,
      payload: { restricted: true, reason: "Widerspruch, Prüfung läuft" },
    });
    expect(put.statusCode).toBe(204);
    expect((await admin.get(`/api/v1/leads/${held.id}/privacy`)).json().restricted.reason).toBe(
      "Widerspruch, Prüfung läuft",
    );
    const csv = (await admin.get("/api/v1/leads/export.csv?tags=gdpr-export")).body;
    expect(csv).toContain("Exportfrei");
    expect(csv).not.toContain("Eingeschraenkt");
    await expect(assertMailAllowed(t.database.db, held.email.toUpperCase(), "to")).rejects.toMatchObject({
      status: 422,
    });
    await expect(assertMailAllowed(t.database.db, kept.email, "to")).resolves.toBeUndefined();

    // A quote is not emailed to a restricted contact; the quote stays a draft.
    await buildPipeline(t.database.db, { isDefault: true });
    const { client, contact, deal } = await dealReadyForQuote(t, { role: "admin" });
    await admin.request({
      method: "PUT",
      url: `/api/v1/contacts/${contact.id}/restriction`,
      payload: { restricted: true, reason: "Art. 18 Antrag" },
    });
    const quote = (await client.post("/api/v1/quotes", { dealId: deal.id, lines: [line()] })).json();
    const refused = await client.post(`/api/v1/quotes/${quote.id}/send`, { email: {} });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: "recipient_restricted", errors: [{ path: "email.to" }] });
    expect((await client.get(`/api/v1/quotes/${quote.id}`)).json().status).toBe("draft");
  });
});

describe("retention rules", () => {
  it("proposes dead leads past their time, purges only the approved ones, and logs each step", async () => {
    const old = await createLead(admin, { lastName: "Altbestand" });
    const spared = await createLead(admin, { lastName: "Behalten" });
    const fresh = await createLead(admin, { lastName: "Frischling" });
    await t.database.db
      .update(leads)
      .set({ status: "dead", deadReason: "no_budget", updatedAt: new Date(Date.now() - 800 * 86_400_000) })
      .where(sql`${leads.id} in (${old.id}, ${spared.id})`);
    await t.database.db
      .update(leads)
      .set({ status: "dead", deadReason: "no_budget" })
      .where(eq(leads.id, fresh.id));

    const rules = await admin.request({
      method: "PUT",
      url: "/api/v1/gdpr/retention-rules",
      payload: { rules: [{ category: "dead_leads", afterDays: 730, active: true }] },
    });
    expect(rules.json().data).toContainEqual(
      expect.objectContaining({ category: "dead_leads", active: true }),
    );
    expect((await sales.get("/api/v1/gdpr/retention-rules")).statusCode).toBe(403);

    await proposeRetention(t.database.db);
    const proposals = (await admin.get("/api/v1/gdpr/retention-proposals?state=proposed&limit=200")).json()
      .data;
    const ids = proposals.map((p: { subjectId: string }) => p.subjectId);
    expect(ids).toEqual(expect.arrayContaining([old.id, spared.id]));
    expect(ids).not.toContain(fresh.id);
    expect(proposals.find((p: { subjectId: string }) => p.subjectId === old.id).label).toContain(
      "Altbestand",
    );
    const idOf = (leadId: string) => proposals.find((p: { subjectId: string }) => p.subjectId === leadId).id;
    await admin.post("/api/v1/gdpr/retention-proposals/decide", { ids: [idOf(old.id)], decision: "approve" });
    await admin.post("/api/v1/gdpr/retention-proposals/decide", {
      ids: [idOf(spared.id)],
      decision: "exclude",
    });

    expect(await purgeApproved(t.database.db)).toBe(1);
    expect((await admin.get(`/api/v1/leads/${old.id}`)).json()).toMatchObject({
      lastName: "—",
      status: "dead",
    });
    expect((await admin.get(`/api/v1/leads/${spared.id}`)).json().lastName).toBe("Behalten");
    // An excluded record is not proposed again.
    await proposeRetention(t.database.db);
    const again = (await admin.get("/api/v1/gdpr/retention-proposals?state=proposed&limit=200")).json().data;
    expect(again.map((p: { subjectId: string }) => p.subjectId)).not.toContain(spared.id);
    const log = (await admin.get("/api/v1/gdpr/processing-log?limit=200")).json().data;
    const actions = log.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "retention_rule_changed",
        "retention_proposed",
        "retention_approved",
        "retention_excluded",
        "retention_purged",
      ]),
    );
  });
});
