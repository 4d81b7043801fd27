import type { JobDefinition } from "@server/jobs/job-definition";
import { publishAll } from "@server/live/publish";
import type { FastifyInstance } from "fastify";
import { dispatchWebhooks } from "./webhook-delivery";

/**
 * Fans events out and sends due deliveries, every 5 s (the trigger in `…_webhooks.sql` that writes the
 * events does not queue it, so that concurrent writers never wait on the job row); a test event or
 * replay queues it at once.
 */
export function webhookDispatchJob(app: FastifyInstance): JobDefinition {
  return {
    name: "webhook-dispatch",
    everyMs: 5_000,
    // Finished runs are forgotten after an hour: the job runs every 5 s.
    keepMs: 3_600_000,
    async run(ctx) {
      const { live } = await dispatchWebhooks({
        db: ctx.db,
        box: app.mail.box,
        allowedHosts: app.config.webhooks.allowedHosts,
        log: ctx.log,
        signal: ctx.signal,
        withRights: (principal) => app.permissions.withRights(principal),
      });
      await publishAll(app, live);
    },
  };
}

export function registerWebhookJobs(app: FastifyInstance): void {
  app.jobs.register(webhookDispatchJob(app));
}
