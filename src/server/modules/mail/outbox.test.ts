import { mailOutbox, settings } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { freePort } from "@test/free-port";
import { signedIn } from "@test/lead-helpers";
import { startSmtpSink } from "@test/smtp-sink";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueMail } from "./outbox";
import { retryDelayMs } from "./outbox-sender";

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin")).client;
});
afterAll(() => t.close());

const put = (client: Client, url: string, payload: unknown) =>
  client.request({ method: "PUT", url, payload: payload as object });

async function queue(subject: string, extra: Partial<Parameters<typeof enqueueMail>[1]> = {}) {
  return t.database.db.transaction((tx) =>
    enqueueMail(tx, { to: "kunde@example.com", subject, text: `Text of ${subject}`, ...extra }),
  );
}

async function outboxRow(id: string) {
  const [row] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  if (!row) throw new Error("no outbox row");
  return row;
}

const smtpAt = (port: number) => ({
  host: "127.0.0.1",
  port,
  security: "none",
  from: "vertrieb@leadwerk.test",
  fromName: "Vertrieb",
});

describe("the outbox without SMTP settings", () => {
  it("keeps each mail waiting, marked smtp_not_configured, and the app runs on", async () => {
    const { id } = await queue("Waiting");
    await t.app.jobs.runDue();
    const row = await outboxRow(id);
    expect(row).toMatchObject({ state: "queued", attempts: 0, lastErrorCode: "smtp_not_configured" });
    const list = await admin.get("/api/v1/outbox?state=queued");
    expect(list.statusCode).toBe(200);
    expect(list.json().data.find((m: { id: string }) => m.id === id)).toMatchObject({
      state: "queued",
      lastErrorCode: "smtp_not_configured",
      subject: "Waiting",
    });
  });

  it("is visible to admins only", async () => {
    const { client } = await signedIn(t, "sales");
    expect((await client.get("/api/v1/outbox")).statusCode).toBe(403);
    expect((await client.get("/api/v1/settings/email")).statusCode).toBe(403);
  });
});

describe("sending through SMTP", () => {
  it("sends the waiting mails once SMTP is configured, with attachments, exactly once", async () => {
    const sink = await startSmtpSink();
    try {
      const { id } = await queue("Angebot 2026-001", {
        html: "<p>Guten Tag</p>",
        attachments: [
          { filename: "Angebot.pdf", contentType: "application/pdf", content: Buffer.from("%PDF-1.4 test") },
        ],
        related: [{ entity: "quote", id: "00000000-0000-4000-8000-000000000001" }],
      });
      const saved = await put(admin, "/api/v1/settings/email", { smtp: smtpAt(sink.port) });
      expect(saved.statusCode).toBe(200);
      await t.app.jobs.runDue();
      const mails = await sink.waitFor(2);
      const mail = mails.find((m) => m.parsed.subject === "Angebot 2026-001");
      expect(mail?.parsed.from?.value[0]).toMatchObject({
        address: "vertrieb@leadwerk.test",
        name: "Vertrieb",
      });
      expect(mail?.envelope.to).toEqual(["kunde@example.com"]);
      expect(mail?.parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
        ["Angebot.pdf", "%PDF-1.4 test"],
      ]);
      expect(mails.map((m) => m.parsed.subject).sort()).toEqual(["Angebot 2026-001", "Waiting"]);
      expect(await outboxRow(id)).toMatchObject({ state: "sent", attempts: 1, lastErrorCode: null });
      await t.app.jobs.runDue();
      expect(sink.mails).toHaveLength(2);
    } finally {
      await sink.close();
    }
  });

  it("retries after the SMTP server was down and delivers exactly once", async () => {
    const port = await freePort();
    await put(admin, "/api/v1/settings/email", { smtp: smtpAt(port) });
    const { id } = await queue("During the outage");
    await t.app.jobs.runDue();
    const failed = await outboxRow(id);
    expect(failed).toMatchObject({ state: "queued", attempts: 1, lastErrorCode: "smtp_failed" });
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: another run leaves it alone.
    await t.app.jobs.runDue();
    expect((await outboxRow(id)).attempts).toBe(1);

    const sink = await startSmtpSink({ port });
    try {
      // The backoff ran out (moved here instead of waiting 30 s), and the periodic run came.
      await t.database.db.update(mailOutbox).set({ nextAttemptAt: sql`now()` }).where(eq(mailOutbox.id, id));
      await t.app.jobs.enqueue("mail-outbox");
      await t.app.jobs.runDue();
      await sink.waitFor(1);
      expect(await outboxRow(id)).toMatchObject({ state: "sent", attempts: 2 });
      await t.app.jobs.runDue();
      expect(sink.mails.map((m) => m.parsed.subject)).toEqual(["During the outage"]);
    } finally {
      await sink.close();
    }
  });

  it("takes over a mail whose sender died while sending, once its lease ran out", async () => {
    const sink = await startSmtpSink();
    try {
      await put(admin, "/api/v1/settings/email", { smtp: smtpAt(sink.port) });
      const { id } = await queue("Crashed sender");
      // A process claimed it and died: state sending, lease over.
      await t.database.db
        .update(mailOutbox)
        .set({ state: "sending", attempts: 1, lockedUntil: sql`now() - interval '1 second'` })
        .where(eq(mailOutbox.id, id));
      await t.app.jobs.runDue();
      await sink.waitFor(1);
      expect(await outboxRow(id)).toMatchObject({ state: "sent", attempts: 2 });
    } finally {
      await sink.close();
    }
  });

  it("lets an admin retry a failed mail, and a refused login says so", async () => {
    const sink = await startSmtpSink({ auth: { user: "leadwerk", pass: "richtig" } });
    try {
      await put(admin, "/api/v1/settings/email", {
        smtp: { ...smtpAt(sink.port), user: "leadwerk", password: "falsch" },
      });
      const { id } = await queue("Wrong password");
      await t.database.db.update(mailOutbox).set({ attempts: 11 }).where(eq(mailOutbox.id, id));
      await t.app.jobs.runDue();
      const failed = await outboxRow(id);
      expect(failed).toMatchObject({ state: "failed", attempts: 12, lastErrorCode: "smtp_failed" });
      expect(failed.lastError).toMatch(/auth|535|Invalid/i);

      const test = await admin.post("/api/v1/settings/email/test", { target: "smtp" });
      expect(test.json()).toMatchObject({ ok: false, failedStep: "login", code: "mail_test_login" });

      await put(admin, "/api/v1/settings/email", {
        smtp: { ...smtpAt(sink.port), user: "leadwerk", password: "richtig" },
      });
      expect((await admin.post("/api/v1/settings/email/test", { target: "smtp" })).json()).toMatchObject({
        ok: true,
      });
      const retried = await admin.post(`/api/v1/outbox/${id}/retry`);
      expect(retried.json()).toMatchObject({ state: "queued" });
      await t.app.jobs.runDue();
      await sink.waitFor(1);
      expect(
        (await admin.get(`/api/v1/outbox?state=sent`)).json().data.map((m: { id: string }) => m.id),
      ).toContain(id);
      // A sent mail is never sent again by a retry.
      expect((await admin.post(`/api/v1/outbox/${id}/retry`)).json()).toMatchObject({ state: "sent" });
      await t.app.jobs.runDue();
      expect(sink.mails).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });
});

