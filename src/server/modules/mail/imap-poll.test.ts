import { imapCursors, inboundMails } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { type ImapServer, startImapServer } from "@test/imap-server";
import { signedIn } from "@test/lead-helpers";
import { asc, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailboxKey } from "./imap-poll";

const MAILBOX = { user: "vertrieb@leadwerk.test", pass: "imap-geheim-1" };
let t: TestApp;
let admin: Client;
let imap: ImapServer;

beforeAll(async () => {
  imap = await startImapServer([MAILBOX]);
  t = await buildTestApp();
  admin = (await signedIn(t, "admin")).client;
}, 120_000);
afterAll(async () => {
  await t?.close();
  await imap?.stop();
});

const settings = (over: object = {}) => ({
  imap: {
    enabled: true,
    host: imap.host,
    port: imap.port,
    security: "none",
    user: MAILBOX.user,
    password: MAILBOX.pass,
    folder: "INBOX",
    afterRead: "mark_seen",
    ...over,
  },
});

const mail = (n: number, from = `kunde${n}@firma${n}.de`) =>
  [
    `From: Kunde ${n} <${from}>`,
    "To: vertrieb@leadwerk.test",
    `Subject: Anfrage ${n}`,
    `Message-ID: <anfrage-${n}@firma${n}.de>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    `Bitte um Rückruf (${n}).`,
    "",
  ].join("\r\n");

/**
 * One poll through the job runner, as production polls (one at a time, the runner's claim): the
 * settings' pollSeconds count as passed. Answers the inbound mails it recorded.
 */
async function poll(app: FastifyInstance = t.app) {
  const before = (await imapRows()).length;
  await t.database.db.update(imapCursors).set({ updatedAt: new Date(Date.now() - 3_600_000) });
  await app.jobs.enqueue("imap-poll");
  await app.jobs.runDue();
  return (await imapRows()).slice(before);
}

async function imapRows() {
  return t.database.db
    .select()
    .from(inboundMails)
    .where(eq(inboundMails.channel, "imap"))
    .orderBy(asc(inboundMails.receivedAt));
}

describe("IMAP polling against Dovecot", () => {
  it("tests the mailbox step by step: TLS, login and folder", async () => {
    const wrong = await admin.post("/api/v1/settings/email/test", {
      target: "imap",
      imap: { ...settings().imap, password: "falsch-falsch" },
    });
    expect(wrong.json()).toMatchObject({ ok: false, failedStep: "login", code: "mail_test_login" });
    const folder = await admin.post("/api/v1/settings/email/test", {
      target: "imap",
      imap: { ...settings().imap, folder: "Gibts-nicht" },
    });
    expect(folder.json()).toMatchObject({ ok: false, failedStep: "folder" });
    const tls = await admin.post("/api/v1/settings/email/test", {
      target: "imap",
      imap: { ...settings().imap, security: "tls" },
    });
    expect(tls.json()).toMatchObject({ ok: false, failedStep: "tls" });
    const ok = await admin.post("/api/v1/settings/email/test", { target: "imap", imap: settings().imap });
    expect(ok.json()).toMatchObject({ ok: true });
  });

  it("reads each mail once, across a restart, and marks it seen", async () => {
    expect(
      (await admin.request({ method: "PUT", url: "/api/v1/settings/email", payload: settings() })).statusCode,
    ).toBe(200);
    await imap.deliver(MAILBOX, mail(1));
    await imap.deliver(MAILBOX, mail(2));
    // Saving the settings queued a poll already; run it, then poll again: nothing is read twice.
    await t.app.jobs.runDue();
    await poll();
    const first = await imapRows();
    expect(first.map((o) => [o.status, o.reason])).toEqual([
      ["accepted", null],
      ["accepted", null],
    ]);
    expect(first.every((o) => o.leadId)).toBe(true);

    // A restart: a new app process on the same database polls on where the last one stopped.
    // Both processes' runners are held (test/app.ts), so the mail is read by the poll that expects it,
    // not by a runner looking on its own (a new process looks at once when it starts).
    const restarted = await t.sibling();
    await imap.deliver(MAILBOX, mail(3));
    expect((await poll(restarted)).map((r) => r.subject)).toEqual(["Anfrage 3"]);
    expect(await poll()).toEqual([]);

    const rows = await imapRows();
    expect(rows.map((r) => r.subject)).toEqual(["Anfrage 1", "Anfrage 2", "Anfrage 3"]);
    expect(
      rows.every(
        (r) =>
          r.status === "accepted" &&
          r.mailbox === mailboxKey({ ...MAILBOX, host: imap.host, port: imap.port, folder: "INBOX" }),
      ),
    ).toBe(true);

    const client = await imap.client(MAILBOX);
    try {
      await client.mailboxOpen("INBOX");
      const flags: string[][] = [];
      for await (const m of client.fetch("1:*", { flags: true })) flags.push([...(m.flags ?? [])]);
      expect(flags).toEqual([["\\Seen"], ["\\Seen"], ["\\Seen"]]);
    } finally {
      await client.logout();
    }
  });

  it("moves read mail when told to, and starts over on a new UIDVALIDITY without taking a mail twice", async () => {
    await admin.request({
      method: "PUT",
      url: "/api/v1/settings/email",
      payload: settings({ afterRead: "move", moveTo: "Processed" }),
    });
    // Saving queued a poll; run it first, or it would run inside poll() after the back-dating and
    // stamp the cursor, and poll() would read nothing.
    await t.app.jobs.runDue();
    await imap.deliver(MAILBOX, mail(4));
    expect(await poll()).toHaveLength(1);
    const client = await imap.client(MAILBOX);
    try {
      const processed = await client.status("Processed", { messages: true });
      expect(processed ? processed.messages : null).toBe(1);
    } finally {
      await client.logout();
    }
    // As if the folder had been re-created: another UIDVALIDITY, so every UID counts as new and all
    // four mails still in INBOX are read again; their Message-IDs keep each from being taken twice.
    const key = mailboxKey({ ...MAILBOX, host: imap.host, port: imap.port, folder: "INBOX" });
    await t.database.db.update(imapCursors).set({ uidValidity: 1 }).where(eq(imapCursors.mailbox, key));
    await imap.deliver(MAILBOX, mail(1));
    const after = await poll();
    expect(after.map((o) => [o.status, o.reason])).toEqual(
      Array.from({ length: 4 }, () => ["ignored", "mail_duplicate"]),
    );
    expect((await imapRows()).filter((r) => r.status === "accepted")).toHaveLength(4);
  });
});
