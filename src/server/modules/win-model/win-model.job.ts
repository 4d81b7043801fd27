import type { JobDefinition } from "@server/jobs/job-definition";
import { trainAndStoreWinModel, WIN_MODEL_JOB } from "./win-model.service";

/**
 * Nightly: trains the win model on the team's finished leads (modules/win-model). Daily, not at
 * start: a model a day old is as good as a fresh one (outcomes trickle in), and a restart should not
 * spend CPU on it. An admin may start it at once (POST /lead-win-model/train).
 */
export const winModelJob: JobDefinition = {
  name: WIN_MODEL_JOB,
  everyMs: 24 * 3_600_000,
  async run(ctx) {
    const result = await trainAndStoreWinModel(ctx.db, new Date());
    ctx.log.info({ state: result.state, examples: result.examples, auc: result.auc }, "win model trained");
  },
};
