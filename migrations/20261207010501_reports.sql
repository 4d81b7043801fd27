CREATE TABLE "forecast_snapshots" (
	"taken_on" date NOT NULL,
	"deal_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"amount" numeric(14, 2),
	"currency" text NOT NULL,
	"probability" integer NOT NULL,
	"expected_close_date" date,
	"owner_id" uuid,
	"team_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forecast_snapshots_taken_on_deal_id_pk" PRIMARY KEY("taken_on","deal_id")
);
--> statement-breakpoint
ALTER TABLE "forecast_snapshots" ADD CONSTRAINT "forecast_snapshots_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_snapshots" ADD CONSTRAINT "forecast_snapshots_pipeline_id_pipelines_id_fk" FOREIGN KEY ("pipeline_id") REFERENCES "public"."pipelines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_snapshots" ADD CONSTRAINT "forecast_snapshots_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_snapshots" ADD CONSTRAINT "forecast_snapshots_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_snapshots" ADD CONSTRAINT "forecast_snapshots_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forecast_snapshots_deal_idx" ON "forecast_snapshots" USING btree ("deal_id","taken_on");--> statement-breakpoint
CREATE INDEX "forecast_snapshots_close_idx" ON "forecast_snapshots" USING btree ("taken_on","expected_close_date") WHERE expected_close_date is not null;--> statement-breakpoint
CREATE INDEX "activities_deal_open_idx" ON "activities" USING btree ("deal_id") WHERE deleted_at is null and done = false;--> statement-breakpoint
CREATE INDEX "deal_stage_history_stage_idx" ON "deal_stage_history" USING btree ("stage_id","left_at");--> statement-breakpoint
CREATE INDEX "deals_closed_idx" ON "deals" USING btree ("status","closed_at") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "deals_open_close_idx" ON "deals" USING btree ("expected_close_date") WHERE deleted_at is null and status = 'open';--> statement-breakpoint
-- Backfill for the funnel (#18): every lead has entered MAL when it was created, and a lead at a
-- lifecycle stage has entered every earlier one. Leads written before the stamps were kept (imports,
-- seeds) get the earliest later stamp they have, else their creation time. Not an edit: version and
-- updated_at stay. One statement per stage, from the last, so each sees the stamps filled before it.
UPDATE "leads" SET "sql_at" = coalesce("converted_at", "created_at")
  WHERE "sql_at" IS NULL AND "lifecycle_stage" = 'sql';--> statement-breakpoint
UPDATE "leads" SET "sal_at" = coalesce("sql_at", "converted_at", "created_at")
  WHERE "sal_at" IS NULL AND "lifecycle_stage" IN ('sal', 'sql');--> statement-breakpoint
UPDATE "leads" SET "mql_at" = coalesce("sal_at", "sql_at", "converted_at", "created_at")
  WHERE "mql_at" IS NULL AND "lifecycle_stage" IN ('mql', 'sal', 'sql');--> statement-breakpoint
UPDATE "leads" SET "mal_at" = "created_at" WHERE "mal_at" IS NULL;
