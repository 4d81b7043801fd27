import type { JobDefinition } from "@server/jobs/job-definition";
import type { FastifyInstance } from "fastify";
import { sendDueMails } from "./outbox-sender";

/** Finished runs are forgotten after an hour: the job runs every 30 s. */
const KEEP_RUNS_MS = 3_600_000;

/** Sends the outbox: queued by `enqueueMail` in the sender's transaction, and every 30 s for retries. */
export function mailOutboxJob(app: FastifyInstance): JobDefinition {
  return {
    name: "mail-outbox",
    everyMs: 30_000,
    keepMs: KEEP_RUNS_MS,
    async run(ctx) {
      await sendDueMails(ctx.db, app.mail.box, ctx.log, ctx.signal);
    },
  };
}

/** The mail module's background jobs. */
export function registerMailJobs(app: FastifyInstance): void {
  app.jobs.register(mailOutboxJob(app));
}
