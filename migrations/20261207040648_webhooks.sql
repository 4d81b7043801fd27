CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"event_type" text NOT NULL,
	"entity" text,
	"record_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"payload" text,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"response_status" integer,
	"duration_ms" integer,
	"error_code" text,
	"error" text,
	"last_attempt_at" timestamp with time zone,
	"replay_of" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_state_check" CHECK (state in ('queued', 'sending', 'succeeded', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"entity" text NOT NULL,
	"record_id" uuid NOT NULL,
	"tx_id" bigint NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"events" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"secret_sealed" text NOT NULL,
	"failing_since" timestamp with time zone,
	"disabled_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_subscription_idx" ON "webhook_deliveries" USING btree ("subscription_id","created_at","id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE state in ('queued', 'sending');--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_events_once_key" ON "webhook_events" USING btree ("tx_id","type","record_id");--> statement-breakpoint
CREATE INDEX "webhook_events_pending_idx" ON "webhook_events" USING btree ("id") WHERE dispatched_at is null;--> statement-breakpoint
CREATE INDEX "webhook_events_occurred_idx" ON "webhook_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "webhook_subscriptions_created_idx" ON "webhook_subscriptions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "webhook_subscriptions_events_idx" ON "webhook_subscriptions" USING gin ("events") WHERE active;--> statement-breakpoint
-- The webhook outbox is written by the audit log: every change of a record is audited in the
-- transaction of the change (modules/audit), so an event row commits exactly when its change does
-- and no crash after the commit can lose it. The list of audit actions → event types below is the
-- one place that maps them (ARCHITECTURE.md, "Webhooks"); nothing is written while no active
-- subscription asks for the type. It does not queue the sender job: updating the one waiting
-- background_jobs row would lock it until commit and serialise (or deadlock) concurrent writers;
-- the `webhook-dispatch` job looks every 5 s instead.
CREATE FUNCTION webhook_event_of_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event_type text;
BEGIN
  IF NEW.entity_id IS NULL THEN
    RETURN NULL;
  END IF;
  event_type := CASE
    WHEN NEW.action IN ('lead.created') THEN 'lead.created'
    WHEN NEW.action IN ('lead.updated', 'lead.status_changed', 'lead.lifecycle_changed') THEN 'lead.updated'
    WHEN NEW.action = 'lead.converted' AND NEW.entity_type = 'lead' THEN 'lead.converted'
    WHEN NEW.action IN ('contact.created') THEN 'contact.created'
    WHEN NEW.action IN ('contact.updated', 'contact.merged') THEN 'contact.updated'
    WHEN NEW.action IN ('contact.deleted', 'contact.merged_into') THEN 'contact.deleted'
    WHEN NEW.action IN ('company.created') THEN 'company.created'
    WHEN NEW.action IN ('company.updated', 'company.merged') THEN 'company.updated'
    WHEN NEW.action IN ('company.deleted', 'company.merged_into') THEN 'company.deleted'
    WHEN NEW.action IN ('deal.created', 'deal.stage_changed', 'deal.won', 'deal.lost') THEN NEW.action
    WHEN NEW.action IN ('activity.created', 'activity.updated', 'activity.deleted') THEN NEW.action
  END;
  IF event_type IS NULL THEN
    RETURN NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active AND events ? event_type) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_events (type, entity, record_id, tx_id)
    VALUES (event_type, split_part(event_type, '.', 1), NEW.entity_id, txid_current())
    ON CONFLICT (tx_id, type, record_id) DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_webhook_events AFTER INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION webhook_event_of_audit();
