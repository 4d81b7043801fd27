-- A salesperson's search reads their team's leads along leads_team_created_idx and the leads they own
-- outside their team from this index, as ranges team_id < T, team_id > T and team_id IS NULL
-- (visibleParts in src/server/access/permission-gate.ts, lead-list.repository.ts). INCLUDE makes
-- those reads index-only; drizzle-kit declares the key columns (schema.ts), INCLUDE is added here.
CREATE INDEX "leads_owner_team_created_idx" ON "leads" USING btree ("owner_id","team_id","created_at","id") INCLUDE ("search_text") WHERE deleted_at is null;--> statement-breakpoint
-- The owner index no longer carries team_id: with it, reading "owner O, team below T" as a filter over
-- all of O's entries looked as cheap to the planner as the range above, and is not. "My leads" with a
-- search stays index-only through search_text.
DROP INDEX IF EXISTS "leads_owner_created_idx";--> statement-breakpoint
CREATE INDEX "leads_owner_created_idx" ON "leads" USING btree ("owner_id","created_at","id") INCLUDE ("search_text") WHERE deleted_at is null;--> statement-breakpoint
-- A lead's team follows its owner's as a rule; without this the planner multiplies the two columns'
-- selectivities and misjudges "owned by O in team T" (and the ranges above) by orders of magnitude.
CREATE STATISTICS IF NOT EXISTS "leads_owner_team_stats" (dependencies, mcv) ON "owner_id", "team_id" FROM "leads";
--> statement-breakpoint
-- Whether a search walks the newest leads (a frequent word) or reads the trigram index (a rare one) is
-- the planner's call from search_text's histogram. With the default 100 buckets a word in 3 % of the
-- leads is seen in 0 to 6 of them depending on the sample, and one ANALYZE in a few planned "muller"
-- as rare: 230 ms instead of 2 (BENCHMARKS.md, 2026-11-23). 500 buckets make that estimate steady (a word in 3 % falls in about 15; ANALYZE samples 150,000 rows).
ALTER TABLE "leads" ALTER COLUMN "search_text" SET STATISTICS 500;--> statement-breakpoint
ALTER TABLE "contacts" ALTER COLUMN "search_text" SET STATISTICS 500;--> statement-breakpoint
ALTER TABLE "companies" ALTER COLUMN "search_text" SET STATISTICS 500;--> statement-breakpoint
ANALYZE "leads";--> statement-breakpoint
ANALYZE "contacts";--> statement-breakpoint
ANALYZE "companies";
