-- Two figures of the reports (#18) kept in advance, by triggers in the writing transaction, so every
-- write path (API, import, merge, conversion, GDPR erasure, a bulk load) keeps them right.
--
-- 1. deal_open_activities: how many open activities (live, not done) each deal has; no row when none.
--    Pipeline health's "no next activity" for a reader who sees every activity probes this small table
--    instead of hashing every open activity of the database (299k buffers at 2M activities).
CREATE TABLE "deal_open_activities" (
	"deal_id" uuid PRIMARY KEY NOT NULL,
	"open_count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deal_open_activities" ADD CONSTRAINT "deal_open_activities_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- One function for the three statement triggers (transition tables allow one event per trigger): the
-- statement's change per deal (+1 for a row that became an open activity of the deal, -1 for one that
-- stopped being one), applied once per deal; rows that reach 0 are removed.
CREATE FUNCTION deal_open_activities_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  deltas int[];
  emptied uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(deal_id), array_agg(n) INTO ids, deltas FROM (
      SELECT deal_id, count(*)::int AS n FROM deal_open_activities_new
       WHERE deal_id IS NOT NULL AND deleted_at IS NULL AND NOT done GROUP BY deal_id) s;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(deal_id), array_agg(n) INTO ids, deltas FROM (
      SELECT deal_id, -count(*)::int AS n FROM deal_open_activities_old
       WHERE deal_id IS NOT NULL AND deleted_at IS NULL AND NOT done GROUP BY deal_id) s;
  ELSE
    SELECT array_agg(deal_id), array_agg(n) INTO ids, deltas FROM (
      SELECT s.deal_id, sum(s.sign)::int AS n
        FROM deal_open_activities_old o JOIN deal_open_activities_new nw ON nw.id = o.id,
        LATERAL (VALUES (-1, o.deal_id, o.deleted_at IS NULL AND NOT o.done),
                        (1, nw.deal_id, nw.deleted_at IS NULL AND NOT nw.done)) s (sign, deal_id, open)
       WHERE s.open AND s.deal_id IS NOT NULL
         AND (o.deal_id, o.deleted_at IS NULL, o.done) IS DISTINCT FROM (nw.deal_id, nw.deleted_at IS NULL, nw.done)
       GROUP BY s.deal_id HAVING sum(s.sign) <> 0) s;
  END IF;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  WITH up AS (
    INSERT INTO deal_open_activities AS c (deal_id, open_count)
    SELECT * FROM unnest(ids, deltas)
    ON CONFLICT (deal_id) DO UPDATE SET open_count = c.open_count + excluded.open_count
    RETURNING c.deal_id, c.open_count)
  SELECT array_agg(deal_id) INTO emptied FROM up WHERE open_count <= 0;
  IF emptied IS NOT NULL THEN
    DELETE FROM deal_open_activities WHERE deal_id = ANY (emptied) AND open_count <= 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER deal_open_activities_insert AFTER INSERT ON activities
  REFERENCING NEW TABLE AS deal_open_activities_new
  FOR EACH STATEMENT EXECUTE FUNCTION deal_open_activities_apply();
--> statement-breakpoint
CREATE TRIGGER deal_open_activities_delete AFTER DELETE ON activities
  REFERENCING OLD TABLE AS deal_open_activities_old
  FOR EACH STATEMENT EXECUTE FUNCTION deal_open_activities_apply();
--> statement-breakpoint
CREATE TRIGGER deal_open_activities_update AFTER UPDATE ON activities
  REFERENCING OLD TABLE AS deal_open_activities_old NEW TABLE AS deal_open_activities_new
  FOR EACH STATEMENT EXECUTE FUNCTION deal_open_activities_apply();
--> statement-breakpoint
-- The backfill reads activities_deal_open_idx (the open activities only).
INSERT INTO deal_open_activities (deal_id, open_count)
SELECT deal_id, count(*) FROM activities
 WHERE deal_id IS NOT NULL AND deleted_at IS NULL AND done = false
 GROUP BY deal_id;
--> statement-breakpoint
-- 2. deals.lead_source: the source of the live lead a deal came from (null: no lead, or the lead is
--    deleted — as the lead gate of a reader who sees every lead leaves it). "Won revenue by source"
--    then reads deals_closed_report_idx alone instead of probing the lead of every won deal.
DROP INDEX "deals_closed_report_idx";--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "lead_source" text;--> statement-breakpoint
-- The backfill sets a derived column only: the deals' own triggers (change feed, funnel) stay out of
-- it, so sync clients see no 200k changed deals. One join, with deals_closed_report_idx dropped above.
ALTER TABLE deals DISABLE TRIGGER USER;
--> statement-breakpoint
UPDATE deals d SET lead_source = l.source
  FROM leads l
 WHERE l.id = d.source_lead_id AND l.deleted_at IS NULL AND l.source IS NOT NULL;
--> statement-breakpoint
ALTER TABLE deals ENABLE TRIGGER USER;
--> statement-breakpoint
CREATE INDEX "deals_closed_report_idx" ON "deals" USING btree ("status","closed_at","owner_id","team_id","pipeline_id","currency","amount","created_at","source_lead_id","lead_source") WHERE deleted_at is null;
--> statement-breakpoint
-- A deal takes the source when it is written with (or re-pointed to) a lead; a write of lead_source
-- itself is recomputed too, so the column never holds anything but the lead's live source.
CREATE FUNCTION deal_lead_source_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.lead_source := (SELECT source FROM leads WHERE id = NEW.source_lead_id AND deleted_at IS NULL);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER deal_lead_source_fill BEFORE INSERT OR UPDATE OF source_lead_id, lead_source ON deals
  FOR EACH ROW EXECUTE FUNCTION deal_lead_source_fill();
--> statement-breakpoint
-- A lead whose source changes, or that is deleted or restored, passes it on to its deals. A row trigger
-- with WHEN: only those rare rows run it (a statement trigger would join every UPDATE's transition tables).
CREATE FUNCTION lead_source_to_deals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Any write of lead_source makes deal_lead_source_fill read the lead again (now in its new state).
  UPDATE deals SET lead_source = NULL WHERE source_lead_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lead_source_to_deals AFTER UPDATE OF source, deleted_at ON leads FOR EACH ROW
  WHEN (OLD.source IS DISTINCT FROM NEW.source OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
  EXECUTE FUNCTION lead_source_to_deals();
