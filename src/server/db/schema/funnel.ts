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
  ],
);
