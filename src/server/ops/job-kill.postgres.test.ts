import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { buildApp } from "@server/app";
import { type Database, openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import type { JobName } from "@server/jobs/job-definition";
import { DOI_PENDING_TAG } from "@server/modules/forms/double-opt-in";
import { writeStoredEmailSettings } from "@server/modules/mail/mail-settings.repository";
import { testConfig } from "@test/app";
import { createTestDatabase, type TestDatabase } from "@test/db";
import { buildUser } from "@test/factories";
import { buildCompany, buildContact, buildDeal, buildPipeline } from "@test/factories-crm";
import { type SmtpSink, startSmtpSink } from "@test/smtp-sink";
import { type SQL, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The kill -9 drills of issue #21 point 5 for the durable jobs that had none (lead-rescore and
 * import-run have their own files). Each job is seeded with work, and a row it must write is held by
 * an open transaction of this test (the mail outbox: the mail server does not answer its third mail),
 * so the job stops at a known point in the middle of its work, uncommitted (after its first batch
 * where it works in batches). One server process
 * (`test/job-drill-child.ts`: the real app plus one runner per job, so that all of them run at once)
 * is killed with SIGKILL while every job waits there. A new app then takes the jobs over once their
 * leases ran out, and each ends with exactly the right result: no row written twice, none missing.
 */
const CHILD_APP_NAME = "leadwerk-job-drill";

let testDb: TestDatabase;
let database: Database;
let url: string;
const children: ChildProcess[] = [];
const holders: pg.Client[] = [];
let resumed: FastifyInstance | null = null;
let output = "";

beforeAll(async () => {
  testDb = await createTestDatabase();
  if (!testDb.url) throw new Error("this file runs in the PostgreSQL project only");
  url = testDb.url;
  database = await openDatabase({ kind: "postgres", url, poolSize: 2 });
  await runMigrations(database);
}, 60_000);

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const holder of holders) await holder.end().catch(() => undefined);
  await resumed?.close();
  await sink?.close();
  await database?.close();
  await testDb?.cleanup();
});

/** The rows of a raw query (both drivers answer `{ rows }`; `Db` types the result by driver). */
async function select<T>(query: SQL): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

const count = async (query: SQL) =>
  Number((await select<{ n: number }>(sql`select (${query})::int as n`))[0]?.n);

/** A connection of this test holding rows (or a key) in an open transaction until the processes die. */
async function holder(): Promise<{ client: pg.Client; pid: number }> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  holders.push(client);
  const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
  await client.query("begin");
  return { client, pid: Number(rows[0]?.pid) };
}

interface Drill {
  job: JobName;
  /**
   * Writes the work and holds one row of it; answers the holder's backend pid, or for a job held
   * elsewhere (the mail server) whether it waits there now.
   */
  prepare(): Promise<number | (() => boolean)>;
  /** What the killed attempt left: nothing of its open transaction. */
  afterKill(): Promise<void>;
  /** The exact result after the new process finished the job. */
  afterResume(): Promise<void>;
}

const RECENCY_LEADS = 1_500; // the recency job's batch is 1,000: killed in the second batch
const DOI_LEADS = 1_200; // the expiry's batch is 500
const QUOTES = 40;
const INVOICES = 40;
const DEALS = 30;
const STAYS = 25;
const KEYS = 60;
const TASKS = 30;
const PROPOSALS = 250; // the purge's batch is 100
const MAILS = 6;

let owner: Awaited<ReturnType<typeof buildUser>>;

