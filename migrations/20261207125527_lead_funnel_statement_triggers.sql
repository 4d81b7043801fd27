-- The funnel's counts (lead_funnel_days, #18) kept per statement instead of per row. The row triggers
-- upserted one counter row per lead row; an INSERT (or UPDATE) of many leads that fall on the same
-- (day, team, owner, source) updated that one counter row once per lead within one transaction, each
-- update walking the ever longer version chain of the row before it: quadratic, a single INSERT of
-- 100,000 leads did not end in 20 minutes (BENCHMARKS.md). These triggers read the statement's
-- transition tables and write each counter row once, with the statement's summed change. A lead
-- counts as before (lead_funnel_recount, src/domain/reports/funnel.ts stepTimes): MAL always, a step
-- when its stamp or a later one is set, won when the deal it was converted into is won and live.
-- Transition tables allow one event per trigger, hence three triggers (bulk loads that skip the insert
-- trigger for speed disable lead_funnel_insert and call lead_funnel_recount() after the load).
DROP TRIGGER lead_funnel_insert_delete ON leads;
--> statement-breakpoint
DROP TRIGGER lead_funnel_update ON leads;
--> statement-breakpoint
CREATE FUNCTION lead_funnel_on_lead_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lead_funnel_days AS f (day, team_id, owner_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won)
  SELECT (l.created_at AT TIME ZONE 'UTC')::date, l.team_id, l.owner_id, l.source, count(*),
         count(coalesce(l.mql_at, l.sal_at, l.sql_at, l.converted_at, w.closed_at)),
         count(coalesce(l.sal_at, l.sql_at, l.converted_at, w.closed_at)),
         count(coalesce(l.sql_at, l.converted_at, w.closed_at)),
         count(coalesce(l.converted_at, w.closed_at)),
         count(w.closed_at)
    FROM lead_funnel_new l
    LEFT JOIN deals w ON w.id = l.converted_deal_id AND w.status = 'won' AND w.deleted_at IS NULL
   WHERE l.deleted_at IS NULL
   GROUP BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT lead_funnel_days_key DO UPDATE SET
    n_mal = f.n_mal + excluded.n_mal, n_mql = f.n_mql + excluded.n_mql, n_sal = f.n_sal + excluded.n_sal,
    n_sql = f.n_sql + excluded.n_sql, n_converted = f.n_converted + excluded.n_converted,
    n_won = f.n_won + excluded.n_won;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION lead_funnel_on_lead_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Rows of the key always exist (the insert counted the lead), so this only subtracts.
  INSERT INTO lead_funnel_days AS f (day, team_id, owner_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won)
  SELECT (l.created_at AT TIME ZONE 'UTC')::date, l.team_id, l.owner_id, l.source, -count(*),
         -count(coalesce(l.mql_at, l.sal_at, l.sql_at, l.converted_at, w.closed_at)),
         -count(coalesce(l.sal_at, l.sql_at, l.converted_at, w.closed_at)),
         -count(coalesce(l.sql_at, l.converted_at, w.closed_at)),
         -count(coalesce(l.converted_at, w.closed_at)),
         -count(w.closed_at)
    FROM lead_funnel_old l
    LEFT JOIN deals w ON w.id = l.converted_deal_id AND w.status = 'won' AND w.deleted_at IS NULL
   WHERE l.deleted_at IS NULL
   GROUP BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT lead_funnel_days_key DO UPDATE SET
    n_mal = f.n_mal + excluded.n_mal, n_mql = f.n_mql + excluded.n_mql, n_sal = f.n_sal + excluded.n_sal,
    n_sql = f.n_sql + excluded.n_sql, n_converted = f.n_converted + excluded.n_converted,
    n_won = f.n_won + excluded.n_won;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- An update moves a lead's contribution only when a column the count reads changed (the row trigger's
-- WHEN, now a filter over the transition tables: a statement trigger cannot have one on its rows).
CREATE FUNCTION lead_funnel_on_lead_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lead_funnel_days AS f (day, team_id, owner_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won)
  SELECT (l.created_at AT TIME ZONE 'UTC')::date, l.team_id, l.owner_id, l.source, sum(l.sign),
         coalesce(sum(l.sign) FILTER (WHERE coalesce(l.mql_at, l.sal_at, l.sql_at, l.converted_at, w.closed_at) IS NOT NULL), 0),
         coalesce(sum(l.sign) FILTER (WHERE coalesce(l.sal_at, l.sql_at, l.converted_at, w.closed_at) IS NOT NULL), 0),
         coalesce(sum(l.sign) FILTER (WHERE coalesce(l.sql_at, l.converted_at, w.closed_at) IS NOT NULL), 0),
         coalesce(sum(l.sign) FILTER (WHERE coalesce(l.converted_at, w.closed_at) IS NOT NULL), 0),
         coalesce(sum(l.sign) FILTER (WHERE w.closed_at IS NOT NULL), 0)
    FROM (
      SELECT s.* FROM lead_funnel_old o JOIN lead_funnel_new n ON n.id = o.id,
        LATERAL (VALUES
          (-1, o.created_at, o.team_id, o.owner_id, o.source, o.deleted_at, o.mql_at, o.sal_at, o.sql_at,
           o.converted_at, o.converted_deal_id),
          (1, n.created_at, n.team_id, n.owner_id, n.source, n.deleted_at, n.mql_at, n.sal_at, n.sql_at,
           n.converted_at, n.converted_deal_id)
        ) s (sign, created_at, team_id, owner_id, source, deleted_at, mql_at, sal_at, sql_at, converted_at,
             converted_deal_id)
       WHERE (o.created_at, o.team_id, o.owner_id, o.source, o.deleted_at, o.mal_at, o.mql_at, o.sal_at,
              o.sql_at, o.converted_at, o.converted_deal_id)
             IS DISTINCT FROM
             (n.created_at, n.team_id, n.owner_id, n.source, n.deleted_at, n.mal_at, n.mql_at, n.sal_at,
              n.sql_at, n.converted_at, n.converted_deal_id)
    ) l
    LEFT JOIN deals w ON w.id = l.converted_deal_id AND w.status = 'won' AND w.deleted_at IS NULL
   WHERE l.deleted_at IS NULL
   GROUP BY 1, 2, 3, 4
  ON CONFLICT ON CONSTRAINT lead_funnel_days_key DO UPDATE SET
    n_mal = f.n_mal + excluded.n_mal, n_mql = f.n_mql + excluded.n_mql, n_sal = f.n_sal + excluded.n_sal,
    n_sql = f.n_sql + excluded.n_sql, n_converted = f.n_converted + excluded.n_converted,
    n_won = f.n_won + excluded.n_won;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lead_funnel_insert AFTER INSERT ON leads REFERENCING NEW TABLE AS lead_funnel_new
  FOR EACH STATEMENT EXECUTE FUNCTION lead_funnel_on_lead_insert();
--> statement-breakpoint
CREATE TRIGGER lead_funnel_delete AFTER DELETE ON leads REFERENCING OLD TABLE AS lead_funnel_old
  FOR EACH STATEMENT EXECUTE FUNCTION lead_funnel_on_lead_delete();
--> statement-breakpoint
CREATE TRIGGER lead_funnel_update AFTER UPDATE ON leads
  REFERENCING OLD TABLE AS lead_funnel_old NEW TABLE AS lead_funnel_new
  FOR EACH STATEMENT EXECUTE FUNCTION lead_funnel_on_lead_update();
--> statement-breakpoint
DROP FUNCTION lead_funnel_on_lead();
