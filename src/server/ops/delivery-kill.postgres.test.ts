import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buildApp } from "@server/app";
import { type Database, openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { webhookSubscriptions } from "@server/db/schema";
import type { JobName } from "@server/jobs/job-definition";
import { mailboxKey } from "@server/modules/mail/imap-poll";
import { IMAP_PASSWORD } from "@server/modules/mail/mail-runtime";
import { writeStoredEmailSettings } from "@server/modules/mail/mail-settings.repository";
import { loadSecretBox } from "@server/modules/mail/secret-box";
import { WEBHOOK_SECRET } from "@server/modules/webhooks/webhook-delivery";
import { testConfig } from "@test/app";
import { createTestDatabase, type TestDatabase } from "@test/db";
import { buildUser } from "@test/factories";
import { type HeldRelay, startHeldRelay } from "@test/held-relay";
import { type ImapServer, startImapServer } from "@test/imap-server";
import { type SQL, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The kill -9 drills of issue #21 point 5 for the two jobs that talk to the outside while they work
 * (job-kill.postgres.test.ts has the others; a database of its own here, so that the leads the mail
 * intake creates and the webhook events they raise stay out of those drills' exact counts). Both are
 * stopped at the point where the outside has seen the work but the database or the mailbox has not
 * recorded it: a webhook receiver that got its delivery and never answers (the attempt is unrecorded),
 * and an IMAP poll that took a mail in and waits on Dovecot to flag it (a relay holds the STORE). One
 * server process (`test/job-drill-child.ts`) is killed with SIGKILL there, and a new app finishes both:
 * the webhook goes again with the same webhook-id (at least once, as ARCHITECTURE.md documents, so the
 * receiver can deduplicate), and every mail becomes exactly one lead.
 */
const CHILD_APP_NAME = "leadwerk-delivery-drill";
const WEBHOOKS = 5;
/** The delivery the receiver never answers (1-based). */
const HELD_WEBHOOK = 3;
const MAILS = 6;
/** The mail whose \Seen flag never reaches Dovecot (UIDs of a fresh folder count from 1). */
const HELD_MAIL = 3;
const MAILBOX = { user: "vertrieb@leadwerk.test", pass: "imap-geheim-1" };

let testDb: TestDatabase;
let database: Database;
let url: string;
let imap: ImapServer;
let relay: HeldRelay | null = null;
let child: ChildProcess | null = null;
let resumed: FastifyInstance | null = null;
let output = "";

interface Received {
  webhookId: string;
  body: string;
  headers: Record<string, string>;
}
/** What the receiver got of the drill's deliveries (the leads the mail intake makes raise more). */
const received: Received[] = [];
const unanswered: ServerResponse[] = [];
const messageId = (n: number) => `msg_drill_${n}`;
/** A customer's endpoint on loopback: 204 for every delivery, none at all for the held one. */
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const header = (name: string) => String(request.headers[name] ?? "");
    const webhookId = header("webhook-id");
    if (!webhookId.startsWith("msg_drill_")) {
      response.writeHead(204).end();
      return;
    }
    const first = !received.some((r) => r.webhookId === webhookId);
    received.push({
      webhookId,
      body: Buffer.concat(chunks).toString("utf8"),
      headers: {
        "webhook-id": webhookId,
        "webhook-timestamp": header("webhook-timestamp"),
        "webhook-signature": header("webhook-signature"),
      },
    });
    if (first && webhookId === messageId(HELD_WEBHOOK)) unanswered.push(response);
    else response.writeHead(204).end();
  });
});

beforeAll(async () => {
  testDb = await createTestDatabase();
  if (!testDb.url) throw new Error("this file runs in the PostgreSQL project only");
  url = testDb.url;
  database = await openDatabase({ kind: "postgres", url, poolSize: 2 });
  await runMigrations(database);
  imap = await startImapServer([MAILBOX]);
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const response of unanswered) response.destroy();
  await new Promise((resolve) => receiver.close(resolve));
  await relay?.close();
  await resumed?.close();
  await imap?.stop();
  await database?.close();
  await testDb?.cleanup();
});

async function select<T>(query: SQL): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

const count = async (query: SQL) =>
  Number((await select<{ n: number }>(sql`select (${query})::int as n`))[0]?.n);