const drills: Drill[] = [
  {
    // Batched and checkpointed: the first 1,000 leads are saved, the second batch is cut off.
    job: "lead-recency",
    async prepare() {
      await database.db.execute(sql`
        insert into leads (last_name, score, score_reasons, last_activity_at)
        select 'Recency ' || n, 10, '[{"kind":"recent_activity","ruleId":"recent-activity","points":10}]'::jsonb,
          now() - interval '30 days' + n * interval '1 second'
        from generate_series(1, ${RECENCY_LEADS}) as n`);
      const { client, pid } = await holder();
      await client.query(
        `select id from leads where id = (select id from leads where last_name like 'Recency %'
           order by last_activity_at, id offset 1200 limit 1) for update`,
      );
      return pid;
    },
    async afterKill() {
      const job = await jobRow("lead-recency");
      expect(job).toMatchObject({ state: "running", progress_done: 1_000 });
      expect(
        await count(sql`select count(*) from leads where score_reasons @> '[{"kind":"recent_activity"}]'`),
      ).toBe(RECENCY_LEADS - 1_000);
    },
    async afterResume() {
      expect(
        await count(sql`select count(*) from leads where score_reasons @> '[{"kind":"recent_activity"}]'`),
      ).toBe(0);
      expect(
        await count(sql`select count(*) from leads where last_name like 'Recency %' and score = 0`),
      ).toBe(RECENCY_LEADS);
      // The new process rescored only the leads the killed one had not saved: none twice.
      const [job] = await jobRows("lead-recency", "done", 2);
      expect(job).toMatchObject({ progress_done: RECENCY_LEADS - 1_000 });
    },
  },
  {
    // One INSERT … SELECT of every open deal: cut off at a deal whose snapshot key this test holds.
    job: "forecast-snapshot",
    async prepare() {
      const { stages } = await buildPipeline(database.db, { name: "Forecast drill" });
      const stage = stages[0];
      if (!stage) throw new Error("no stage");
      const deals = [];
      for (let i = 0; i < DEALS; i++) deals.push(await buildDeal(database.db, { stage, owner }));
      const held = deals[DEALS / 2];
      if (!held) throw new Error("no deal");
      const { client, pid } = await holder();
      await client.query(
        `insert into forecast_snapshots (taken_on, deal_id, pipeline_id, stage_id, currency, probability, owner_id, team_id)
         values ((now() at time zone 'utc')::date, $1, $2, $3, 'EUR', 0, $4, $5)`,
        [held.id, held.pipelineId, held.stageId, held.ownerId, held.teamId],
      );
      return pid;
    },
    async afterKill() {
      // One statement, outside a transaction: whole or absent, never part.
      const open = await count(sql`select count(*) from deals where status = 'open' and deleted_at is null`);
      expect([0, open]).toContain(await count(sql`select count(*) from forecast_snapshots`));
    },
    async afterResume() {
      const open = await count(sql`select count(*) from deals where status = 'open' and deleted_at is null`);
      expect(open).toBeGreaterThanOrEqual(DEALS);
      expect(await count(sql`select count(*) from forecast_snapshots`)).toBe(open);
      expect(await count(sql`select count(distinct deal_id) from forecast_snapshots`)).toBe(open);
      // The snapshot is the deals', not the placeholder this test held and rolled back.
      expect(await count(sql`select count(*) from forecast_snapshots where probability = 0`)).toBe(0);
    },
  },
  {
    // Deletes the old figures and inserts new ones in one transaction: cut off between the two.
    job: "stage-stay-stats",
    async prepare() {
      const { stages } = await buildPipeline(database.db, { name: "Stay drill" });
      const [first, second] = stages;
      if (!first || !second) throw new Error("no stages");
      const deal = await buildDeal(database.db, { stage: second, owner });
      await database.db.execute(sql`
        insert into deal_stage_history (deal_id, stage_id, entered_at, left_at)
        select ${deal.id}::uuid, ${first.id}::uuid, now() - n * interval '1 day' - interval '2 days', now() - n * interval '1 day'
        from generate_series(1, ${STAYS}) as n`);
      // Figures of an earlier run: they stay until a run commits new ones.
      await database.db.execute(sql`
        insert into stage_stay_stats (stage_id, stays, median_days, p75_days, computed_at)
        values (${first.id}, 1, 99, 99, now() - interval '1 hour')`);
      const { client, pid } = await holder();
      await client.query(
        `insert into stage_stay_stats (stage_id, stays, median_days, p75_days, computed_at)
         values ($1, 0, 0, 0, now())`,
        [second.id],
      );
      stayStage = first.id;
      return pid;
    },
    async afterKill() {
      expect(await count(sql`select count(*) from stage_stay_stats`)).toBe(1);
      expect(await count(sql`select count(*) from stage_stay_stats where median_days = 99`)).toBe(1);
    },
    async afterResume() {
      expect(await count(sql`select count(*) from stage_stay_stats`)).toBe(
        await count(sql`select count(*) from stages`),
      );
      expect(
        await count(sql`select count(*) from stage_stay_stats
          where stage_id = ${stayStage} and stays = ${STAYS} and median_days = 2`),
      ).toBe(1);
    },
  },
  {
    // One UPDATE of every sent quote past its date: cut off at a quote this test holds.
    job: "quote-expiry",
    async prepare() {
      const { deal, contact, company } = await dealParts();
      await database.db.execute(sql`
        insert into quotes (deal_id, contact_id, company_id, number, status, currency, valid_until, sent_at)
        select ${deal}::uuid, ${contact}::uuid, ${company}::uuid, 'DRILL-A-' || n, 'sent', 'EUR',
          current_date - 1 - n, now() - interval '40 days'
        from generate_series(1, ${QUOTES}) as n`);
      const { client, pid } = await holder();
      await client.query("select id from quotes where number = 'DRILL-A-20' for update");
      return pid;
    },
    async afterKill() {
      expect([0, QUOTES]).toContain(await count(sql`select count(*) from quotes where status = 'expired'`));
    },
    async afterResume() {
      expect(
        await count(sql`select count(*) from quotes where number like 'DRILL-A-%' and status = 'expired'`),
      ).toBe(QUOTES);
      // Each expired once: the version moved by one, not two.
      expect(
        await count(sql`select count(*) from quotes where number like 'DRILL-A-%' and version = 2`),
      ).toBe(QUOTES);
    },
  },
  {
    job: "invoice-overdue",
    async prepare() {
      const { deal, contact, company } = await dealParts();
      await database.db.execute(sql`
        insert into quotes (deal_id, contact_id, company_id, number, status, currency, valid_until, sent_at)
        select ${deal}::uuid, ${contact}::uuid, ${company}::uuid, 'DRILL-B-' || n, 'accepted', 'EUR', current_date + 30, now()
        from generate_series(1, ${INVOICES}) as n`);
      // One invoice per quote.
      await database.db.execute(sql`
        insert into invoices (quote_id, deal_id, company_id, contact_id, number, currency, net, vat, gross,
          issue_date, due_date)
        select q.id, ${deal}::uuid, ${company}::uuid, ${contact}::uuid, 'DRILL-R-' || n, 'EUR', 100, '[]'::jsonb, 119,
          current_date - 30, current_date - n
        from generate_series(1, ${INVOICES}) as n join quotes q on q.number = 'DRILL-B-' || n`);
      const { client, pid } = await holder();
      await client.query("select id from invoices where number = 'DRILL-R-20' for update");
      return pid;
    },
    async afterKill() {
      expect([0, INVOICES]).toContain(
        await count(sql`select count(*) from invoices where status = 'overdue'`),
      );
    },
    async afterResume() {
      expect(await count(sql`select count(*) from invoices where status = 'overdue' and version = 2`)).toBe(
        INVOICES,
      );
    },
  },
  {
    // One DELETE of the keys past their 24 hours: cut off at a key this test holds.
    job: "idempotency-prune",
    async prepare() {
      await database.db.execute(sql`
        insert into idempotency_keys (actor_id, route, key_hash, request_hash, state, created_at)
        select ${owner.id}::uuid, 'POST /api/v1/leads', 'old-' || n, 'r', 'done', now() - interval '2 days' - n * interval '1 minute'
        from generate_series(1, ${KEYS}) as n
        union all
        select ${owner.id}::uuid, 'POST /api/v1/leads', 'new-' || n, 'r', 'done', now() - n * interval '1 minute'
        from generate_series(1, 5) as n`);
      const { client, pid } = await holder();
      await client.query("select 1 from idempotency_keys where key_hash = 'old-30' for update");
      return pid;
    },
    async afterKill() {
      expect([0, KEYS]).toContain(
        await count(sql`select count(*) from idempotency_keys where key_hash like 'old-%'`),
      );
    },
    async afterResume() {
      expect(await count(sql`select count(*) from idempotency_keys where key_hash like 'old-%'`)).toBe(0);
      expect(await count(sql`select count(*) from idempotency_keys where key_hash like 'new-%'`)).toBe(5);
    },
  },
  {
    // Two INSERT … SELECTs (owners, participants) of due tasks: cut off at a reminder this test holds.
    job: "reminder-scan",
    async prepare() {
      await database.db.execute(sql`
        insert into activities (type, subject, due_at, owner_id, team_id)
        select 'task', 'Drill task ' || n, now() - n * interval '1 minute', ${owner.id}::uuid, ${owner.teamId}::uuid
        from generate_series(1, ${TASKS}) as n`);
      const { client, pid } = await holder();
      await client.query(
        `insert into notifications (user_id, activity_id, kind)
         select owner_id, id, 'due' from activities where subject = 'Drill task 15'`,
      );
      return pid;
    },
    async afterKill() {
      expect([0, TASKS]).toContain(await count(sql`select count(*) from notifications`));
    },
    async afterResume() {
      expect(
        await count(sql`select count(*) from notifications n join activities a on a.id = n.activity_id
          where a.subject like 'Drill task %' and n.kind = 'due' and n.user_id = ${owner.id}`),
      ).toBe(TASKS);
    },
  },
  {
    // Batches of 500, each its own transaction without a checkpoint (the query finds what is left):
    // cut off at a lead this test holds.
    job: "intake-doi-expiry",
    async prepare() {
      const [form] = await select<{ id: string }>(sql`
          insert into web_forms (key, name, double_opt_in) values ('drill', 'Drill', true) returning id`);
      if (!form) throw new Error("no form");
      await database.db.execute(sql`
        with made as (
          insert into leads (last_name, tags)
          select 'Unconfirmed ' || n, array[${DOI_PENDING_TAG}]
          from generate_series(1, ${DOI_LEADS}) as n returning id)
        insert into lead_consents (lead_id, form_id, consent_text, given_at)
        select id, ${form.id}::uuid, 'Ja', now() - interval '30 days' from made`);
      const { client, pid } = await holder();
      await client.query("select id from leads where last_name = 'Unconfirmed 700' for update");
      return pid;
    },
    async afterKill() {
      // Whatever batches committed before the held lead, the lead and its consent went together.
      expect(await count(sql`select count(*) from lead_consents`)).toBe(
        await count(
          sql`select count(*) from leads where last_name like 'Unconfirmed %' and deleted_at is null`,
        ),
      );
      expect(await count(sql`select count(*) from lead_consents`)).toBeGreaterThan(0);
    },
    async afterResume() {
      expect(await count(sql`select count(*) from lead_consents`)).toBe(0);
      expect(
        await count(
          sql`select count(*) from leads where last_name like 'Unconfirmed %' and deleted_at is not null`,
        ),
      ).toBe(DOI_LEADS);
      // Each removed once: one audit entry per lead.
      expect(
        await count(sql`select count(*) from audit_log
          where action = 'lead.deleted' and changes->>'reason' = 'double_opt_in_expired'`),
      ).toBe(DOI_LEADS);
      expect(
        await count(sql`select count(distinct entity_id) from audit_log
          where action = 'lead.deleted' and changes->>'reason' = 'double_opt_in_expired'`),
      ).toBe(DOI_LEADS);
    },
  },
  {
    // Batches of 100 approved proposals, each its own transaction: cut off in the second batch at a
    // lead this test holds (the erasure rewrites it).
    job: "gdpr-retention",
    async prepare() {
      await database.db.execute(sql`
        with made as (
          insert into leads (last_name)
          select 'Retention ' || n from generate_series(1, ${PROPOSALS}) as n
          returning id, last_name)
        insert into retention_proposals (category, subject_type, subject_id, state, decided_by, decided_at)
        select 'dead_leads', 'lead', id, 'approved', ${owner.id}::uuid,
          now() - interval '1 hour' + split_part(last_name, ' ', 2)::int * interval '1 second'
        from made`);
      const { client, pid } = await holder();
      await client.query("select id from leads where last_name = 'Retention 150' for update");
      return pid;
    },
    async afterKill() {
      expect(await count(sql`select count(*) from retention_proposals where state = 'purged'`)).toBe(100);
      expect(await count(sql`select count(*) from processing_log where action = 'retention_purged'`)).toBe(
        100,
      );
    },
    async afterResume() {
      expect(await count(sql`select count(*) from retention_proposals where state = 'purged'`)).toBe(
        PROPOSALS,
      );
      expect(await count(sql`select count(*) from leads where last_name like 'Retention %'`)).toBe(0);
      // Each lead erased once: one log entry per lead.
      expect(await count(sql`select count(*) from processing_log where action = 'retention_purged'`)).toBe(
        PROPOSALS,
      );
      expect(
        await count(
          sql`select count(distinct subject_id) from processing_log where action = 'retention_purged'`,
        ),
      ).toBe(PROPOSALS);
    },
  },
  {
    // Sends one mail after the other: the mail server takes the third and never answers it. A mail is
    // marked sent only once the server accepted it, so that one goes again (same Message-ID): at least
    // once, and no accepted mail twice.
    job: "mail-outbox",
    async prepare() {
      sink = await startSmtpSink({ holdMail: 3 });
      await writeStoredEmailSettings(database.db, {
        smtp: {
          host: "127.0.0.1",
          port: sink.port,
          security: "none",
          user: "",
          passwordSealed: null,
          from: "vertrieb@leadwerk.test",
          fromName: "Vertrieb",
        },
        imap: null,
        intakeAddresses: [],
      });
      await database.db.execute(sql`
        insert into mail_outbox (message_id, "to", subject, text_body)
        select '<drill-' || n || '@leadwerk.test>', jsonb_build_array('kunde' || n || '@example.com'),
          'Drill ' || n, 'Guten Tag'
        from generate_series(1, ${MAILS}) as n`);
      return () => (sink?.mails.length ?? 0) >= 3;
    },
    async afterKill() {
      const states = await select<{ state: string; n: number }>(
        sql`select state, count(*)::int as n from mail_outbox group by state order by state`,
      );
      expect(states).toEqual([
        { state: "queued", n: MAILS - 3 },
        { state: "sending", n: 1 },
        { state: "sent", n: 2 },
      ]);
      // The dead process's claim on its mail would last five minutes; let them pass at once.
      await database.db.execute(sql`update mail_outbox set locked_until = now() where state = 'sending'`);
    },
    async afterResume() {
      expect(await count(sql`select count(*) from mail_outbox where state = 'sent'`)).toBe(MAILS);
      const received = (sink?.mails ?? []).map((mail) => mail.parsed.messageId);
      expect(new Set(received).size).toBe(MAILS);
      // The one never answered came again; every other mail once.
      expect(received).toHaveLength(MAILS + 1);
      expect(received.filter((id) => id === received[2])).toHaveLength(2);
    },
  },
];

