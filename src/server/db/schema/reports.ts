/**
 * Tables of the numbers (#18): the nightly forecast snapshot of every open deal, so the pipeline
 * "as of a date", the change since last week and forecast accuracy can be read back later.
 */
import { sql } from "drizzle-orm";
import {
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { deals, leads, pipelines, stages, teams, users } from "../schema";

export const forecastSnapshots = pgTable(
  "forecast_snapshots",
  {
    /** The day (UTC) the snapshot describes; one row per open deal and day. */
    takenOn: date("taken_on").notNull(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    pipelineId: uuid("pipeline_id")
      .notNull()
      .references(() => pipelines.id),
    stageId: uuid("stage_id")
      .notNull()
      .references(() => stages.id),
    amount: numeric("amount", { precision: 14, scale: 2 }),
    currency: text("currency").notNull(),
    /** The effective probability that day (override, else the stage's). */
    probability: integer("probability").notNull(),
    expectedCloseDate: date("expected_close_date"),
    ownerId: uuid("owner_id").references(() => users.id),
    teamId: uuid("team_id").references(() => teams.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.takenOn, t.dealId] }),
    index("forecast_snapshots_deal_idx").on(t.dealId, t.takenOn),
    index("forecast_snapshots_close_idx")
      .on(t.takenOn, t.expectedCloseDate)
      .where(sql`expected_close_date is not null`),
  ],
);

/**
 * How many open activities (live, not done) each deal has, kept by statement triggers on activities
 * (migration deal_open_activities): pipeline health's "no next activity" for a reader who sees every
 * activity is then one row per deal with any, instead of hashing every open activity (#18). A deal
 * without open activities has no row.
 */
export const dealOpenActivities = pgTable("deal_open_activities", {
  dealId: uuid("deal_id")
    .primaryKey()
    .references(() => deals.id, { onDelete: "cascade" }),
  openCount: integer("open_count").notNull(),
});

/**
 * Each lead's first live activity (the dashboard's lead response time, #18), kept by statement
 * triggers on activities (migration lead_first_activities): the earliest `created_at` of the live
 * activities whose `lead_id` is the lead; no row when it has none. The lead's own creation time rides
 * along, immutable, so the median of a period reads a range of this table's index joined to
 * leads_created_idx on (created_at, id), instead of probing the activities of every lead of the period.
 */
export const leadFirstActivities = pgTable(
  "lead_first_activities",
  {
    leadId: uuid("lead_id")
      .primaryKey()
      .references(() => leads.id, { onDelete: "cascade" }),
    leadCreatedAt: timestamp("lead_created_at", { withTimezone: true, mode: "date" }).notNull(),
    firstAt: timestamp("first_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("lead_first_activities_created_idx").on(t.leadCreatedAt, t.leadId, t.firstAt)],
);

/**
 * The open deals summed per owner, team, stage, currency, own probability and month of expected close,
 * kept by statement triggers on deals (migration deal_open_totals): pipeline by stage, the forecast's
 * buckets and the leaderboard's open part read a few hundred of these rows instead of every open deal
 * (#18). Only live open deals count; a key whose last deal leaves has no row. The reader's gate applies
 * to owner_id and team_id as on the deals (permission-gate.ts visibleKeptWhere). The weighted sum is
 * `amount_sum × coalesce(probability, the stage's probability)`, read with the stage's probability of
 * the moment, so a changed stage probability needs no rewrite here.
 */
export const dealOpenTotals = pgTable(
  "deal_open_totals",
  {
    pipelineId: uuid("pipeline_id").notNull(),
    stageId: uuid("stage_id").notNull(),
    ownerId: uuid("owner_id"),
    teamId: uuid("team_id"),
    currency: text("currency").notNull(),
    /** The deals' own probability; null: the stage's applies. */
    probability: integer("probability"),
    /** The first day of the expected close's month; null: no expected close. */
    closeMonth: date("close_month"),
    deals: integer("deals").notNull(),
    /** How many of them have an amount. */
    withAmount: integer("with_amount").notNull(),
    amountSum: numeric("amount_sum").notNull(),
  },
  (t) => [
    unique("deal_open_totals_key")
      .on(t.stageId, t.ownerId, t.teamId, t.currency, t.probability, t.closeMonth, t.pipelineId)
      .nullsNotDistinct(),
  ],
);
