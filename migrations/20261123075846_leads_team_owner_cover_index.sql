-- A salesperson sees their team's leads and their own (visibleWhere). A search for a frequent word
-- newest first walks these two indexes separately, each only along the rows of one branch, and merges
-- the two pages (src/server/modules/leads/lead-list.repository.ts). INCLUDE makes those walks
-- index-only. The key columns stay as schema.ts declares them; drizzle-kit cannot express INCLUDE,
-- so this migration is custom and replaces the two indexes under their own names.
DROP INDEX IF EXISTS "leads_team_created_idx";--> statement-breakpoint
CREATE INDEX "leads_team_created_idx" ON "leads" USING btree ("team_id","created_at","id") INCLUDE ("owner_id","search_text") WHERE deleted_at is null;--> statement-breakpoint
DROP INDEX IF EXISTS "leads_owner_created_idx";--> statement-breakpoint
CREATE INDEX "leads_owner_created_idx" ON "leads" USING btree ("owner_id","created_at","id") INCLUDE ("team_id","search_text") WHERE deleted_at is null;
