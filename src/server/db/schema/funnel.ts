/**
 * The funnel's pre-aggregated counts (#18): per UTC day of creation, team, owner and source, how many
 * live leads reached each step. Kept by triggers on leads and deals in the writing transaction (see
 * the migration lead_funnel_days and ARCHITECTURE.md "Reports at scale"), so every write path —
 * API, import, merge, GDPR erasure, a bulk load — keeps it right; the migration backfills it.
 */
import { date, index, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";

const count = (name: string) => integer(name).notNull().default(0);

export const leadFunnelDays = pgTable(
  "lead_funnel_days",
  {
    /** The UTC day of the leads' created_at; report periods in other zones read their edge hours exactly. */
    day: date("day").notNull(),
    teamId: uuid("team_id"),
    ownerId: uuid("owner_id"),
    source: text("source").notNull(),
    mal: count("n_mal"),
    mql: count("n_mql"),
    sal: count("n_sal"),
    sql: count("n_sql"),
    converted: count("n_converted"),
    won: count("n_won"),
  },
  (t) => [
    // The triggers' upsert target; also the manager's scan by day range.
    unique("lead_funnel_days_key").on(t.day, t.teamId, t.ownerId, t.source).nullsNotDistinct(),
    // The permission gate's dimensions: a salesperson's own rows, their team's rows.
    index("lead_funnel_days_owner_idx").on(t.ownerId, t.day),
    index("lead_funnel_days_team_idx").on(t.teamId, t.day),
    // A salesperson's own rows outside their team (funnel-report.service.ts aggregateParts): the
    // ranges team_id < T, > T and null of their owner_id, not all their rows filtered.
    index("lead_funnel_days_owner_team_idx").on(t.ownerId, t.teamId, t.day),
  ],
);

/**
 * lead_funnel_days without the owner: one row per UTC day, team and source, kept from lead_funnel_days
 * by statement triggers (migration lead_funnel_team_days). Readers who see every lead and filter or
 * group by no owner sum these rows: a year is a few thousand rows instead of one per owner as well.
 */
export const leadFunnelTeamDays = pgTable(
  "lead_funnel_team_days",
  {
    day: date("day").notNull(),
    teamId: uuid("team_id"),
    source: text("source").notNull(),
    mal: count("n_mal"),
    mql: count("n_mql"),
    sal: count("n_sal"),
    sql: count("n_sql"),
    converted: count("n_converted"),
    won: count("n_won"),
  },
  (t) => [
    // The triggers' upsert target and the scan by day range.
    unique("lead_funnel_team_days_key").on(t.day, t.teamId, t.source).nullsNotDistinct(),
    index("lead_funnel_team_days_team_idx").on(t.teamId, t.day),
  ],
);
