ALTER TABLE "pipelines" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stages" ADD COLUMN "deleted_at" timestamp with time zone;