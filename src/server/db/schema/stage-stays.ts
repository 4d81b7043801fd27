/**
 * Time in stage, pre-aggregated (#18): per stage the median and 75th percentile of the finished stays
 * of live deals, recounted by the `stage-stay-stats` job (modules/reports/stage-stay-stats.job.ts), so
 * the pipeline report, the health flags, the dashboard and the board read a few rows instead of
 * sorting every stay on each request.
 */
import { doublePrecision, integer, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { stages } from "../schema";

export const stageStayStats = pgTable("stage_stay_stats", {
  stageId: uuid("stage_id")
    .primaryKey()
    .references(() => stages.id, { onDelete: "cascade" }),
  /** Finished stays counted (0: none yet; the figures are then null). */
  stays: integer("stays").notNull(),
  medianDays: doublePrecision("median_days"),
  p75Days: doublePrecision("p75_days"),
  /** When the job counted them: the figures are at most the job's interval plus one run behind. */
  computedAt: timestamp("computed_at", { withTimezone: true, mode: "date" }).notNull(),
});
