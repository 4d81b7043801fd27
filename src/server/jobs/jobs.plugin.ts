import type { FastifyInstance } from "fastify";
import { JobRunner } from "./job-runner";
import { pgliteAnalyzeJob } from "./pglite-analyze.job";

declare module "fastify" {
  interface FastifyInstance {
    /** Background jobs: `wake()` after a change queued one; tests `await app.jobs.runDue()`. */
    jobs: JobRunner;
  }
}

/**
 * Gives this process its job runner (every process runs one), stopped before the app closes. Modules
 * then hand over their jobs (`app.jobs.register`) and app.ts starts it (`app.jobs.start()`).
 */
export function registerJobs(app: FastifyInstance): void {
  const runner = new JobRunner(app.database, [], app.log);
  if (app.database.kind === "pglite") runner.register(pgliteAnalyzeJob);
  app.decorate("jobs", runner);
  // preClose: the database is still open, so a job in the middle can hand itself back.
  app.addHook("preClose", () => runner.stop());
}
