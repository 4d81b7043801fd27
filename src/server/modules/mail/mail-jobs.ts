import type { JobDefinition } from "@server/jobs/job-definition";
import { publishAll } from "@server/live/publish";
import type { FastifyInstance } from "fastify";
import { pollImap } from "./imap-poll";
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

/**
 * Polls the IMAP folder of email-to-lead: looks every 30 s and polls when the settings' pollSeconds
 * passed since the last poll (saving the settings queues it at once). One process polls at a time
 * (the runner's claim), and the cursor in `imap_cursors` makes a second poll harmless anyway.
 */
export function imapPollJob(app: FastifyInstance): JobDefinition {
  return {
    name: "imap-poll",
    everyMs: 30_000,
    keepMs: KEEP_RUNS_MS,
    async run(ctx) {
      const result = await pollImap(ctx.db, app.mail.box, ctx.log, {
        maxBytes: app.config.mail.maxBytes,
        signal: ctx.signal,
      });
      for (const outcome of result.taken) await publishAll(app, outcome.live);
    },
  };
}

/** The mail module's background jobs. */
export function registerMailJobs(app: FastifyInstance): void {
  app.jobs.register(mailOutboxJob(app));
  app.jobs.register(imapPollJob(app));
}
