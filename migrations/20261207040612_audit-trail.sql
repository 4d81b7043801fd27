CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
-- Append-only audit log (issue #14 point 2). Nothing in the application updates or deletes entries;
-- the database enforces it: a trigger refuses UPDATE, DELETE and TRUNCATE for every role (superusers
-- and PGlite included), and the role that runs the migrations (the application's) loses those rights.
-- The one narrow way to change an entry is audit_redact() below (GDPR erasure overwrites values).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only audit_redact() sets this (for its own transaction), and even then only `changes` may differ.
  IF TG_OP = 'UPDATE'
     AND current_setting('leadwerk.audit_redact', true) = 'on'
     AND NEW.id = OLD.id
     AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
     AND NEW.action = OLD.action
     AND NEW.entity_type = OLD.entity_type
     AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
     AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id
     AND NEW.created_at = OLD.created_at THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- One value of an entry's changes, erased: `{ from, to }` keeps its shape (null stays null).
CREATE FUNCTION audit_redacted_value(v jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN v IS NULL OR jsonb_typeof(v) = 'null' THEN v
    WHEN jsonb_typeof(v) = 'object' AND (v ? 'from' OR v ? 'to') THEN jsonb_build_object(
      'from', CASE WHEN coalesce(jsonb_typeof(v -> 'from'), 'null') = 'null' THEN 'null'::jsonb ELSE '"[erased]"'::jsonb END,
      'to', CASE WHEN coalesce(jsonb_typeof(v -> 'to'), 'null') = 'null' THEN 'null'::jsonb ELSE '"[erased]"'::jsonb END)
    ELSE '"[erased]"'::jsonb
  END
$$;
--> statement-breakpoint
-- GDPR erasure's escape: overwrites the values of the listed fields (every field when p_fields is
-- null) in the changes of every entry about one record with "[erased]". Who, when, which action and
-- which record stay. Returns the number of entries changed. Call it in the erasure's transaction.
CREATE FUNCTION audit_redact(p_entity_type text, p_entity_id uuid, p_fields text[] DEFAULT NULL)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  PERFORM set_config('leadwerk.audit_redact', 'on', true);
  UPDATE audit_log SET changes = (
    SELECT coalesce(jsonb_object_agg(e.key,
      CASE WHEN p_fields IS NULL OR e.key = ANY (p_fields) THEN audit_redacted_value(e.value) ELSE e.value END),
      '{}'::jsonb)
    FROM jsonb_each(audit_log.changes) AS e)
  WHERE entity_type = p_entity_type AND entity_id = p_entity_id
    AND jsonb_typeof(changes) = 'object'
    AND (p_fields IS NULL OR changes ?| p_fields);
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('leadwerk.audit_redact', 'off', true);
  RETURN n;
END $$;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM CURRENT_USER;
--> statement-breakpoint
-- Column-level: the application may still UPDATE `changes`, which the trigger allows to audit_redact() alone.
GRANT UPDATE (changes) ON audit_log TO CURRENT_USER;
