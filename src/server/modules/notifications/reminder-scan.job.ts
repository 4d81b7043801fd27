import type { JobDefinition } from "@server/jobs/job-definition";
import type { FastifyInstance } from "fastify";
import { scanReminders } from "./notification.service";

/** Finished scans are forgotten after an hour: at one every 30 s, a month's would be 86,400 rows. */
const KEEP_SCANS_MS = 3_600_000;

/**
 * Looks for activities that fell due every `config.reminderScanMs` (30 s) and announces new reminders
 * on the live bus. One process scans at a time (the runner's job lock); the inserts are idempotent
 * anyway (unique user, activity, kind), and only the process whose insert succeeded announces.
 */
export function reminderScanJob(app: FastifyInstance): JobDefinition {
  return {
    name: "reminder-scan",
    everyMs: app.config.reminderScanMs,
    keepMs: KEEP_SCANS_MS,
    async run(ctx) {
      const messages = await scanReminders(ctx.db, new Date());
      for (const message of messages) await app.live.publish(message);
    },
  };
}

/** The notifications module's background job: the reminder scan. */
export function registerNotificationJobs(app: FastifyInstance): void {
  app.jobs.register(reminderScanJob(app));
}
