import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { type Database, openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { backgroundJobs, leads } from "@server/db/schema";
import { enqueueJob } from "@server/jobs/job.repository";
import { JobRunner } from "@server/jobs/job-runner";
import { upsertSetting } from "@server/modules/settings/settings.repository";
import { createTestDatabase, type TestDatabase } from "@test/db";
import { freePort } from "@test/free-port";
import { eq, ne, sql } from "drizzle-orm";
import Fastify from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadRescoreJob } from "./lead-rescore.job";

/**
 * The kill -9 drill of issue #21 for the durable jobs: a real server process (`src/server/main.ts`)
 * runs the lead rescore and is killed with SIGKILL in the middle of a batch; the next process resumes
 * after the last saved batch and ends with every lead scored and the exact count, none twice.
 */
const LEADS = 3_000;
const BATCH = 1_000; // the batch size of the rescore on PostgreSQL

let testDb: TestDatabase;
let database: Database;
let child: ChildProcess | null = null;
let output = "";

beforeAll(async () => {
  testDb = await createTestDatabase();
  if (!testDb.url) throw new Error("this file runs in the PostgreSQL project only");
  database = await openDatabase({ kind: "postgres", url: testDb.url, poolSize: 2 });
  await runMigrations(database);
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await database?.close();
  await testDb?.cleanup();
});

const rescoreJob = async () => {
  const [job] = await database.db
    .select()
    .from(backgroundJobs)
    .where(eq(backgroundJobs.name, "lead-rescore"));
  return job;
};

async function until<T>(read: () => Promise<T>, holds: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (child && child.exitCode !== null)
      throw new Error(`the server process exited before ${what}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("a server process killed in the middle of the lead rescore", () => {
  it("leaves the job to the next process, which resumes after the last saved batch", async () => {
    await database.db.execute(
      sql`insert into leads (last_name) select 'Kill ' || n from generate_series(1, ${LEADS}) as n`,
    );
    await upsertSetting(database.db, "leadScoreRules", [
      { id: "stage-mal", kind: "lifecycle", stage: "mal", points: 7 },
    ]);
    await enqueueJob(database.db, "lead-rescore");

    // Hold one lead of the second batch: the process saves the first batch, then waits on this lock
    // in the middle of the second one, uncommitted, which is where it is killed.
    const holder = new pg.Client({ connectionString: testDb.url });
    holder.on("error", () => undefined);
    await holder.connect();
    await holder.query("begin");
    // (FOR UPDATE beside OFFSET would lock the skipped rows too.)
    await holder.query(
      "select id from leads where id = (select id from leads order by id offset $1 limit 1) for update",
      [BATCH + BATCH / 2],
    );

    const url = testDb.url;
    if (!url) throw new Error("no database URL");
    child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(await freePort()), LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const running = await until(rescoreJob, (job) => job?.progressDone === BATCH, "the first batch is saved");
    expect(running).toMatchObject({ state: "running", attempts: 1, progressTotal: LEADS });
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
    await holder.query("rollback");
    await holder.end();
    // Only the saved batch is written; the one it was killed in left nothing.
    expect(await database.db.$count(leads, eq(leads.score, 7))).toBe(BATCH);

    // The dead process's lease would run out after a minute; let that minute pass at once.
    await database.db
      .update(backgroundJobs)
      .set({ lockedUntil: sql`now()` })
      .where(eq(backgroundJobs.name, "lead-rescore"));
    const runner = new JobRunner(database, [leadRescoreJob({ batchSize: BATCH })], Fastify().log);
    expect(await runner.runDue()).toEqual([{ name: "lead-rescore", state: "done" }]);
    await runner.stop();

    expect(await rescoreJob()).toMatchObject({
      state: "done",
      attempts: 2,
      progressDone: LEADS,
      progressTotal: LEADS,
    });
    const unscored = await database.db.$count(leads, ne(leads.score, 7));
    expect(unscored).toBe(0);
  }, 120_000);
});
