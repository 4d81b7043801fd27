CREATE TABLE "lead_funnel_days" (
	"day" date NOT NULL,
	"team_id" uuid,
	"owner_id" uuid,
	"source" text NOT NULL,
	"n_mal" integer DEFAULT 0 NOT NULL,
	"n_mql" integer DEFAULT 0 NOT NULL,
	"n_sal" integer DEFAULT 0 NOT NULL,
	"n_sql" integer DEFAULT 0 NOT NULL,
	"n_converted" integer DEFAULT 0 NOT NULL,
	"n_won" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "lead_funnel_days_key" UNIQUE NULLS NOT DISTINCT("day","team_id","owner_id","source")
);
--> statement-breakpoint
CREATE INDEX "lead_funnel_days_owner_idx" ON "lead_funnel_days" USING btree ("owner_id","day");--> statement-breakpoint
CREATE INDEX "lead_funnel_days_team_idx" ON "lead_funnel_days" USING btree ("team_id","day");--> statement-breakpoint
CREATE INDEX "leads_converted_deal_idx" ON "leads" USING btree ("converted_deal_id") WHERE converted_deal_id is not null;--> statement-breakpoint
CREATE INDEX "leads_funnel_sample_idx" ON "leads" USING btree ("created_at","owner_id","team_id","source","mal_at","mql_at","sal_at","sql_at","converted_at","converted_deal_id") WHERE deleted_at is null and right(id::text, 1) = '0';--> statement-breakpoint
-- The funnel's counts (#18) kept in the writing transaction by triggers, so that every path that
-- writes leads or closes deals (API, import, merge, erasure, bulk load) keeps them right. A lead
-- counts in every step it reached (src/domain/reports/funnel.ts stepTimes): MAL always, a step when
-- its stamp or a later one is set, won when the deal it was converted into is won and live.
-- lead_funnel_add(l, won_at, sign) adds (+1) or removes (-1) one live lead's contribution.
CREATE FUNCTION lead_funnel_add(l leads, won_at timestamptz, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  converted boolean := coalesce(l.converted_at, won_at) IS NOT NULL;
  reached_sql boolean := l.sql_at IS NOT NULL OR converted;
  reached_sal boolean := l.sal_at IS NOT NULL OR reached_sql;
  reached_mql boolean := l.mql_at IS NOT NULL OR reached_sal;
BEGIN
  IF l.deleted_at IS NOT NULL THEN
    RETURN;
  END IF;
  INSERT INTO lead_funnel_days AS f (day, team_id, owner_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won)
  VALUES ((l.created_at AT TIME ZONE 'UTC')::date, l.team_id, l.owner_id, l.source, sign,
          sign * reached_mql::int, sign * reached_sal::int, sign * reached_sql::int,
          sign * converted::int, sign * (won_at IS NOT NULL)::int)
  ON CONFLICT ON CONSTRAINT lead_funnel_days_key DO UPDATE SET
    n_mal = f.n_mal + excluded.n_mal, n_mql = f.n_mql + excluded.n_mql, n_sal = f.n_sal + excluded.n_sal,
    n_sql = f.n_sql + excluded.n_sql, n_converted = f.n_converted + excluded.n_converted,
    n_won = f.n_won + excluded.n_won;
END $$;
--> statement-breakpoint
-- When the deal a lead was converted into was won (null: not won, deleted or none).
CREATE FUNCTION lead_funnel_won_at(deal_id uuid) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT closed_at FROM deals WHERE id = deal_id AND status = 'won' AND deleted_at IS NULL
$$;
--> statement-breakpoint
CREATE FUNCTION lead_funnel_on_lead() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM lead_funnel_add(OLD, lead_funnel_won_at(OLD.converted_deal_id), -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM lead_funnel_add(NEW, lead_funnel_won_at(NEW.converted_deal_id), 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lead_funnel_insert_delete AFTER INSERT OR DELETE ON leads
  FOR EACH ROW EXECUTE FUNCTION lead_funnel_on_lead();
--> statement-breakpoint
CREATE TRIGGER lead_funnel_update AFTER UPDATE ON leads FOR EACH ROW
  WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.team_id IS DISTINCT FROM NEW.team_id
     OR OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.source IS DISTINCT FROM NEW.source
     OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.mal_at IS DISTINCT FROM NEW.mal_at
     OR OLD.mql_at IS DISTINCT FROM NEW.mql_at OR OLD.sal_at IS DISTINCT FROM NEW.sal_at
     OR OLD.sql_at IS DISTINCT FROM NEW.sql_at OR OLD.converted_at IS DISTINCT FROM NEW.converted_at
     OR OLD.converted_deal_id IS DISTINCT FROM NEW.converted_deal_id)
  EXECUTE FUNCTION lead_funnel_on_lead();
--> statement-breakpoint
-- A deal won, reopened, lost, deleted or restored changes the won step of the leads converted into it.
CREATE FUNCTION lead_funnel_on_deal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was timestamptz := CASE WHEN OLD.status = 'won' AND OLD.deleted_at IS NULL THEN OLD.closed_at END;
  now_won timestamptz := CASE WHEN TG_OP = 'UPDATE' AND NEW.status = 'won' AND NEW.deleted_at IS NULL THEN NEW.closed_at END;
  l leads;
BEGIN
  IF was IS NOT DISTINCT FROM now_won THEN
    RETURN NULL;
  END IF;
  FOR l IN SELECT * FROM leads WHERE converted_deal_id = OLD.id LOOP
    PERFORM lead_funnel_add(l, was, -1);
    PERFORM lead_funnel_add(l, now_won, 1);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lead_funnel_deal_update AFTER UPDATE ON deals FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.closed_at IS DISTINCT FROM NEW.closed_at
     OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION lead_funnel_on_deal();
--> statement-breakpoint
CREATE TRIGGER lead_funnel_deal_delete AFTER DELETE ON deals
  FOR EACH ROW EXECUTE FUNCTION lead_funnel_on_deal();
--> statement-breakpoint
-- Counts everything again from the leads (the backfill below; bulk loads that disable the lead
-- triggers for speed call it after the load, in their transaction).
CREATE FUNCTION lead_funnel_recount() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lead_funnel_days;
  INSERT INTO lead_funnel_days (day, team_id, owner_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won)
  SELECT (l.created_at AT TIME ZONE 'UTC')::date, l.team_id, l.owner_id, l.source, count(*),
         count(coalesce(l.mql_at, l.sal_at, l.sql_at, l.converted_at, w.closed_at)),
         count(coalesce(l.sal_at, l.sql_at, l.converted_at, w.closed_at)),
         count(coalesce(l.sql_at, l.converted_at, w.closed_at)),
         count(coalesce(l.converted_at, w.closed_at)),
         count(w.closed_at)
    FROM leads l
    LEFT JOIN deals w ON w.id = l.converted_deal_id AND w.status = 'won' AND w.deleted_at IS NULL
   WHERE l.deleted_at IS NULL
   GROUP BY 1, 2, 3, 4;
END $$;
--> statement-breakpoint
SELECT lead_funnel_recount();
