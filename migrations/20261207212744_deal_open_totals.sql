-- The open deals summed per owner, team, pipeline, stage, currency, own probability and month of
-- expected close (#18), kept by statement triggers on deals in the writing transaction, so every write
-- path (API, board move, import, conversion, merge, GDPR erasure, a bulk load) keeps it right. Pipeline
-- by stage, the forecast buckets and the leaderboard's open part then read a few hundred rows instead
-- of every open deal (at 1M leads, ~80k open deals: 160-320 ms of database CPU per manager report).
-- NULLS NOT DISTINCT: a deal without owner, team, own probability or expected close has one key too.
CREATE TABLE "deal_open_totals" (
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"owner_id" uuid,
	"team_id" uuid,
	"currency" text NOT NULL,
	"probability" integer,
	"close_month" date,
	"deals" integer NOT NULL,
	"with_amount" integer NOT NULL,
	"amount_sum" numeric NOT NULL,
	CONSTRAINT "deal_open_totals_key" UNIQUE NULLS NOT DISTINCT("stage_id","owner_id","team_id","currency","probability","close_month","pipeline_id")
);
--> statement-breakpoint
-- Adds a statement's signed rows (one per deal that became (+1) or stopped being (-1) a live open deal
-- of its key: deals ±1, with_amount ±1 or 0, amount_sum ±amount) to the kept rows: summed per key, then
-- upserted in key order, so two writers touching the same keys wait for each other in one order, never
-- in a cycle. Additive deltas under the row lock of ON CONFLICT DO UPDATE are exact under concurrent
-- writers: the second waits for the first's row and adds to the committed sum (a row the first
-- removed is inserted anew). A key whose count reaches 0 is removed.
CREATE FUNCTION deal_open_totals_add(signed deal_open_totals[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  emptied tid[];
BEGIN
  WITH summed AS (
    SELECT pipeline_id, stage_id, owner_id, team_id, currency, probability, close_month,
           sum(deals)::int AS deals, sum(with_amount)::int AS with_amount, sum(amount_sum) AS amount_sum
      FROM unnest(signed)
     GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(deals) <> 0 OR sum(with_amount) <> 0 OR sum(amount_sum) <> 0
  ), up AS (
    INSERT INTO deal_open_totals AS t
    SELECT * FROM summed ORDER BY stage_id, owner_id, team_id, currency, probability, close_month, pipeline_id
    ON CONFLICT ON CONSTRAINT deal_open_totals_key DO UPDATE
      SET deals = t.deals + excluded.deals, with_amount = t.with_amount + excluded.with_amount,
          amount_sum = t.amount_sum + excluded.amount_sum
    RETURNING t.ctid AS row_id, t.deals)
  SELECT array_agg(row_id) INTO emptied FROM up WHERE deals <= 0;
  IF emptied IS NOT NULL THEN
    DELETE FROM deal_open_totals WHERE ctid = ANY (emptied) AND deals <= 0;
  END IF;
END $$;
--> statement-breakpoint
-- One function for the three statement triggers (transition tables allow one event per trigger; each
-- branch names only the tables its event has). An UPDATE counts only the rows whose summed columns
-- changed: a move within a column, a title or position edit leave the totals alone.
CREATE FUNCTION deal_open_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  signed deal_open_totals[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(row(pipeline_id, stage_id, owner_id, team_id, currency, probability,
                         date_trunc('month', expected_close_date)::date, 1, (amount IS NOT NULL)::int,
                         coalesce(amount, 0))::deal_open_totals)
      INTO signed FROM deal_open_totals_new WHERE status = 'open' AND deleted_at IS NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(row(pipeline_id, stage_id, owner_id, team_id, currency, probability,
                         date_trunc('month', expected_close_date)::date, -1, -(amount IS NOT NULL)::int,
                         -coalesce(amount, 0))::deal_open_totals)
      INTO signed FROM deal_open_totals_old WHERE status = 'open' AND deleted_at IS NULL;
  ELSE
    SELECT array_agg(s.r) INTO signed
      FROM deal_open_totals_old o JOIN deal_open_totals_new n ON n.id = o.id,
           LATERAL (VALUES
             (o.status = 'open' AND o.deleted_at IS NULL,
              row(o.pipeline_id, o.stage_id, o.owner_id, o.team_id, o.currency, o.probability,
                  date_trunc('month', o.expected_close_date)::date, -1, -(o.amount IS NOT NULL)::int,
                  -coalesce(o.amount, 0))::deal_open_totals),
             (n.status = 'open' AND n.deleted_at IS NULL,
              row(n.pipeline_id, n.stage_id, n.owner_id, n.team_id, n.currency, n.probability,
                  date_trunc('month', n.expected_close_date)::date, 1, (n.amount IS NOT NULL)::int,
                  coalesce(n.amount, 0))::deal_open_totals)) s (counts, r)
     WHERE s.counts
       AND (o.status, o.deleted_at IS NULL, o.pipeline_id, o.stage_id, o.owner_id, o.team_id, o.currency,
            o.probability, date_trunc('month', o.expected_close_date), o.amount)
           IS DISTINCT FROM
           (n.status, n.deleted_at IS NULL, n.pipeline_id, n.stage_id, n.owner_id, n.team_id, n.currency,
            n.probability, date_trunc('month', n.expected_close_date), n.amount);
  END IF;
  IF signed IS NOT NULL THEN
    PERFORM deal_open_totals_add(signed);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER deal_open_totals_insert AFTER INSERT ON deals
  REFERENCING NEW TABLE AS deal_open_totals_new
  FOR EACH STATEMENT EXECUTE FUNCTION deal_open_totals_apply();
--> statement-breakpoint
CREATE TRIGGER deal_open_totals_delete AFTER DELETE ON deals
  REFERENCING OLD TABLE AS deal_open_totals_old
  FOR EACH STATEMENT EXECUTE FUNCTION deal_open_totals_apply();
--> statement-breakpoint
CREATE TRIGGER deal_open_totals_update AFTER UPDATE ON deals
  REFERENCING OLD TABLE AS deal_open_totals_old NEW TABLE AS deal_open_totals_new
  FOR EACH STATEMENT EXECUTE FUNCTION deal_open_totals_apply();
--> statement-breakpoint
-- The backfill: one pass over the open deals (deals_open_report_idx).
INSERT INTO deal_open_totals (pipeline_id, stage_id, owner_id, team_id, currency, probability, close_month,
                              deals, with_amount, amount_sum)
SELECT pipeline_id, stage_id, owner_id, team_id, currency, probability,
       date_trunc('month', expected_close_date)::date, count(*), count(amount), coalesce(sum(amount), 0)
  FROM deals
 WHERE status = 'open' AND deleted_at IS NULL
 GROUP BY 1, 2, 3, 4, 5, 6, 7;
