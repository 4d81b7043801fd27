import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Database, openDatabase } from "@server/db/client";
import { runMigrations } from "@server/db/migrate";
import { backgroundJobs, leads } from "@server/db/schema";
import { enqueueJob } from "@server/jobs/job.repository";
import { JobRunner } from "@server/jobs/job-runner";
import { leadRescoreJob } from "@server/modules/leads/lead-rescore.job";
import { upsertSetting } from "@server/modules/settings/settings.repository";
import { eq, ne, sql } from "drizzle-orm";
import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";

/**
 * The kill -9 drill of issue #21 point 5 on the embedded database: a server process
 * (`test/job-drill-child.ts`) runs the lead rescore on a PGlite folder and is killed with SIGKILL
 * inside its second batch's open transaction (no other process can hold a row of PGlite, so the
 * process pauses itself there, at its second checkpoint). The next process opens the folder (PGlite
 * recovers it, the dead process's lock file is taken over), resumes after the saved batch and ends
 * with every lead scored and the exact count.
 */
const BATCH = 250; // the rescore's batch on PGlite
const LEADS = BATCH * 2 + 100;

const root = mkdtempSync(path.join(tmpdir(), "leadwerk-job-kill-"));
const dataDir = path.join(root, "pglite");
let database: Database | null = null;
let child: ChildProcess | null = null;

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await database?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("a PGlite server process killed in the middle of the lead rescore", () => {
  it("leaves a folder the next process opens, which resumes after the last saved batch", async () => {
    database = await openDatabase({ kind: "pglite", dataDir });
    await runMigrations(database);
    await database.db.execute(
      sql`insert into leads (last_name) select 'Kill ' || n from generate_series(1, ${LEADS}) as n`,
    );
    await upsertSetting(database.db, "leadScoreRules", [
      { id: "stage-mal", kind: "lifecycle", stage: "mal", points: 7 },
    ]);
    // Queued for later: the server process makes it due itself, after it stopped its own runner.
    await enqueueJob(database.db, "lead-rescore", new Date(Date.now() + 3_600_000));
    await database.close();
    database = null;

    const server = spawn(process.execPath, ["--import", "tsx", "test/job-drill-child.ts"], {
      env: {
        ...process.env,
        LEADWERK_DATA_DIR: root,
        DRILL_PAUSE: "lead-rescore:2",
        PORT: "0",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = server;
    let output = "";
    const paused = new Promise<void>((resolve, reject) => {
      server.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("drill: paused")) resolve();
      });
      server.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      server.on("exit", () => reject(new Error(`the server process exited before it paused:\n${output}`)));
    });
    await paused;
    const exited = once(server, "exit");
    server.kill("SIGKILL");
    await exited;

    database = await openDatabase({ kind: "pglite", dataDir });
    const job = async () =>
      (await database?.db.select().from(backgroundJobs).where(eq(backgroundJobs.name, "lead-rescore")))?.[0];
    // The first batch was saved with its checkpoint; the one it was killed in left nothing.
    expect(await job()).toMatchObject({ state: "running", attempts: 1, progressDone: BATCH });
    expect(await database.db.$count(leads, eq(leads.score, 7))).toBe(BATCH);

    // The dead process's lease would run out after a minute; let that minute pass at once.
    await database.db
      .update(backgroundJobs)
      .set({ lockedUntil: sql`now()` })
      .where(eq(backgroundJobs.name, "lead-rescore"));
    const runner = new JobRunner(database, [leadRescoreJob({ batchSize: BATCH })], Fastify().log);
    expect(await runner.runDue()).toEqual([{ name: "lead-rescore", state: "done" }]);
    await runner.stop();
    expect(await job()).toMatchObject({
      state: "done",
      attempts: 2,
      progressDone: LEADS,
      progressTotal: LEADS,
    });
    expect(await database.db.$count(leads, ne(leads.score, 7))).toBe(0);
  }, 240_000);
});
