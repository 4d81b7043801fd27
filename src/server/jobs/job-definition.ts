import type { Database, Db, DbOrTx } from "@server/db/client";
import type { FastifyBaseLogger } from "fastify";

/** Every job's name; the module that owns a job registers its definition with the runner. */
export const JOB_NAMES = [
  "lead-rescore",
  "lead-recency",
  "pglite-analyze",
  "reminder-scan",
  "import-run",
  "mail-outbox",
  "imap-poll",
  "quote-expiry",
  "invoice-overdue",
  "forecast-snapshot",
  "stage-stay-stats",
  "intake-doi-expiry",
  "webhook-dispatch",
  "gdpr-retention",
  "idempotency-prune",
  "lead-win-model",
  "phone-e164-backfill",
  "custom-field-index",
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobProgress {
  /** Where the job got to (e.g. the last lead id); a job taken over by another process resumes here. */
  cursor: string | null;
  done: number;
  total?: number | undefined;
}

/** What a running job gets from the runner. */
export interface JobContext {
  db: Db;
  kind: Database["kind"];
  log: FastifyBaseLogger;
  /** The progress saved by an earlier attempt of this job (cursor null and done 0 on a fresh start). */
  resumeFrom: JobProgress;
  /**
   * Saves progress inside the transaction of the batch just done, so the two commit together; throws
   * when another process has taken the job over, which rolls that batch back.
   */
  checkpoint(tx: DbOrTx, progress: JobProgress): Promise<void>;
  /** Queues another job (e.g. statistics after a big rewrite). */
  enqueue(name: JobName): Promise<void>;
  /** Aborted when the app closes or the job was taken over: stop between two batches and return. */
  signal: AbortSignal;
}

export interface JobDefinition {
  name: JobName;
  /** Queued again this long after the last run finished, by whichever process looks first. */
  everyMs?: number;
  /** Queued when an app process starts (and runs at once). */
  atStart?: boolean;
  /** Its finished runs are forgotten after this long (frequent jobs keep less than the runner's 30 days). */
  keepMs?: number;
  run(ctx: JobContext): Promise<void>;
}

/** Thrown by `checkpoint` when the job belongs to another process now. */
export class JobTakenOverError extends Error {
  constructor(name: string) {
    super(`job ${name} was taken over by another process`);
  }
}
