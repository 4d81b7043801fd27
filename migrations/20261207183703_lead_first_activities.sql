-- The dashboard's lead response time (#18: lead created → its first activity) kept per lead, by
-- triggers in the writing transaction, so every write path (API, import, merge, conversion, GDPR
-- erasure, a bulk load) keeps it right. At read time the median of a period was one probe of the
-- activities per lead of the period, three times over (27,944 buffers for a month at 100k leads);
-- now it reads the period's rows of this table, joined to leads_created_idx on (created_at, id).
CREATE TABLE "lead_first_activities" (
	"lead_id" uuid PRIMARY KEY NOT NULL,
	"lead_created_at" timestamp with time zone NOT NULL,
	"first_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lead_first_activities" ADD CONSTRAINT "lead_first_activities_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_first_activities_created_idx" ON "lead_first_activities" USING btree ("lead_created_at","lead_id","first_at");
--> statement-breakpoint
-- One function for the three statement triggers on activities: the leads whose first live activity
-- a statement may have changed are recounted from the activities. Exact under concurrent writers:
-- the function first locks the leads' rows (FOR NO KEY UPDATE, in id order; row locks, so a bulk
-- statement over many leads takes no shared lock-table slots), and the recount is a statement of its
-- own, whose snapshot (READ COMMITTED) sees every activity a writer that held the lock before committed.
CREATE FUNCTION lead_first_activities_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT lead_id) INTO ids FROM lead_first_activities_new
     WHERE lead_id IS NOT NULL AND deleted_at IS NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT lead_id) INTO ids FROM lead_first_activities_old
     WHERE lead_id IS NOT NULL AND deleted_at IS NULL;
  ELSE
    SELECT array_agg(DISTINCT s.lead_id) INTO ids
      FROM lead_first_activities_old o JOIN lead_first_activities_new nw ON nw.id = o.id,
           LATERAL (VALUES (o.lead_id), (nw.lead_id)) s (lead_id)
     WHERE s.lead_id IS NOT NULL
       AND (o.lead_id, o.deleted_at IS NULL, o.created_at)
           IS DISTINCT FROM (nw.lead_id, nw.deleted_at IS NULL, nw.created_at);
  END IF;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM leads WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
  -- Set-based, not a probe per lead: a bulk load inserts activities with their indexes dropped
  -- (seedBulkDeals), where a probe per lead would scan the activities once per lead.
  INSERT INTO lead_first_activities AS k (lead_id, lead_created_at, first_at)
  SELECT f.lead_id, l.created_at, f.first_at
    FROM (SELECT a.lead_id, min(a.created_at) AS first_at FROM activities a
           WHERE a.lead_id = ANY (ids) AND a.deleted_at IS NULL GROUP BY a.lead_id) f
    JOIN leads l ON l.id = f.lead_id
  ON CONFLICT (lead_id) DO UPDATE SET first_at = excluded.first_at, lead_created_at = excluded.lead_created_at
   WHERE (k.first_at, k.lead_created_at) IS DISTINCT FROM (excluded.first_at, excluded.lead_created_at);
  DELETE FROM lead_first_activities k
   WHERE k.lead_id = ANY (ids)
     AND k.lead_id NOT IN (SELECT a.lead_id FROM activities a
                            WHERE a.lead_id = ANY (ids) AND a.deleted_at IS NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lead_first_activities_insert AFTER INSERT ON activities
  REFERENCING NEW TABLE AS lead_first_activities_new
  FOR EACH STATEMENT EXECUTE FUNCTION lead_first_activities_apply();
--> statement-breakpoint
CREATE TRIGGER lead_first_activities_delete AFTER DELETE ON activities
  REFERENCING OLD TABLE AS lead_first_activities_old
  FOR EACH STATEMENT EXECUTE FUNCTION lead_first_activities_apply();
--> statement-breakpoint
CREATE TRIGGER lead_first_activities_update AFTER UPDATE ON activities
  REFERENCING OLD TABLE AS lead_first_activities_old NEW TABLE AS lead_first_activities_new
  FOR EACH STATEMENT EXECUTE FUNCTION lead_first_activities_apply();
--> statement-breakpoint
-- The lead's creation time is copied; no write path changes it, but one that did would be followed.
CREATE FUNCTION lead_first_activities_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE lead_first_activities SET lead_created_at = NEW.created_at WHERE lead_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER lead_first_activities_created AFTER UPDATE OF created_at ON leads FOR EACH ROW
  WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION lead_first_activities_created();
--> statement-breakpoint
-- The backfill: one pass over the live activities with a lead.
INSERT INTO lead_first_activities (lead_id, lead_created_at, first_at)
SELECT a.lead_id, l.created_at, min(a.created_at)
  FROM activities a JOIN leads l ON l.id = a.lead_id
 WHERE a.deleted_at IS NULL
 GROUP BY a.lead_id, l.created_at;