async function until<T>(read: () => Promise<T>, holds: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (child && child.exitCode !== null && child.signalCode === null)
      throw new Error(`the server process exited before ${what}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startServer(jobs: readonly JobName[]): ChildProcess {
  const started = spawn(process.execPath, ["--import", "tsx", "test/job-drill-child.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: "8",
      DRILL_JOBS: jobs.join(","),
      PGAPPNAME: CHILD_APP_NAME,
      LOG_LEVEL: "warn",
      // The receiver listens on loopback, as an on-premises one would.
      LEADWERK_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
      // The sealing key comes from the database (app_secrets), as this test's SecretBox has it.
      LEADWERK_SECRET_KEY: undefined,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  started.stdout?.on("data", collect);
  started.stderr?.on("data", collect);
  return started;
}

const mail = (n: number) =>
  [
    `From: Kundin ${n} <anfrage${n}@drill-firma${n}.de>`,
    "To: vertrieb@leadwerk.test",
    `Subject: Anfrage ${n}`,
    `Message-ID: <drill-anfrage-${n}@drill-firma${n}.de>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    `Bitte rufen Sie mich zurück (${n}).`,
    "",
  ].join("\r\n");

/** The \Seen flag of each mail in the folder, by UID. */
async function seenFlags(): Promise<boolean[]> {
  const client = await imap.client(MAILBOX);
  try {
    await client.mailboxOpen("INBOX");
    const flags: boolean[] = [];
    for await (const m of client.fetch("1:*", { uid: true, flags: true }, { uid: true }))
      flags[m.uid - 1] = m.flags?.has("\\Seen") ?? false;
    return flags;
  } finally {
    await client.logout();
  }
}

const deliveryStates = () =>
  select<{ message_id: string; state: string; attempts: number }>(
    sql`select message_id, state, attempts from webhook_deliveries where message_id like 'msg_drill_%'
        order by message_id`,
  );
const mailLeads = () =>
  count(sql`select count(*) from leads where email like 'anfrage%@drill-firma%.de' and deleted_at is null`);

describe("a server process killed while a webhook is with its receiver and a mail is being marked", () => {
  it("leaves both jobs to the next process: the webhook goes again with its id, each mail is one lead", async () => {
    const admin = await buildUser(database.db, { role: "admin" });
    const box = await loadSecretBox(database.db, null);
    const secret = `whsec_${randomBytes(32).toString("base64")}`;

    // Webhooks: one subscription, five deliveries of lead.created, not due until the IMAP poll waits
    // (the sender gives a receiver 10 s, so the held delivery must come last).
    const [subscription] = await database.db
      .insert(webhookSubscriptions)
      .values({
        ownerId: admin.id,
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
        events: ["lead.created"],
        secretSealed: box.seal(secret, WEBHOOK_SECRET),
      })
      .returning();
    if (!subscription) throw new Error("no subscription");
    await database.db.execute(sql`
      with made as (
        insert into leads (last_name, owner_id) select 'Webhook ' || n, ${admin.id}::uuid
        from generate_series(1, ${WEBHOOKS}) as n returning id, last_name)
      insert into webhook_deliveries (subscription_id, message_id, event_type, entity, record_id, occurred_at, next_attempt_at)
      select ${subscription.id}::uuid, 'msg_drill_' || split_part(last_name, ' ', 2), 'lead.created', 'lead', id, now(),
        now() + interval '1 day' + split_part(last_name, ' ', 2)::int * interval '1 second'
      from made`);

    // IMAP: six mails in Dovecot, read through a relay that holds the poll's STORE of the third's flag.
    for (let n = 1; n <= MAILS; n++) await imap.deliver(MAILBOX, mail(n));
    relay = await startHeldRelay(imap, new RegExp(`UID STORE ${HELD_MAIL} [+]FLAGS`, "i"));
    await writeStoredEmailSettings(database.db, {
      smtp: null,
      imap: {
        enabled: true,
        host: "127.0.0.1",
        port: relay.port,
        security: "none",
        user: MAILBOX.user,
        passwordSealed: box.seal(MAILBOX.pass, IMAP_PASSWORD),
        folder: "INBOX",
        afterRead: "mark_seen",
        moveTo: null,
        pollSeconds: 60,
      },
      intakeAddresses: [],
    });

    const jobs = ["webhook-dispatch", "imap-poll"] as const;
    for (const job of jobs)
      await database.db.execute(
        sql`insert into background_jobs (name, run_after) values (${job}, now()) on conflict do nothing`,
      );
    child = startServer(jobs);
    const killed = child;
    await until(async () => relay?.holding() ?? false, Boolean, "the poll waits on the third mail's flag");
    await database.db.execute(sql`
      update webhook_deliveries set next_attempt_at = next_attempt_at - interval '1 day' - interval '1 hour'`);
    await until(
      async () => received.length,
      (n) => n >= HELD_WEBHOOK,
      "the receiver holds the third delivery",
    );
    const exited = once(killed, "exit");
    killed.kill("SIGKILL");
    await exited;
    await until(
      () => count(sql`select count(*) from pg_stat_activity where application_name = ${CHILD_APP_NAME}`),
      (n) => n === 0,
      "the dead process's connections are gone",
    );

    // What the killed process left: the receiver has the third delivery, the log says it is still
    // being sent; three mails are leads (the third committed before its flag), three wait in Dovecot.
    expect(received.map((r) => r.webhookId)).toEqual([1, 2, 3].map(messageId));
    expect(await deliveryStates()).toEqual([
      { message_id: messageId(1), state: "succeeded", attempts: 1 },
      { message_id: messageId(2), state: "succeeded", attempts: 1 },
      { message_id: messageId(3), state: "sending", attempts: 1 },
      { message_id: messageId(4), state: "queued", attempts: 0 },
      { message_id: messageId(5), state: "queued", attempts: 0 },
    ]);
    expect(await mailLeads()).toBe(HELD_MAIL);
    const key = mailboxKey({ ...MAILBOX, host: "127.0.0.1", port: relay.port, folder: "INBOX" });
    expect(await select(sql`select last_uid::int from imap_cursors where mailbox = ${key}`)).toEqual([
      { last_uid: HELD_MAIL },
    ]);
    expect(await seenFlags()).toEqual([true, true, false, false, false, false]);

    // The dead process's leases (job a minute, delivery 50 s) and the poll interval pass at once.
    const jobsBefore = await count(sql`select coalesce(max(id), 0) from background_jobs`);
    await database.db.execute(
      sql`update webhook_deliveries set locked_until = now() where state = 'sending'`,
    );
    await database.db.execute(sql`update imap_cursors set updated_at = now() - interval '1 hour'`);
    await database.db.execute(sql`update background_jobs set locked_until = now() where state = 'running'`);
    resumed = await buildApp(
      testConfig({
        database: { kind: "postgres", url, poolSize: 4 },
        webhooks: { allowedHosts: ["127.0.0.1"] },
      }),
      { logger: false },
    );
    await resumed.jobs.runDue();

    for (const job of jobs) {
      const rows = await select<{ id: number; state: string; attempts: number }>(
        sql`select id, state, attempts from background_jobs where name = ${job} order by id`,
      );
      expect(
        rows.filter((row) => row.state === "running" || row.state === "failed"),
        job,
      ).toEqual([]);
      // The killed run was taken over (its second attempt), not started afresh beside it.
      expect(
        rows.filter((row) => row.attempts === 2 && row.id <= jobsBefore),
        job,
      ).toHaveLength(1);
    }

    // Webhooks: each delivered, the unanswered one twice with the same id and body (at least once).
    expect((await deliveryStates()).map((d) => [d.state, d.attempts])).toEqual([
      ["succeeded", 1],
      ["succeeded", 1],
      ["succeeded", 2],
      ["succeeded", 1],
      ["succeeded", 1],
    ]);
    expect(received.map((r) => r.webhookId)).toEqual([1, 2, 3, 3, 4, 5].map(messageId));
    const [first, again] = received.filter((r) => r.webhookId === messageId(HELD_WEBHOOK));
    expect(again?.body).toBe(first?.body);
    // Both copies are signed with the subscription's secret: a receiver verifies, then drops the repeat.
    const verifier = new Webhook(secret);
    for (const copy of [first, again])
      expect(() => verifier.verify(copy?.body ?? "", copy?.headers ?? {})).not.toThrow();

    // IMAP: the poll went on behind the last mail taken in: six mails, six leads, none twice.
    expect(await mailLeads()).toBe(MAILS);
    expect(
      await count(sql`select count(distinct email) from leads where email like 'anfrage%@drill-firma%.de'`),
    ).toBe(MAILS);
    expect(
      await select(sql`select status, count(*)::int as n, count(distinct message_id)::int as ids
        from inbound_mails where channel = 'imap' group by status`),
    ).toEqual([{ status: "accepted", n: MAILS, ids: MAILS }]);
    // The held mail keeps its missing flag: the cursor, not the flag, says what was read (imap-poll.ts).
    expect(await seenFlags()).toEqual([true, true, false, true, true, true]);
  }, 240_000);
});
