import type { DbOrTx } from "@server/db/client";
import { backgroundJobs } from "@server/db/schema";
import { and, desc, eq, inArray, min, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { JobName } from "./job-definition";

export type JobRow = typeof backgroundJobs.$inferSelect;

/** A job as one process claimed it: its id and the attempt number that fences its writes. */
export interface ClaimedJob {
  id: number;
  attempt: number;
}

/** A duration in milliseconds as a PostgreSQL interval (typed, so both drivers bind it alike). */
const millis = (ms: number) => sql`(${ms}::double precision * interval '1 millisecond')`;

/**
 * Serialises the job table's state changes (claim, release, failure) across processes; each is one
 * short transaction, so nobody waits long.
 */
async function lockJobTable(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('leadwerk.background_jobs'))`);
}

/**
 * How many jobs this process has queued (`enqueueJob` calls, committed or not): a request that saw it
 * grow wakes the runner when it has answered (jobs.plugin.ts), so a write that queues nothing (a deal
 * moved on the board) does not pay the runner's look of some thirty statements.
 */
let queuedInProcess = 0;
export const jobsQueuedInProcess = (): number => queuedInProcess;

/**
 * Queues a job. Called in the transaction of the change that asks for it, the job exists only if that
 * change commits. A job of the same name already waiting stays the only one (it will see the latest
 * data when it runs); it moves forward when this one asks for an earlier start.
 */
export async function enqueueJob(db: DbOrTx, name: JobName, runAfter?: Date): Promise<void> {
  queuedInProcess += 1;
  await db
    .insert(backgroundJobs)
    .values({ name, runAfter: runAfter ?? sql`now()` })
    .onConflictDoUpdate({
      target: backgroundJobs.name,
      targetWhere: sql`state = 'queued'`,
      set: { runAfter: sql`least(${backgroundJobs.runAfter}, excluded.run_after)` },
    });
}

/**
 * Queues a periodic job unless one of that name waits or runs: due `everyMs` after the last one
 * finished (or after now when none ever ran). Every process may call this; at most one is queued.
 */
export async function schedulePeriodicJob(db: DbOrTx, name: string, everyMs: number): Promise<void> {
  const every = millis(everyMs);
  await db.execute(sql`
    insert into background_jobs (name, run_after)
    select ${name}, greatest(now(), coalesce(
      (select max(finished_at) from background_jobs
        where name = ${name} and state in ('done', 'failed', 'cancelled')),
      now()) + ${every})
    where not exists (
      select 1 from background_jobs where name = ${name} and state in ('queued', 'running'))
    on conflict do nothing`);
}

/**
 * Claims the next due job of the given names: a queued one whose time has come, or a running one
 * whose process stopped renewing its lease (it resumes at its cursor). A name that runs elsewhere
 * under a live lease waits, so one kind of job never runs twice at once.
 */
export async function claimNextJob(db: DbOrTx, names: readonly string[], leaseMs: number) {
  if (names.length === 0) return null;
  return db.transaction(async (tx) => {
    await lockJobTable(tx);
    const live = alias(backgroundJobs, "live");
    const next = tx
      .select({ id: backgroundJobs.id })
      .from(backgroundJobs)
      .where(
        and(
          inArray(backgroundJobs.name, [...names]),
          or(
            and(eq(backgroundJobs.state, "queued"), sql`${backgroundJobs.runAfter} <= now()`),
            and(eq(backgroundJobs.state, "running"), sql`${backgroundJobs.lockedUntil} < now()`),
          ),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(live)
              .where(
                and(
                  eq(live.name, backgroundJobs.name),
                  eq(live.state, "running"),
                  sql`${live.lockedUntil} >= now()`,
                  sql`${live.id} <> ${backgroundJobs.id}`,
                ),
              ),
          ),
        ),
      )
      .orderBy(backgroundJobs.runAfter, backgroundJobs.id)
      .limit(1)
      .for("update", { skipLocked: true });
    const [row] = await tx
      .update(backgroundJobs)
      .set({
        state: "running",
        attempts: sql`${backgroundJobs.attempts} + 1`,
        lockedUntil: sql`now() + ${millis(leaseMs)}`,
        startedAt: sql`coalesce(${backgroundJobs.startedAt}, now())`,
      })
      .where(inArray(backgroundJobs.id, next))
      .returning();
    return row ?? null;
  });
}

const mine = (job: ClaimedJob) =>
  and(
    eq(backgroundJobs.id, job.id),
    eq(backgroundJobs.attempts, job.attempt),
    eq(backgroundJobs.state, "running"),
  );

/** Renews the lease; false when another process has taken the job over (this one must stop). */
export async function renewJobLease(db: DbOrTx, job: ClaimedJob, leaseMs: number): Promise<boolean> {
  const rows = await db
    .update(backgroundJobs)
    .set({ lockedUntil: sql`now() + ${millis(leaseMs)}` })
    .where(mine(job))
    .returning({ id: backgroundJobs.id });
  return rows.length > 0;
}

/**
 * Saves how far the job got, in the transaction of the batch it just did (both or neither), and renews
 * the lease; false when the job is no longer this process's (the caller rolls the batch back).
 */
export async function saveJobProgress(
  tx: DbOrTx,
  job: ClaimedJob,
  progress: { cursor: string | null; done: number; total?: number | undefined },
  leaseMs: number,
): Promise<boolean> {
  const rows = await tx
    .update(backgroundJobs)
    .set({
      cursor: progress.cursor,
      progressDone: progress.done,
      ...(progress.total === undefined ? {} : { progressTotal: progress.total }),
      lockedUntil: sql`now() + ${millis(leaseMs)}`,
    })
    .where(mine(job))
    .returning({ id: backgroundJobs.id });
  return rows.length > 0;
}

export async function finishJob(db: DbOrTx, job: ClaimedJob): Promise<void> {
  await db
    .update(backgroundJobs)
    .set({ state: "done", finishedAt: sql`now()`, lockedUntil: null, lastError: null })
    .where(mine(job));
}

/**
 * A failed run waits `retryMs × attempt` and runs again, up to `maxAttempts`; after that, or when
 * another job of its name already waits (and will do the same work), it stays failed.
 */
export async function failJob(
  db: DbOrTx,
  job: ClaimedJob & { name: string },
  error: string,
  options: { maxAttempts: number; retryMs: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockJobTable(tx);
    const retry = job.attempt < options.maxAttempts && !(await hasQueued(tx, job.name));
    await tx
      .update(backgroundJobs)
      .set(
        retry
          ? {
              state: "queued",
              lastError: error,
              lockedUntil: null,
              runAfter: sql`now() + ${millis(options.retryMs * job.attempt)}`,
            }
          : { state: "failed", lastError: error, lockedUntil: null, finishedAt: sql`now()` },
      )
      .where(mine(job));
  });
}

/**
 * Hands a job back when its process shuts down in the middle: queued again to resume at its cursor, or
 * cancelled when another of its name already waits.
 */
export async function releaseJob(db: DbOrTx, job: ClaimedJob & { name: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockJobTable(tx);
    const superseded = await hasQueued(tx, job.name);
    await tx
      .update(backgroundJobs)
      .set(
        superseded
          ? { state: "cancelled", lockedUntil: null, finishedAt: sql`now()` }
          : { state: "queued", lockedUntil: null, runAfter: sql`now()` },
      )
      .where(mine(job));
  });
}

async function hasQueued(tx: DbOrTx, name: string): Promise<boolean> {
  const rows = await tx
    .select({ id: backgroundJobs.id })
    .from(backgroundJobs)
    .where(and(eq(backgroundJobs.name, name), eq(backgroundJobs.state, "queued")))
    .limit(1);
  return rows.length > 0;
}

/** The newest job of a name (waiting, running or finished), for status displays. */
export async function latestJob(db: DbOrTx, name: string): Promise<JobRow | null> {
  const [row] = await db
    .select()
    .from(backgroundJobs)
    .where(eq(backgroundJobs.name, name))
    .orderBy(desc(backgroundJobs.id))
    .limit(1);
  return row ?? null;
}

/**
 * Forgets finished jobs older than `keepMs` (of one name, or of all); the newest of each name stays for
 * its status.
 */
export async function pruneFinishedJobs(db: DbOrTx, keepMs: number, name?: string): Promise<void> {
  await db.execute(sql`
    delete from background_jobs old
    where old.state in ('done', 'failed', 'cancelled')
      and old.finished_at < now() - ${millis(keepMs)}
      ${name === undefined ? sql`` : sql`and old.name = ${name}`}
      and old.id < (select max(newest.id) from background_jobs newest where newest.name = old.name)`);
}

/** When the earliest waiting job of these names falls due (null when none waits). */
export async function nextDueAt(db: DbOrTx, names: readonly string[]): Promise<Date | null> {
  if (names.length === 0) return null;
  const [row] = await db
    .select({ at: min(backgroundJobs.runAfter) })
    .from(backgroundJobs)
    .where(and(inArray(backgroundJobs.name, [...names]), eq(backgroundJobs.state, "queued")));
  return row?.at ?? null;
}
