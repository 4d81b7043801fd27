-- The change feed's capture (issue #22) runs once per statement instead of once per row: a batch
-- upsert of 1,000 leads, an import batch or a bulk reassignment used to call the PL/pgSQL function a
-- thousand times (0.44 ms per row at load); now one INSERT … SELECT reads the statement's transition
-- tables. PostgreSQL allows transition tables only on single-event triggers, hence three per table.
-- Rows are read through to_jsonb so that one function serves tables with and without owner, team or
-- merged_into_id columns, as the per-row function did.
DROP TRIGGER leads_record_changes ON leads;
--> statement-breakpoint
DROP TRIGGER contacts_record_changes ON contacts;
--> statement-breakpoint
DROP TRIGGER companies_record_changes ON companies;
--> statement-breakpoint
DROP TRIGGER deals_record_changes ON deals;
--> statement-breakpoint
DROP TRIGGER activities_record_changes ON activities;
--> statement-breakpoint
DROP FUNCTION record_changes_capture();
--> statement-breakpoint
CREATE FUNCTION record_changes_capture_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO record_changes (entity, record_id, owner_id, team_id, deleted, merged_into_id)
  SELECT TG_ARGV[0], (r ->> 'id')::uuid, (r ->> 'owner_id')::uuid, (r ->> 'team_id')::uuid,
         r ->> 'deleted_at' IS NOT NULL, (r ->> 'merged_into_id')::uuid
    FROM (SELECT to_jsonb(n) AS r FROM new_rows n) AS changed;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION record_changes_capture_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO record_changes (entity, record_id, owner_id, team_id, prev_owner_id, prev_team_id, deleted, merged_into_id)
  SELECT TG_ARGV[0], (r ->> 'id')::uuid, (r ->> 'owner_id')::uuid, (r ->> 'team_id')::uuid,
         (o ->> 'owner_id')::uuid, (o ->> 'team_id')::uuid,
         r ->> 'deleted_at' IS NOT NULL, (r ->> 'merged_into_id')::uuid
    FROM (SELECT n.id, to_jsonb(n) AS r FROM new_rows n) AS changed
    JOIN (SELECT p.id, to_jsonb(p) AS o FROM old_rows p) AS before USING (id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION record_changes_capture_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO record_changes (entity, record_id, owner_id, team_id, prev_owner_id, prev_team_id, deleted, merged_into_id)
  SELECT TG_ARGV[0], (o ->> 'id')::uuid, (o ->> 'owner_id')::uuid, (o ->> 'team_id')::uuid,
         (o ->> 'owner_id')::uuid, (o ->> 'team_id')::uuid, true, (o ->> 'merged_into_id')::uuid
    FROM (SELECT to_jsonb(p) AS o FROM old_rows p) AS gone;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER leads_record_changes_inserted AFTER INSERT ON leads REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_inserted('lead');
--> statement-breakpoint
CREATE TRIGGER leads_record_changes_updated AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_updated('lead');
--> statement-breakpoint
CREATE TRIGGER leads_record_changes_deleted AFTER DELETE ON leads REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_deleted('lead');
--> statement-breakpoint
CREATE TRIGGER contacts_record_changes_inserted AFTER INSERT ON contacts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_inserted('contact');
--> statement-breakpoint
CREATE TRIGGER contacts_record_changes_updated AFTER UPDATE ON contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_updated('contact');
--> statement-breakpoint
CREATE TRIGGER contacts_record_changes_deleted AFTER DELETE ON contacts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_deleted('contact');
--> statement-breakpoint
CREATE TRIGGER companies_record_changes_inserted AFTER INSERT ON companies REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_inserted('company');
--> statement-breakpoint
CREATE TRIGGER companies_record_changes_updated AFTER UPDATE ON companies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_updated('company');
--> statement-breakpoint
CREATE TRIGGER companies_record_changes_deleted AFTER DELETE ON companies REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_deleted('company');
--> statement-breakpoint
CREATE TRIGGER deals_record_changes_inserted AFTER INSERT ON deals REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_inserted('deal');
--> statement-breakpoint
CREATE TRIGGER deals_record_changes_updated AFTER UPDATE ON deals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_updated('deal');
--> statement-breakpoint
CREATE TRIGGER deals_record_changes_deleted AFTER DELETE ON deals REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_deleted('deal');
--> statement-breakpoint
CREATE TRIGGER activities_record_changes_inserted AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_inserted('activity');
--> statement-breakpoint
CREATE TRIGGER activities_record_changes_updated AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_updated('activity');
--> statement-breakpoint
CREATE TRIGGER activities_record_changes_deleted AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION record_changes_capture_deleted('activity');