let stayStage = "";
let sink: SmtpSink | null = null;

async function dealParts() {
  const company = await buildCompany(database.db, { owner });
  const contact = await buildContact(database.db, { owner, company });
  const deal = await buildDeal(database.db, { owner, company, contacts: [contact] });
  return { deal: deal.id, contact: contact.id, company: company.id };
}

interface JobRowText {
  id: number;
  state: string;
  attempts: number;
  progress_done: number;
}

async function jobRows(name: JobName, state?: string, attempts?: number): Promise<JobRowText[]> {
  return select<JobRowText>(sql`
    select id, state, attempts, progress_done from background_jobs where name = ${name}
    ${state ? sql`and state = ${state}` : sql``} ${attempts ? sql`and attempts = ${attempts}` : sql``}
    order by id`);
}

/** The drill's job as the killed process left it: the one row that ran. */
async function jobRow(name: JobName): Promise<JobRowText | undefined> {
  return (await jobRows(name)).find((row) => row.state === "running");
}

async function until<T>(read: () => Promise<T>, holds: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (children.some((child) => child.exitCode !== null && child.signalCode === null))
      throw new Error(`a server process exited before ${what}:\n${output}`);
    if (Date.now() > deadline) {
      const jobs = await database.db.execute(
        sql`select name, state, attempts, progress_done from background_jobs`,
      );
      const locks = await database.db.execute(
        sql`select pid, locktype, relation::regclass::text, granted, pg_blocking_pids(pid) from pg_locks where not granted`,
      );
      throw new Error(
        `timed out waiting until ${what}:\n${JSON.stringify(jobs)}\n${JSON.stringify(locks)}\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startServer(jobs: readonly JobName[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/job-drill-child.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      // One connection per job waiting on its held row, and some for the app itself.
      DATABASE_POOL_SIZE: String(jobs.length + 6),
      DRILL_JOBS: jobs.join(","),
      // node-postgres names its connections after PGAPPNAME: the test waits for the dead process's ones to end.
      PGAPPNAME: CHILD_APP_NAME,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  children.push(child);
  return child;
}

describe("server processes killed in the middle of each durable job", () => {
  it("leave every job to the next process, which ends it with exactly the right result", async () => {
    owner = await buildUser(database.db, { role: "admin" });
    const holds = new Map<JobName, number | (() => boolean)>();
    for (const drill of drills) {
      holds.set(drill.job, await drill.prepare());
      await database.db.execute(sql`
        insert into background_jobs (name, run_after) values (${drill.job}, now()) on conflict do nothing`);
    }

    await startServer(drills.map((drill) => drill.job));
    const waiting = async () => {
      const result = await select<{ pid: number }>(sql`
        select distinct unnest(pg_blocking_pids(pid)) as pid from pg_locks where not granted`);
      return new Set(result.map((row) => Number(row.pid)));
    };
    await until(
      waiting,
      (blocked) =>
        [...holds.values()].every((hold) => (typeof hold === "number" ? blocked.has(hold) : hold())),
      "every drill's job waits on its held row",
    );
    for (const drill of drills) expect(await jobRow(drill.job), drill.job).toMatchObject({ attempts: 1 });

    await Promise.all(
      children.map(async (child) => {
        const exited = once(child, "exit");
        child.kill("SIGKILL");
        await exited;
      }),
    );
    for (const client of holders) await client.query("rollback");
    // A backend whose process died goes on until it next reads from the connection: a statement that
    // waited on a held row finishes once the row is free, and commits when it ran outside a
    // transaction (one in a transaction is rolled back at its next read). Wait for them all to end.
    await until(
      () => count(sql`select count(*) from pg_stat_activity where application_name = ${CHILD_APP_NAME}`),
      (n) => n === 0,
      "the dead process's connections are gone",
    );
    for (const drill of drills) await drill.afterKill();

    // The dead processes' leases would run out after a minute; let that minute pass at once.
    await database.db.execute(sql`update background_jobs set locked_until = now() where state = 'running'`);
    resumed = await buildApp(testConfig({ database: { kind: "postgres", url, poolSize: 4 } }), {
      logger: false,
    });
    await resumed.jobs.runDue();

    for (const drill of drills) {
      const rows = await jobRows(drill.job);
      // (A periodic job queues its next run as it ends: a queued row is no leftover.)
      expect(
        rows.filter((row) => row.state === "running" || row.state === "failed"),
        drill.job,
      ).toEqual([]);
      // The killed attempt was taken over, not started afresh beside it.
      expect(
        rows.filter((row) => row.attempts === 2),
        drill.job,
      ).toHaveLength(1);
      await drill.afterResume();
    }
  }, 240_000);
});
