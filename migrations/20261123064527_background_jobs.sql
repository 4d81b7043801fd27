CREATE TABLE "background_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"cursor" text,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "background_jobs_state_check" CHECK (state in ('queued', 'running', 'done', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "background_jobs_queued_key" ON "background_jobs" USING btree ("name") WHERE state = 'queued';--> statement-breakpoint
CREATE INDEX "background_jobs_open_idx" ON "background_jobs" USING btree ("run_after","id") WHERE state in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "background_jobs_name_idx" ON "background_jobs" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "leads_recent_activity_idx" ON "leads" USING btree ("last_activity_at","id") WHERE score_reasons @> '[{"kind":"recent_activity"}]'::jsonb;