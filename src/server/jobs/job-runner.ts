import type { Database } from "@server/db/client";
import { isConnectionError } from "@server/db/errors";
import type { FastifyBaseLogger } from "fastify";
import * as repo from "./job.repository";
import { type JobContext, type JobDefinition, type JobName, JobTakenOverError } from "./job-definition";

/*
 * Why not pg-boss (the field's PostgreSQL job queue) or graphile-worker: their current releases need
 * Node 22.12+ (pg-boss 12) and 22.18+ (graphile-worker 0.18), while Leadwerk promises Node 20.19+;
 * pg-boss 10, the last line for Node 20, has no PGlite adapter (its `db.executeSql` needs a shim that
 * splices parameters into SQL text), and graphile-worker needs a pg Pool. So this is the smallest
 * runner on the reminder scanner's pattern: jobs are rows of `background_jobs`, claimed under an
 * advisory lock with SKIP LOCKED, owned through a renewed lease, fenced by the attempt number, and
 * idempotent, so several processes on one PostgreSQL may all run it.
 */

export interface JobRunnerOptions {
  /** How often each process looks for due jobs (a change in this process wakes it at once). */
  pollMs?: number;
  /** How long a claimed job stays this process's without renewal; renewed every third of it. */
  leaseMs?: number;
  maxAttempts?: number;
  retryMs?: number;
  /** Finished jobs are forgotten after this long (the newest of each name stays). */
  keepMs?: number;
}

export interface JobOutcome {
  name: JobName;
  state: "done" | "failed" | "released";
}

const DEFAULTS = {
  pollMs: 30_000,
  leaseMs: 60_000,
  maxAttempts: 5,
  retryMs: 30_000,
  keepMs: 30 * 86_400_000,
} satisfies Required<JobRunnerOptions>;
const PRUNE_EVERY_MS = 3_600_000;
/** A job claimed this often without finishing keeps killing its process: it is given up. */
const POISON_ATTEMPTS = 10;

export class JobRunner {
  private readonly options: Required<JobRunnerOptions>;
  private readonly definitions = new Map<JobName, JobDefinition>();
  private timer: NodeJS.Timeout | null = null;
  /** Wakes the runner when the next waiting job falls due before the next regular look. */
  private dueTimer: NodeJS.Timeout | null = null;
  private started = false;
  private busy: Promise<JobOutcome[]> | null = null;
  private stopped = false;
  private wakeQueued = false;
  /** While held, the runner runs jobs only when told (`runDue()`), never on its own. */
  private held = false;
  private lookAgain = false;
  private lastPrune = 0;
  private readonly closing = new AbortController();

  constructor(
    private readonly database: Database,
    definitions: readonly JobDefinition[],
    private readonly log: FastifyBaseLogger,
    options: JobRunnerOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    for (const definition of definitions) this.register(definition);
  }

  /** Adds a job before the runner starts: each module hands its jobs over (e.g. `registerLeadJobs`). */
  register(definition: JobDefinition): void {
    if (this.started) throw new Error(`job ${definition.name} registered after the runner started`);
    if (this.definitions.has(definition.name)) throw new Error(`job ${definition.name} registered twice`);
    this.definitions.set(definition.name, definition);
  }

  /** The registered definition of a job (the fault drills run several jobs of one process at once). */
  definitionOf(name: JobName): JobDefinition | undefined {
    return this.definitions.get(name);
  }

  /** Queues the start-up jobs, then looks for due jobs every `pollMs` until `stop()`. */
  async start(): Promise<void> {
    this.started = true;
    for (const definition of this.definitions.values()) {
      if (definition.atStart) await repo.enqueueJob(this.database.db, definition.name);
    }
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Looks for due jobs soon, in the background (after a change queued one in this process). */
  wake(): void {
    if (this.stopped || this.held) return;
    if (this.busy !== null) {
      // The run under way may have passed its last look already; look once more after it.
      this.lookAgain = true;
      return;
    }
    if (this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      if (this.held) return;
      this.runDue().catch((error: unknown) => this.log.warn({ err: error }, "background jobs failed"));
    });
  }

  /** Queues a job of this runner (outside any transaction) and wakes the runner. */
  async enqueue(name: JobName): Promise<void> {
    await repo.enqueueJob(this.database.db, name);
    this.wake();
  }

  /**
   * Runs every due job to its end, in this call (tests await this), after the batch already under way
   * in this process. Answers what became of each job it ran.
   */
  async runDue(): Promise<JobOutcome[]> {
    while (this.busy !== null) await this.busy.catch(() => undefined);
    if (this.stopped) return [];
    const run = this.drain();
    this.busy = run;
    try {
      return await run;
    } finally {
      this.busy = null;
      if (this.lookAgain) {
        this.lookAgain = false;
        this.wake();
      }
    }
  }

