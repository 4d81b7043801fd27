import type { JobDefinition } from "@server/jobs/job-definition";
import { proposeRetention, purgeApproved } from "./retention.service";

/**
 * Daily: first anonymises what an admin approved, then proposes what the active retention rules find
 * now (for the admin to review in Settings → Data protection). Nothing is purged without a review.
 */
export const gdprRetentionJob: JobDefinition = {
  name: "gdpr-retention",
  everyMs: 24 * 3_600_000,
  async run(ctx) {
    let purged = 0;
    for (
      let batch = await purgeApproved(ctx.db);
      batch > 0 && !ctx.signal.aborted;
      batch = await purgeApproved(ctx.db)
    )
      purged += batch;
    const proposed = ctx.signal.aborted ? 0 : await proposeRetention(ctx.db);
    if (purged + proposed > 0) ctx.log.info({ purged, proposed }, "retention rules applied");
  },
};
