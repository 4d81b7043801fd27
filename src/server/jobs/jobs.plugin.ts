import type { FastifyInstance } from "fastify";
import type { JobDefinition } from "./job-definition";
import { JobRunner } from "./job-runner";
import { leadRecencyJob } from "./lead-recency.job";
import { leadRescoreJob } from "./lead-rescore.job";
import { pgliteAnalyzeJob } from "./pglite-analyze.job";

declare module "fastify" {
  interface FastifyInstance {
    /** Background jobs: `wake()` after a change queued one; tests `await app.jobs.runDue()`. */
    jobs: JobRunner;
  }
}

/** Starts this process's job runner (every process runs one) and stops it before the app closes. */
export async function registerJobs(app: FastifyInstance): Promise<void> {
  // PGlite is one connection: a batch holds up every request meanwhile, so its batches are smaller.
  const batchSize = app.database.kind === "pglite" ? 250 : 1000;
  const definitions: JobDefinition[] = [leadRescoreJob({ batchSize }), leadRecencyJob({ batchSize })];
  if (app.database.kind === "pglite") definitions.push(pgliteAnalyzeJob);
  const runner = new JobRunner(app.database, definitions, app.log);
  app.decorate("jobs", runner);
  // preClose: the database is still open, so a job in the middle can hand itself back.
  app.addHook("preClose", () => runner.stop());
  await runner.start();
}
