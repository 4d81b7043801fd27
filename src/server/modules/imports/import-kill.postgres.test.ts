import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { type Database, openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { importRows, imports, leads, users } from "@server/db/schema";
import { enqueueJob } from "@server/jobs/job.repository";
import { JobRunner } from "@server/jobs/job-runner";
import { createTestDatabase, type TestDatabase } from "@test/db";
import { freePort } from "@test/free-port";
import { eq, sql } from "drizzle-orm";
import Fastify from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRunJob } from "./import-run.job";

/**
 * The kill -9 drill for the import (issue #17): a real server process runs an import and is killed
 * with SIGKILL in the middle of its second batch; the next process resumes at the first row not
 * written and ends with exactly one lead per good row: none twice, none missing.
 */
// The server's batches are 500 rows here (LEADWERK_IMPORT_BATCH), not its 5,000: the drill is about
// where a batch ends, and three small ones keep the file far from its timeout on a busy machine.
const IMPORT_BATCH = 500;
const ROWS = IMPORT_BATCH * 3;

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

describe("a server process killed in the middle of an import", () => {
  it("leaves the import to the next process, which resumes at the first row not written", async () => {
    const [user] = await database.db
      .insert(users)
      .values({ email: "importer@example.com", name: "Importer", passwordHash: "x", role: "admin" })
      .returning();
    if (!user) throw new Error("no user");
    const [imp] = await database.db
      .insert(imports)
      .values({
        entity: "lead",
        status: "running",
        fileName: "kill.csv",
        format: "csv",
        encoding: "utf-8",
        delimiter: ";",
        columns: ["Nachname", "E-Mail"],
        mapping: { Nachname: "lastName", "E-Mail": "email" },
        matchOn: ["email", "phone"],
        total: ROWS,
        createdBy: user.id,
        startedAt: new Date(),
      })
      .returning();
    if (!imp) throw new Error("no import");
    await database.db.execute(sql`
      insert into import_rows (import_id, row_no, cells)
      select ${imp.id}, n, jsonb_build_array('Kill ' || n, 'kill' || n || '@example.com')
      from generate_series(1, ${ROWS}) as n`);
    await enqueueJob(database.db, "import-run");

    // Hold a row of the second batch: the process commits the first batch, then waits on this lock
    // in the middle of the second one (its leads inserted, uncommitted), which is where it is killed.
    const holder = new pg.Client({ connectionString: testDb.url });
    holder.on("error", () => undefined);
    await holder.connect();
    await holder.query("begin");
    await holder.query("select 1 from import_rows where import_id = $1 and row_no = $2 for update", [
      imp.id,
      IMPORT_BATCH + IMPORT_BATCH / 2,
    ]);

    const url = testDb.url;
    if (!url) throw new Error("no database URL");
    child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(await freePort()),
        LOG_LEVEL: "warn",
        LEADWERK_IMPORT_BATCH: String(IMPORT_BATCH),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const readImport = async () =>
      (await database.db.select().from(imports).where(eq(imports.id, imp.id)))[0];
    await until(readImport, (row) => row?.done === IMPORT_BATCH, "the first batch is saved");
    // Give the second batch the time to reach the held row (its leads are written by then).
    const waiting = async () =>
      database.db.$count(sql`pg_locks`, sql`not granted and locktype in ('transactionid', 'tuple')`);
    await until(waiting, (n) => n > 0, "the second batch waits on the held row");
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
    await holder.query("rollback");
    await holder.end();
    expect(await database.db.$count(leads, eq(leads.sourceDetail, "kill.csv"))).toBe(IMPORT_BATCH);

    await database.db.execute(sql`update background_jobs set locked_until = now() where name = 'import-run'`);
    const runner = new JobRunner(
      database,
      [importRunJob({ batchSize: IMPORT_BATCH, publish: async () => undefined })],
      Fastify().log,
    );
    expect(await runner.runDue()).toEqual([{ name: "import-run", state: "done" }]);
    await runner.stop();

    expect(await readImport()).toMatchObject({ status: "done", done: ROWS, counts: { create: ROWS } });
    expect(await database.db.$count(leads, eq(leads.sourceDetail, "kill.csv"))).toBe(ROWS);
    const distinct = await database.db
      .selectDistinct({ email: leads.email })
      .from(leads)
      .where(eq(leads.sourceDetail, "kill.csv"));
    expect(distinct).toHaveLength(ROWS);
    expect(await database.db.$count(importRows, eq(importRows.outcome, "create"))).toBe(ROWS);
  }, 120_000);
});
