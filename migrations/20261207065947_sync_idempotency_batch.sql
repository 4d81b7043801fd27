CREATE TABLE "api_rate_windows" (
	"token_id" uuid NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "api_rate_windows_token_id_window_start_pk" PRIMARY KEY("token_id","window_start")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"actor_id" uuid NOT NULL,
	"route" text NOT NULL,
	"key_hash" text NOT NULL,
	"request_hash" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"status_code" integer,
	"response_body" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_actor_id_route_key_hash_pk" PRIMARY KEY("actor_id","route","key_hash"),
	CONSTRAINT "idempotency_keys_state_check" CHECK (state in ('pending', 'done'))
);
--> statement-breakpoint
CREATE TABLE "record_changes" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"record_id" uuid NOT NULL,
	"txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"owner_id" uuid,
	"team_id" uuid,
	"prev_owner_id" uuid,
	"prev_team_id" uuid,
	"deleted" boolean DEFAULT false NOT NULL,
	"merged_into_id" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "external_id" text;--> statement-breakpoint
CREATE INDEX "api_rate_windows_start_idx" ON "api_rate_windows" USING btree ("window_start");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "record_changes_feed_idx" ON "record_changes" USING btree ("entity","txid","seq");--> statement-breakpoint
CREATE INDEX "record_changes_changed_idx" ON "record_changes" USING btree ("entity","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "activities_external_id_key" ON "activities" USING btree ("external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "companies_external_id_key" ON "companies" USING btree ("external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_external_id_key" ON "contacts" USING btree ("external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deals_external_id_key" ON "deals" USING btree ("external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leads_external_id_key" ON "leads" USING btree ("external_id");--> statement-breakpoint
-- The change feed of `GET /api/v1/<things>?updatedSince=` (issue #22): every write of a CRM record
-- leaves a row in record_changes inside its own transaction, whichever code path made it (services,
-- imports, merges, jobs, GDPR erasure, hand-written SQL). The row carries the writer's transaction id,
-- so the feed can hand out only what no running transaction can still add to (sync.repository.ts).
CREATE FUNCTION record_changes_capture() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  cur jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
BEGIN
  INSERT INTO record_changes (entity, record_id, owner_id, team_id, prev_owner_id, prev_team_id, deleted, merged_into_id)
  VALUES (
    TG_ARGV[0],
    (cur ->> 'id')::uuid,
    (cur ->> 'owner_id')::uuid,
    (cur ->> 'team_id')::uuid,
    (old_row ->> 'owner_id')::uuid,
    (old_row ->> 'team_id')::uuid,
    TG_OP = 'DELETE' OR cur ->> 'deleted_at' IS NOT NULL,
    (cur ->> 'merged_into_id')::uuid
  );
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER leads_record_changes AFTER INSERT OR UPDATE OR DELETE ON leads
  FOR EACH ROW EXECUTE FUNCTION record_changes_capture('lead');
--> statement-breakpoint
CREATE TRIGGER contacts_record_changes AFTER INSERT OR UPDATE OR DELETE ON contacts
  FOR EACH ROW EXECUTE FUNCTION record_changes_capture('contact');
--> statement-breakpoint
CREATE TRIGGER companies_record_changes AFTER INSERT OR UPDATE OR DELETE ON companies
  FOR EACH ROW EXECUTE FUNCTION record_changes_capture('company');
--> statement-breakpoint
CREATE TRIGGER deals_record_changes AFTER INSERT OR UPDATE OR DELETE ON deals
  FOR EACH ROW EXECUTE FUNCTION record_changes_capture('deal');
--> statement-breakpoint
CREATE TRIGGER activities_record_changes AFTER INSERT OR UPDATE OR DELETE ON activities
  FOR EACH ROW EXECUTE FUNCTION record_changes_capture('activity');
--> statement-breakpoint
-- The records that exist already enter the feed once, so a first sync from the beginning mirrors all.
INSERT INTO record_changes (entity, record_id, owner_id, team_id, deleted, merged_into_id)
  SELECT 'lead', id, owner_id, team_id, deleted_at IS NOT NULL, NULL FROM leads;
--> statement-breakpoint
INSERT INTO record_changes (entity, record_id, owner_id, team_id, deleted, merged_into_id)
  SELECT 'contact', id, owner_id, team_id, deleted_at IS NOT NULL, merged_into_id FROM contacts;
--> statement-breakpoint
INSERT INTO record_changes (entity, record_id, owner_id, team_id, deleted, merged_into_id)
  SELECT 'company', id, owner_id, team_id, deleted_at IS NOT NULL, merged_into_id FROM companies;
--> statement-breakpoint
INSERT INTO record_changes (entity, record_id, owner_id, team_id, deleted, merged_into_id)
  SELECT 'deal', id, owner_id, team_id, deleted_at IS NOT NULL, NULL FROM deals;
--> statement-breakpoint
INSERT INTO record_changes (entity, record_id, owner_id, team_id, deleted, merged_into_id)
  SELECT 'activity', id, owner_id, team_id, deleted_at IS NOT NULL, NULL FROM activities;
