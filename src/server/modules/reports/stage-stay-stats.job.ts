import type { JobDefinition } from "@server/jobs/job-definition";
import { recountStageStays } from "./stage-stay-stats.repository";

/** How often the stage stays are counted again: the figures are at most this plus one run behind. */
export const STAGE_STAYS_EVERY_MS = 5 * 60_000;

/**
 * Recounts every stage's median and p75 stay into stage_stay_stats (#18). A job rather than triggers
 * on the stage history: a percentile cannot be updated from one stay (it needs all of a stage's stays
 * sorted), and the figures are norms — "stuck" is more than 1.5 × the usual stay, measured in days —
 * which minutes of staleness do not change. One run sorts every finished stay once (about a second at
 * 600k stays), instead of each report request doing so. Not at start: the table outlives processes,
 * and until the first run (a new installation) the readers count live.
 */
export function stageStayStatsJob(): JobDefinition {
  return {
    name: "stage-stay-stats",
    everyMs: STAGE_STAYS_EVERY_MS,
    keepMs: 24 * 3_600_000,
    async run(ctx) {
      await recountStageStays(ctx.db, new Date());
    },
  };
}