  /**
   * Holds the background looks until `release()`: jobs then run only through `runDue()`. A test that
   * must act between queuing a job and its first batch (cancel an import before it starts) holds it.
   */
  async hold(): Promise<void> {
    this.held = true;
    // A background run under way would go on to claim jobs queued after this: let it end first.
    while (this.busy !== null) await this.busy.catch(() => undefined);
  }

  release(): void {
    this.held = false;
    this.wake();
  }

  /** Stops looking for jobs and lets a running job hand itself back between two batches. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.dueTimer) clearTimeout(this.dueTimer);
    this.closing.abort();
    await this.busy?.catch(() => undefined);
  }

  private async drain(): Promise<JobOutcome[]> {
    await this.schedule();
    const outcomes: JobOutcome[] = [];
    while (!this.stopped) {
      const row = await repo.claimNextJob(
        this.database.db,
        [...this.definitions.keys()],
        this.options.leaseMs,
      );
      if (!row) break;
      outcomes.push(await this.runClaimed(row));
    }
    if (!this.stopped) await this.wakeWhenDue();
    return outcomes;
  }

  /**
   * A periodic job runs `everyMs` after its last run ended, which may come before the next regular look
   * (the reminder scan's 30 s against a 30 s poll would otherwise stretch to a minute): queue the
   * periodic jobs that just ended and wake up when the first waiting job falls due.
   */
  private async wakeWhenDue(): Promise<void> {
    await this.schedule();
    const due = await repo.nextDueAt(this.database.db, [...this.definitions.keys()]);
    if (this.dueTimer) clearTimeout(this.dueTimer);
    this.dueTimer = null;
    if (!due || this.stopped) return;
    const wait = Math.max(0, due.getTime() - Date.now());
    if (wait >= this.options.pollMs) return;
    this.dueTimer = setTimeout(() => this.wake(), wait + 10);
    this.dueTimer.unref();
  }

  private async schedule(): Promise<void> {
    for (const definition of this.definitions.values()) {
      if (definition.everyMs)
        await repo.schedulePeriodicJob(this.database.db, definition.name, definition.everyMs);
    }
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      await repo.pruneFinishedJobs(this.database.db, this.options.keepMs);
      for (const definition of this.definitions.values()) {
        if (definition.keepMs !== undefined)
          await repo.pruneFinishedJobs(this.database.db, definition.keepMs, definition.name);
      }
    }
  }

  private async runClaimed(row: repo.JobRow): Promise<JobOutcome> {
    const name = row.name as JobName;
    const job = { id: row.id, attempt: row.attempts, name };
    const definition = this.definitions.get(name);
    if (!definition || row.attempts > POISON_ATTEMPTS) {
      const reason = definition ? "given up after too many attempts" : "no such job";
      await repo.failJob(this.database.db, job, reason, { ...this.options, maxAttempts: 0 });
      return { name, state: "failed" };
    }
    const aborted = new AbortController();
    const onClose = () => aborted.abort();
    this.closing.signal.addEventListener("abort", onClose);
    const lease = setInterval(() => {
      repo
        .renewJobLease(this.database.db, job, this.options.leaseMs)
        .then((mine) => {
          if (!mine) aborted.abort();
        })
        .catch((error: unknown) => this.log.warn({ err: error, job: name }, "job lease renewal failed"));
    }, this.options.leaseMs / 3);
    lease.unref();
    const context: JobContext = {
      db: this.database.db,
      kind: this.database.kind,
      log: this.log,
      resumeFrom: { cursor: row.cursor, done: row.progressDone, total: row.progressTotal ?? undefined },
      checkpoint: async (tx, progress) => {
        if (!(await repo.saveJobProgress(tx, job, progress, this.options.leaseMs))) {
          aborted.abort();
          throw new JobTakenOverError(name);
        }
      },
      enqueue: (next) => this.enqueue(next),
      signal: aborted.signal,
    };
    try {
      await definition.run(context);
      if (aborted.signal.aborted) {
        await repo.releaseJob(this.database.db, job);
        return { name, state: "released" };
      }
      await repo.finishJob(this.database.db, job);
      return { name, state: "done" };
    } catch (error) {
      if (error instanceof JobTakenOverError) return { name, state: "released" };
      if (isConnectionError(error)) {
        // The database went away (a restart): not the job's failure, so it is not marked failed (nor
        // could it be now). It keeps its last checkpoint and resumes there once its lease runs out,
        // in this process or another; the timer keeps looking for due jobs meanwhile.
        this.log.warn({ err: error, job: name }, "background job interrupted: database unavailable");
        return { name, state: "released" };
      }
      this.log.error({ err: error, job: name }, "background job failed");
      await repo.failJob(
        this.database.db,
        job,
        error instanceof Error ? error.message : String(error),
        this.options,
      );
      return { name, state: "failed" };
    } finally {
      clearInterval(lease);
      this.closing.signal.removeEventListener("abort", onClose);
    }
  }
}
