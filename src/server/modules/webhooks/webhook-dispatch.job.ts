import type { JobDefinition } from "@server/jobs/job-definition";
import type { FastifyInstance } from "fastify";
import { dispatchWebhooks } from "./webhook-delivery";

/**
 * Fans events out and sends due deliveries. A change that raises an event queues it in its own
 * transaction (the trigger in `…_webhooks.sql`); every 10 s it looks again for retries that fell due.
 */
export function webhookDispatchJob(app: FastifyInstance): JobDefinition {
  return {
    name: "webhook-dispatch",
    everyMs: 10_000,
    // Finished runs are forgotten after an hour: the job runs every 10 s.
    keepMs: 3_600_000,
    async run(ctx) {
      await dispatchWebhooks({
        db: ctx.db,
        box: app.mail.box,
        allowedHosts: app.config.webhooks.allowedHosts,
        log: ctx.log,
        signal: ctx.signal,
      });
    },
  };
}

export function registerWebhookJobs(app: FastifyInstance): void {
  app.jobs.register(webhookDispatchJob(app));
}