describe("test mail", () => {
  it("goes through the outbox like every mail", async () => {
    const sink = await startSmtpSink();
    try {
      await put(admin, "/api/v1/settings/email", { smtp: smtpAt(sink.port) });
      const queued = await admin.post("/api/v1/settings/email/test-mail", {
        to: "ada@example.com",
        locale: "de",
      });
      expect(queued.statusCode).toBe(201);
      expect(queued.json()).toMatchObject({
        state: "queued",
        subject: "Testmail von Leadwerk",
        to: ["ada@example.com"],
      });
      await t.app.jobs.runDue();
      const [mail] = await sink.waitFor(1);
      expect(mail?.parsed.subject).toBe("Testmail von Leadwerk");
      const invalid = await admin.post("/api/v1/settings/email/test-mail", { to: "nope" });
      expect(invalid.json().errors.map((e: { path: string }) => e.path)).toEqual(["to"]);
    } finally {
      await sink.close();
    }
  });
});

describe("email settings", () => {
  it("stores the password encrypted and never sends it back", async () => {
    const saved = await put(admin, "/api/v1/settings/email", {
      smtp: { ...smtpAt(2525), user: "u", password: "geheim-123" },
    });
    expect(saved.json().smtp).toMatchObject({ passwordSet: true, user: "u" });
    expect(saved.body).not.toContain("geheim-123");
    const [stored] = await t.database.db.select().from(settings).where(eq(settings.key, "email"));
    expect(JSON.stringify(stored?.value)).toContain("passwordSealed");
    expect(JSON.stringify(stored?.value)).not.toContain("geheim-123");
    // Omitting the password keeps it; null removes it.
    expect((await put(admin, "/api/v1/settings/email", { smtp: smtpAt(2525) })).json().smtp.passwordSet).toBe(
      true,
    );
    const removed = await put(admin, "/api/v1/settings/email", { smtp: { ...smtpAt(2525), password: null } });
    expect(removed.json().smtp.passwordSet).toBe(false);
  });

  it("names each invalid field", async () => {
    const response = await put(admin, "/api/v1/settings/email", {
      smtp: { host: "bad host!", port: 70000, security: "ssl", from: "nope" },
    });
    expect(response.statusCode).toBe(400);
    const paths = response
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual(["smtp.from", "smtp.host", "smtp.port", "smtp.security"]);
    const nul = await put(admin, "/api/v1/settings/email", { smtp: { ...smtpAt(25), user: "a\u0000b" } });
    expect(nul.statusCode).toBe(400);
  });

  it("test says which step failed: DNS and connect", async () => {
    const dns = await admin.post("/api/v1/settings/email/test", {
      target: "smtp",
      smtp: { ...smtpAt(25), host: "no-such-host.invalid" },
    });
    expect(dns.json()).toMatchObject({ ok: false, failedStep: "dns", code: "mail_test_dns" });
    const closed = await admin.post("/api/v1/settings/email/test", {
      target: "smtp",
      smtp: smtpAt(await freePort()),
    });
    expect(closed.json()).toMatchObject({ ok: false, failedStep: "connect" });
  });
});

describe("backoff", () => {
  it("doubles from 30 s to at most an hour", () => {
    expect(retryDelayMs(1, 0.5)).toBe(30_000);
    expect(retryDelayMs(2, 0.5)).toBe(60_000);
    expect(retryDelayMs(20, 0.5)).toBe(3_600_000);
  });
});
