/**
 * Time in stage, pre-aggregated (#18): per stage the median and 75th percentile of the finished stays
 * of live deals, recounted by the `stage-stay-stats` job (modules/reports/stage-stay-stats.job.ts), so
 * the pipeline report, the health flags, the dashboard and the board read a few rows instead of
 * sorting every stay on each request.
 */
import { doublePrecision, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
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

/**
 * The same figures per owner and per team (`scope` "owner" | "team", `scope_id` the user or team),
 * counted by the same job run: a salesperson's figures rest on their own or their team's deals only
 * (the permission gate), which the all-deals row cannot answer. A stage with a stage_stay_stats row but
 * no row here for a scope has no finished stays in that scope.
 */
export const stageStayScopeStats = pgTable(
  "stage_stay_scope_stats",
  {
    stageId: uuid("stage_id")
      .notNull()
      .references(() => stages.id, { onDelete: "cascade" }),
    scope: text("scope", { enum: ["owner", "team"] }).notNull(),
    scopeId: uuid("scope_id").notNull(),
    stays: integer("stays").notNull(),
    medianDays: doublePrecision("median_days"),
    p75Days: doublePrecision("p75_days"),
    computedAt: timestamp("computed_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.scopeId, t.stageId] })],
);
