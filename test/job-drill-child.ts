/**
 * The server process of the job kill drills: the real app (`buildApp` with the configuration
 * `npm start` reads), run one of two ways.
 *
 * - `DRILL_JOBS=a,b,…` (PostgreSQL, `src/server/ops/job-kill.postgres.test.ts`): besides the app's own
 *   runner, one more runner per named job, so this one process works on every drill's job at once and
 *   a single SIGKILL cuts them all off (a process per job would cost a full app start each: about 20 s
 *   of CPU on the shared CI machine). Each extra runner holds the app's own definition of its job.
 * - `DRILL_PAUSE=<job>:<n>` (PGlite, `job-kill.pglite.test.ts`, where no other connection can hold a
 *   row): the app's runner is stopped, the job (queued for later by the test) is made due and run with
 *   the app's definition, and at its n-th checkpoint, inside that batch's open transaction, the
 *   process prints `drill: paused` and waits there to be killed.
 */
import { buildApp } from "@server/app";
import { loadConfig } from "@server/config";
import { backgroundJobs } from "@server/db/schema";
import { JOB_NAMES, type JobDefinition, type JobName } from "@server/jobs/job-definition";
import { JobRunner } from "@server/jobs/job-runner";
import { eq, sql } from "drizzle-orm";

const app = await buildApp(loadConfig());
const isJobName = (name: string): name is JobName => (JOB_NAMES as readonly string[]).includes(name);
const definitionOf = (name: string): JobDefinition => {
  if (!isJobName(name)) throw new Error(`no such job: ${name}`);
  const definition = app.jobs.definitionOf(name);
  if (!definition) throw new Error(`job ${name} is not registered on this database`);
  return definition;
};
const runAlone = (definition: JobDefinition) =>
  new JobRunner(app.database, [definition], app.log)
    .runDue()
    .catch((error: unknown) => app.log.error({ err: error, job: definition.name }, "drill runner failed"));

const pause = process.env.DRILL_PAUSE;
if (pause) {
  const [name = "", nth = "1"] = pause.split(":");
  const definition = definitionOf(name);
  await app.jobs.stop();
  let checkpoints = 0;
  const paused: JobDefinition = {
    ...definition,
    run: (ctx) =>
      definition.run({
        ...ctx,
        async checkpoint(tx, progress) {
          await ctx.checkpoint(tx, progress);
          checkpoints += 1;
          if (checkpoints === Number(nth)) {
            console.log("drill: paused");
            await new Promise(() => undefined);
          }
        },
      }),
  };
  await app.database.db
    .update(backgroundJobs)
    .set({ runAfter: sql`now()` })
    .where(eq(backgroundJobs.name, definition.name));
  void runAlone(paused);
}
for (const name of (process.env.DRILL_JOBS ?? "").split(",").filter(Boolean))
  void runAlone(definitionOf(name));
console.log("drill process ready");
