CREATE TABLE "stage_stay_stats" (
	"stage_id" uuid PRIMARY KEY NOT NULL,
	"stays" integer NOT NULL,
	"median_days" double precision,
	"p75_days" double precision,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stage_stay_stats" ADD CONSTRAINT "stage_stay_stats_stage_id_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."stages"("id") ON DELETE cascade ON UPDATE no action;