import { deflateRawSync } from "node:zlib";
import { inboundMails } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildPipeline } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { desc, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import { enqueueMail } from "./outbox";

const MAX_BYTES = 1024 * 1024;
const INTAKE = "anfragen@leadwerk.test";
let t: TestApp;
let admin: Client;
let port: number;

beforeAll(async () => {
  t = await buildTestApp({
    mail: { secretKey: null, intake: { port: 0, host: "127.0.0.1" }, maxBytes: MAX_BYTES },
  });
  admin = (await signedIn(t, "admin")).client;
  const saved = await admin.request({
    method: "PUT",
    url: "/api/v1/settings/email",
    payload: { intakeAddresses: [INTAKE] },
  });
  expect(saved.statusCode).toBe(200);
  await buildPipeline(t.database.db, { isDefault: true });
  await t.app.ready();
  port = t.app.mail.intakePort ?? 0;
});
afterAll(() => t.close());

/** Sends through nodemailer over a real socket into the intake listener. */
async function send(mail: Mail.Options) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ to: INTAKE, ...mail });
  } finally {
    transport.close();
  }
}

/** Sends a raw message as it is (broken MIME included). */
async function sendRaw(
  raw: string | Buffer,
  envelope: { from: string; to: string[] } = { from: "x@example.org", to: [INTAKE] },
) {
  return send({ envelope, raw });
}

async function lastInbound() {
  const [row] = await t.database.db
    .select()
    .from(inboundMails)
    .orderBy(desc(inboundMails.receivedAt))
    .limit(1);
  if (!row) throw new Error("no inbound mail");
  return row;
}

