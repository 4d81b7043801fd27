import type { FastifyInstance } from "fastify";
import { jobsQueuedInProcess } from "./job.repository";
import { JobRunner } from "./job-runner";
import { pgliteAnalyzeJob } from "./pglite-analyze.job";

declare module "fastify" {
  interface FastifyInstance {
    /** Background jobs: `wake()` after a change queued one; tests `await app.jobs.runDue()`. */
    jobs: JobRunner;
  }
  interface FastifyRequest {
    /** `jobsQueuedInProcess()` when this write request came in (see the hooks below). */
    jobsQueuedBefore: number;
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
  // A write that queued a job (an import, a mail in the outbox, a webhook delivery, a custom field's
  // index) has it run now, not at the next poll: after the answer, so the job's transaction has
  // committed. Only then: a look at the jobs costs some thirty statements, which every board move paid
  // while this woke after any POST/PATCH/DELETE (#21 point 3). A job queued by a concurrent request
  // may wake it too; that is one look early, never one missed.
  app.decorateRequest("jobsQueuedBefore", 0);
  app.addHook("onRequest", async (request) => {
    if (request.method !== "GET") request.jobsQueuedBefore = jobsQueuedInProcess();
  });
  app.addHook("onResponse", async (request) => {
    if (request.method !== "GET" && jobsQueuedInProcess() !== request.jobsQueuedBefore) runner.wake();
  });
  // preClose: the database is still open, so a job in the middle can hand itself back.
  app.addHook("preClose", () => runner.stop());
}
