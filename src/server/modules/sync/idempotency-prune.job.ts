import type { JobDefinition } from "@server/jobs/job-definition";
import { pruneIdempotencyKeys } from "@server/plugins/idempotency";

/** Hourly: forgets Idempotency-Keys past their 24 hours, so the table holds one day of keyed POSTs. */
export const idempotencyPruneJob: JobDefinition = {
  name: "idempotency-prune",
  everyMs: 3_600_000,
  keepMs: 24 * 3_600_000,
  async run(ctx) {
    const pruned = await pruneIdempotencyKeys(ctx.db);
    if (pruned > 0) ctx.log.info({ pruned }, "expired idempotency keys pruned");
  },
};
