-- A coarser funnel rollup (#18): lead_funnel_days summed over owners, per UTC day, team and source.
-- Readers who see every lead and neither filter nor group by owner read these rows (a year at 1M leads:
-- a few thousand instead of ~30k). Kept from lead_funnel_days by statement triggers, so whatever keeps
-- that table (the lead and deal triggers, lead_funnel_recount) keeps this one in the same transaction.
CREATE TABLE "lead_funnel_team_days" (
	"day" date NOT NULL,
	"team_id" uuid,
	"source" text NOT NULL,
	"n_mal" integer DEFAULT 0 NOT NULL,
	"n_mql" integer DEFAULT 0 NOT NULL,
	"n_sal" integer DEFAULT 0 NOT NULL,
	"n_sql" integer DEFAULT 0 NOT NULL,
	"n_converted" integer DEFAULT 0 NOT NULL,
	"n_won" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "lead_funnel_team_days_key" UNIQUE NULLS NOT DISTINCT("day","team_id","source")
);
--> statement-breakpoint
CREATE INDEX "lead_funnel_team_days_team_idx" ON "lead_funnel_team_days" USING btree ("team_id","day");
--> statement-breakpoint
-- The statement's change per (day, team, source), applied once per rollup row: new rows count +,
-- old rows -. One function for the three triggers (transition tables allow one event per trigger); each
-- branch names only the transition tables its event has.
CREATE FUNCTION lead_funnel_team_days_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO lead_funnel_team_days AS f (day, team_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won)
    SELECT day, team_id, source, sum(n_mal), sum(n_mql), sum(n_sal), sum(n_sql), sum(n_converted), sum(n_won)
      FROM (SELECT day, team_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won FROM lead_funnel_team_days_new) d (day, team_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won)
     GROUP BY 1, 2, 3
    HAVING (sum(n_mal), sum(n_mql), sum(n_sal), sum(n_sql), sum(n_converted), sum(n_won)) <> (0, 0, 0, 0, 0, 0)
    ON CONFLICT ON CONSTRAINT lead_funnel_team_days_key DO UPDATE SET
      n_mal = f.n_mal + excluded.n_mal, n_mql = f.n_mql + excluded.n_mql, n_sal = f.n_sal + excluded.n_sal,
      n_sql = f.n_sql + excluded.n_sql, n_converted = f.n_converted + excluded.n_converted,
      n_won = f.n_won + excluded.n_won;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO lead_funnel_team_days AS f (day, team_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won)
    SELECT day, team_id, source, sum(n_mal), sum(n_mql), sum(n_sal), sum(n_sql), sum(n_converted), sum(n_won)
      FROM (SELECT day, team_id, source, -n_mal, -n_mql, -n_sal, -n_sql, -n_converted, -n_won FROM lead_funnel_team_days_old) d (day, team_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won)
     GROUP BY 1, 2, 3
    HAVING (sum(n_mal), sum(n_mql), sum(n_sal), sum(n_sql), sum(n_converted), sum(n_won)) <> (0, 0, 0, 0, 0, 0)
    ON CONFLICT ON CONSTRAINT lead_funnel_team_days_key DO UPDATE SET
      n_mal = f.n_mal + excluded.n_mal, n_mql = f.n_mql + excluded.n_mql, n_sal = f.n_sal + excluded.n_sal,
      n_sql = f.n_sql + excluded.n_sql, n_converted = f.n_converted + excluded.n_converted,
      n_won = f.n_won + excluded.n_won;
  ELSE
    INSERT INTO lead_funnel_team_days AS f (day, team_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won)
    SELECT day, team_id, source, sum(n_mal), sum(n_mql), sum(n_sal), sum(n_sql), sum(n_converted), sum(n_won)
      FROM (SELECT day, team_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won FROM lead_funnel_team_days_new UNION ALL SELECT day, team_id, source, -n_mal, -n_mql, -n_sal, -n_sql, -n_converted, -n_won FROM lead_funnel_team_days_old) d (day, team_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won)
     GROUP BY 1, 2, 3
    HAVING (sum(n_mal), sum(n_mql), sum(n_sal), sum(n_sql), sum(n_converted), sum(n_won)) <> (0, 0, 0, 0, 0, 0)
    ON CONFLICT ON CONSTRAINT lead_funnel_team_days_key DO UPDATE SET
      n_mal = f.n_mal + excluded.n_mal, n_mql = f.n_mql + excluded.n_mql, n_sal = f.n_sal + excluded.n_sal,
      n_sql = f.n_sql + excluded.n_sql, n_converted = f.n_converted + excluded.n_converted,
      n_won = f.n_won + excluded.n_won;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lead_funnel_team_days_insert AFTER INSERT ON lead_funnel_days
  REFERENCING NEW TABLE AS lead_funnel_team_days_new
  FOR EACH STATEMENT EXECUTE FUNCTION lead_funnel_team_days_apply();
--> statement-breakpoint
CREATE TRIGGER lead_funnel_team_days_delete AFTER DELETE ON lead_funnel_days
  REFERENCING OLD TABLE AS lead_funnel_team_days_old
  FOR EACH STATEMENT EXECUTE FUNCTION lead_funnel_team_days_apply();
--> statement-breakpoint
CREATE TRIGGER lead_funnel_team_days_update AFTER UPDATE ON lead_funnel_days
  REFERENCING OLD TABLE AS lead_funnel_team_days_old NEW TABLE AS lead_funnel_team_days_new
  FOR EACH STATEMENT EXECUTE FUNCTION lead_funnel_team_days_apply();
--> statement-breakpoint
-- The backfill: one pass over lead_funnel_days.
INSERT INTO lead_funnel_team_days (day, team_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won)
SELECT day, team_id, source, sum(n_mal), sum(n_mql), sum(n_sal), sum(n_sql), sum(n_converted), sum(n_won)
  FROM lead_funnel_days GROUP BY 1, 2, 3;
