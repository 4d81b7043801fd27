CREATE TABLE "stage_stay_scope_stats" (
	"stage_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"scope_id" uuid NOT NULL,
	"stays" integer NOT NULL,
	"median_days" double precision,
	"p75_days" double precision,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stage_stay_scope_stats_scope_scope_id_stage_id_pk" PRIMARY KEY("scope","scope_id","stage_id")
);
--> statement-breakpoint
DROP INDEX "deals_owner_idx";--> statement-breakpoint
ALTER TABLE "stage_stay_scope_stats" ADD CONSTRAINT "stage_stay_scope_stats_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_owner_open_occurs_idx" ON "activities" USING btree ("owner_id","occurs_at","type") WHERE deleted_at is null and done = false;--> statement-breakpoint
CREATE INDEX "leads_owner_status_idx" ON "leads" USING btree ("owner_id","status") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "deals_owner_idx" ON "deals" USING btree ("owner_id","team_id");