describe("email to lead over the SMTP intake", () => {
  it("makes a lead from an unknown sender, with the mail on its timeline and the attachment as a download", async () => {
    await send({
      from: '"Max Mustermann" <Max@Mueller-Maschinenbau.de>',
      subject: "Anfrage Fräsmaschine",
      text: "Wir brauchen ein Angebot für 3 Maschinen.",
      html: '<p>Wir brauchen ein <b>Angebot</b> für 3 Maschinen.</p><a href="https://mueller-maschinenbau.de">Web</a><img src="https://tracker.example/p.gif">',
      attachments: [{ filename: "Anforderungen.pdf", content: Buffer.from("%PDF-1.4 Anforderungen") }],
    });
    const inbound = await lastInbound();
    expect(inbound).toMatchObject({
      status: "accepted",
      channel: "smtp",
      fromAddress: "max@mueller-maschinenbau.de",
    });
    const lead = (await admin.get(`/api/v1/leads/${inbound.leadId}`)).json();
    expect(lead).toMatchObject({
      firstName: "Max",
      lastName: "Mustermann",
      email: "max@mueller-maschinenbau.de",
      companyName: "mueller-maschinenbau.de",
      source: "email",
    });
    const timeline = (await admin.get(`/api/v1/leads/${inbound.leadId}/timeline?type=email`)).json();
    expect(timeline.data.map((i: { activity: { subject: string } }) => i.activity.subject)).toEqual([
      "Anfrage Fräsmaschine",
    ]);
    const email = (await admin.get(`/api/v1/activities/${inbound.activityId}/email`)).json();
    expect(email.safeHtml).toContain("<b>Angebot</b>");
    expect(email.safeHtml).not.toContain("<img");
    expect(email.safeHtml).toContain('rel="noopener noreferrer nofollow"');
    expect(email.attachments).toMatchObject([{ filename: "Anforderungen.pdf", sizeBytes: 22 }]);
    const download = await admin.get(
      `/api/v1/activities/${inbound.activityId}/attachments/${email.attachments[0].id}`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/octet-stream");
    expect(download.headers["content-disposition"]).toMatch(/^attachment; filename="Anforderungen.pdf"/);
    expect(download.body).toBe("%PDF-1.4 Anforderungen");
  });

  it("takes no company from a free mail address, and a second mail joins the open lead", async () => {
    await send({ from: "Erika Beispiel <erika.beispiel@gmx.de>", subject: "Frage", text: "Was kostet das?" });
    const first = await lastInbound();
    const lead = (await admin.get(`/api/v1/leads/${first.leadId}`)).json();
    expect(lead.companyName).toBeNull();
    await send({ from: "erika.beispiel@gmx.de", subject: "Nachtrag", text: "Und mit Wartung?" });
    const second = await lastInbound();
    expect(second.leadId).toBe(first.leadId);
    const timeline = (await admin.get(`/api/v1/leads/${first.leadId}/timeline?type=email`)).json();
    expect(timeline.data).toHaveLength(2);
  });

  it("refuses mail for other addresses at RCPT TO", async () => {
    await expect(
      send({ from: "a@example.org", to: "jemand@leadwerk.test", subject: "x", text: "y" }),
    ).rejects.toThrow(/550/);
  });

  it("puts a known contact's reply onto the contact's timeline and the deal it answers", async () => {
    const contact = (
      await admin.post("/api/v1/contacts", {
        firstName: "Jürgen",
        lastName: "Meier",
        emails: [{ value: "j.meier@acme.de", type: "work", primary: true }],
      })
    ).json();
    const deal = (
      await admin.post("/api/v1/deals", { title: "Acme Fräsen", contacts: [{ contactId: contact.id }] })
    ).json();
    expect(deal.id).toBeDefined();
    const sent = await t.database.db.transaction((tx) =>
      enqueueMail(tx, {
        to: "j.meier@acme.de",
        subject: "Ihr Angebot",
        text: "Anbei",
        related: [{ entity: "deal", id: deal.id }],
      }),
    );
    const leadsBefore = (await admin.get("/api/v1/leads?limit=200")).json().data.length;
    await send({
      from: "Jürgen Meier <j.meier@acme.de>",
      subject: "Re: Ihr Angebot",
      text: "Passt, bitte liefern.",
      inReplyTo: sent.messageId,
      references: [sent.messageId],
    });
    const inbound = await lastInbound();
    expect(inbound).toMatchObject({ status: "accepted", contactId: contact.id, leadId: null });
    const onContact = (await admin.get(`/api/v1/contacts/${contact.id}/timeline?type=email`)).json();
    expect(onContact.data.map((i: { activity: { subject: string } }) => i.activity.subject)).toEqual([
      "Re: Ihr Angebot",
    ]);
    const onDeal = (await admin.get(`/api/v1/deals/${deal.id}/timeline?type=email`)).json();
    expect(onDeal.data.map((i: { activity: { subject: string } }) => i.activity.subject)).toEqual([
      "Re: Ihr Angebot",
    ]);
    expect((await admin.get("/api/v1/leads?limit=200")).json().data.length).toBe(leadsBefore);
  });

  it("knows a contact by a second address too, and no longer once the address is removed", async () => {
    const contact = (
      await admin.post("/api/v1/contacts", {
        lastName: "Zweitpost",
        emails: [
          { value: "zweit.haupt@kunde-mail.de", type: "work", primary: true },
          { value: "Zweit.Privat@Kunde-Mail.de", type: "private" },
        ],
      })
    ).json();
    await send({ from: "zweit.privat@kunde-mail.de", subject: "Von der zweiten Adresse", text: "Hallo" });
    expect(await lastInbound()).toMatchObject({ status: "accepted", contactId: contact.id, leadId: null });

    const edited = await admin.patch(`/api/v1/contacts/${contact.id}`, {
      emails: [{ value: "zweit.haupt@kunde-mail.de", type: "work", primary: true }],
      version: contact.version,
    });
    expect(edited.statusCode).toBe(200);
    await send({ from: "zweit.privat@kunde-mail.de", subject: "Nach dem Entfernen", text: "Hallo" });
    const after = await lastInbound();
    expect(after).toMatchObject({ status: "accepted", contactId: null });
    expect(after.leadId).not.toBeNull();
  });
});

describe("mail that makes no lead", () => {
  it("ignores auto-replies and bounces", async () => {
    await send({
      from: "urlaub@firma-x.de",
      subject: "Abwesenheit",
      text: "Bin weg",
      headers: { "Auto-Submitted": "auto-replied" },
    });
    expect(await lastInbound()).toMatchObject({ status: "ignored", reason: "mail_auto_reply", leadId: null });
    await send({
      envelope: { from: "", to: [INTAKE] },
      from: "mailer-daemon@firma-y.de",
      subject: "Undeliverable",
      text: "550",
    });
    expect(await lastInbound()).toMatchObject({ status: "ignored", reason: "mail_bounce", leadId: null });
  });

  it("rejects hostile mail with its reason, and the listener keeps taking mail", async () => {
    await expect(
      send({
        from: "evil@example.org",
        subject: "Hi",
        html: '<p onclick="x()">Hi</p><script>alert(1)</script>',
      }),
    ).rejects.toThrow(/554/);
    expect(await lastInbound()).toMatchObject({ status: "rejected", reason: "mail_script_in_html" });

    await expect(
      sendRaw(
        'From: broken@example.org\r\nTo: anfragen@leadwerk.test\r\nSubject: kaputt\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="nie-da"\r\n\r\nkein Teil\r\n',
      ),
    ).rejects.toThrow(/554/);
    expect(await lastInbound()).toMatchObject({ status: "rejected", reason: "mail_malformed" });

    await expect(
      send({ from: "big@example.org", subject: "Groß", text: "x".repeat(MAX_BYTES + 10) }),
    ).rejects.toThrow(/552/);
    expect(await lastInbound()).toMatchObject({ status: "rejected", reason: "mail_too_large" });

    await expect(
      send({
        from: "bomb@example.org",
        subject: "Rechnung",
        text: "Anbei",
        attachments: [{ filename: "rechnung.zip", content: await zipBomb() }],
      }),
    ).rejects.toThrow(/554/);
    expect(await lastInbound()).toMatchObject({ status: "rejected", reason: "mail_zip_bomb" });

    const nul = await sendRaw("From: nul@example.org\r\nSubject: a\u0000b\r\n\r\nText mit \u0000 NUL\r\n");
    expect(nul.accepted).toEqual([INTAKE]);
    expect(await lastInbound()).toMatchObject({ status: "accepted", subject: "ab" });

    await send({ from: "danach@example.org", subject: "Noch da?", text: "Ja." });
    expect(await lastInbound()).toMatchObject({ status: "accepted", fromAddress: "danach@example.org" });
    const rejected = (await admin.get("/api/v1/inbound-mails?status=rejected")).json();
    expect(rejected.data.map((m: { reason: string }) => m.reason).sort()).toEqual(
      ["mail_malformed", "mail_script_in_html", "mail_too_large", "mail_zip_bomb"].sort(),
    );
  });

  it("ignores a repeat of the same Message-ID", async () => {
    const mail = {
      from: "zweimal@example.org",
      subject: "Doppelt",
      text: "x",
      messageId: "<doppelt-1@example.org>",
    };
    await send(mail);
    const first = await lastInbound();
    await send(mail);
    const second = await lastInbound();
    expect(first.status).toBe("accepted");
    expect(second).toMatchObject({ status: "ignored", reason: "mail_duplicate" });
    const [row] = await t.database.db.select().from(inboundMails).where(eq(inboundMails.id, first.id));
    expect(row?.leadId).toBeTruthy();
  });
});

/** 50 MiB of zeros in a few kilobytes. */
async function zipBomb(): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.alloc(50 * 1024 * 1024), "zeros.bin");
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const bomb = Buffer.concat(chunks);
  // Sanity: it really is small, or this test would test the size limit instead.
  expect(bomb.length).toBeLessThan(deflateRawSync(Buffer.alloc(1024)).length * 100_000);
  expect(bomb.length).toBeLessThan(MAX_BYTES / 4);
  return bomb;
}
