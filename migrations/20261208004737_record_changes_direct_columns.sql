-- The change feed's capture reads the transition tables' columns directly instead of turning every
-- changed row into JSON (to_jsonb of a whole wide row, twice per row on an update). At 1M leads an
-- INSERT of 5,000 leads spent 1.5 s of its 10 s in to_jsonb (issue #17); every board move and form
-- submission paid the same per row. PL/pgSQL plans a statement when it first runs it, per trigger,
-- so each table only ever plans the branch its columns fit: contacts and companies have
-- merged_into_id, the other captured tables (leads, deals, activities) do not. A new captured table
-- must have id, owner_id, team_id and deleted_at.
CREATE OR REPLACE FUNCTION record_changes_capture_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME IN ('contacts', 'companies') THEN
    INSERT INTO record_changes (entity, record_id, owner_id, team_id, deleted, merged_into_id)
    SELECT TG_ARGV[0], n.id, n.owner_id, n.team_id, n.deleted_at IS NOT NULL, n.merged_into_id
      FROM new_rows n;
  ELSE
    INSERT INTO record_changes (entity, record_id, owner_id, team_id, deleted)
    SELECT TG_ARGV[0], n.id, n.owner_id, n.team_id, n.deleted_at IS NOT NULL
      FROM new_rows n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION record_changes_capture_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME IN ('contacts', 'companies') THEN
    INSERT INTO record_changes (entity, record_id, owner_id, team_id, prev_owner_id, prev_team_id, deleted, merged_into_id)
    SELECT TG_ARGV[0], n.id, n.owner_id, n.team_id, p.owner_id, p.team_id, n.deleted_at IS NOT NULL, n.merged_into_id
      FROM new_rows n JOIN old_rows p USING (id);
  ELSE
    INSERT INTO record_changes (entity, record_id, owner_id, team_id, prev_owner_id, prev_team_id, deleted)
    SELECT TG_ARGV[0], n.id, n.owner_id, n.team_id, p.owner_id, p.team_id, n.deleted_at IS NOT NULL
      FROM new_rows n JOIN old_rows p USING (id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION record_changes_capture_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME IN ('contacts', 'companies') THEN
    INSERT INTO record_changes (entity, record_id, owner_id, team_id, prev_owner_id, prev_team_id, deleted, merged_into_id)
    SELECT TG_ARGV[0], p.id, p.owner_id, p.team_id, p.owner_id, p.team_id, true, p.merged_into_id
      FROM old_rows p;
  ELSE
    INSERT INTO record_changes (entity, record_id, owner_id, team_id, prev_owner_id, prev_team_id, deleted)
    SELECT TG_ARGV[0], p.id, p.owner_id, p.team_id, p.owner_id, p.team_id, true
      FROM old_rows p;
  END IF;
  RETURN NULL;
END $$;
