/**
 * The server process of the job kill drills (`src/server/jobs/job-kill.postgres.test.ts`): the real app
 * (`buildApp` with the configuration `npm start` reads, its own job runner included) plus one more
 * runner per job named in `DRILL_JOBS`, so this one process works on every drill's job at once and
 * a single SIGKILL cuts them all off. (A process per job would cost a full app start each: about
 * 20 s of CPU on the shared CI machine.) Each extra runner holds only the app's own definition of
 * its job, the same object the app's runner runs.
 */
import { buildApp } from "@server/app";
import { loadConfig } from "@server/config";
import { JOB_NAMES, type JobName } from "@server/jobs/job-definition";
import { JobRunner } from "@server/jobs/job-runner";

const app = await buildApp(loadConfig());
const isJobName = (name: string): name is JobName => (JOB_NAMES as readonly string[]).includes(name);
for (const name of (process.env.DRILL_JOBS ?? "").split(",")) {
  if (!isJobName(name)) throw new Error(`no such job: ${name}`);
  const definition = app.jobs.definitionOf(name);
  if (!definition) throw new Error(`job ${name} is not registered on this database`);
  new JobRunner(app.database, [definition], app.log)
    .runDue()
    .catch((error: unknown) => app.log.error({ err: error, job: name }, "drill runner failed"));
}
console.log("drill process ready");
