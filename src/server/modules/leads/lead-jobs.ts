import type { FastifyInstance } from "fastify";
import { leadRecencyJob } from "./lead-recency.job";
import { leadRescoreJob } from "./lead-rescore.job";

/** The leads module's background jobs: rescoring after a rules change and the hourly recency check. */
export function registerLeadJobs(app: FastifyInstance): void {
  // PGlite is one connection: a batch holds up every request meanwhile, so its batches are smaller.
  const batchSize = app.database.kind === "pglite" ? 250 : 1000;
  app.jobs.register(leadRescoreJob({ batchSize }));
  app.jobs.register(leadRecencyJob({ batchSize }));
}
