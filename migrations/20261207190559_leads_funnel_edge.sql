-- The funnel's exact parts (#18: the split days at a period's edges, the medians of periods up to
-- EXACT_MEDIAN_LEADS, i.e. the dashboard's month) read the leads of a creation range from this index
-- alone instead of a heap page per lead. On a large database this takes a while (10 MB at 100k leads).
CREATE INDEX "leads_funnel_edge_idx" ON "leads" USING btree ("created_at","owner_id","team_id","source","mal_at","mql_at","sal_at","sql_at","converted_at","converted_deal_id") WHERE deleted_at is null;
