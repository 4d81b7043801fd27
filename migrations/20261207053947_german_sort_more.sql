-- Issue #15 point 3, the smaller lists sorted by name: teams, web forms and products take the German
-- sort key of 20261207051424_german_sort_search.sql too.
DROP INDEX "web_forms_live_name_idx";--> statement-breakpoint
DROP INDEX "products_name_idx";--> statement-breakpoint
DROP INDEX "products_active_name_idx";--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "sort_key" text COLLATE "C" GENERATED ALWAYS AS (f_sort_key(name)) STORED;--> statement-breakpoint
ALTER TABLE "web_forms" ADD COLUMN "sort_key" text COLLATE "C" GENERATED ALWAYS AS (f_sort_key(name)) STORED;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "sort_key" text COLLATE "C" GENERATED ALWAYS AS (f_sort_key(name)) STORED;--> statement-breakpoint
CREATE INDEX "teams_sort_key_idx" ON "teams" USING btree ("sort_key","id");--> statement-breakpoint
CREATE INDEX "web_forms_live_name_idx" ON "web_forms" USING btree ("sort_key","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "products_name_idx" ON "products" USING btree ("sort_key","id");--> statement-breakpoint
CREATE INDEX "products_active_name_idx" ON "products" USING btree ("active","sort_key","id");