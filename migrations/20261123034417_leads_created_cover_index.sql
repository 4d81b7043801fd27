-- Newest-first lead lists and searches first pick the page's ids by an index-only scan of this index
-- (the visibility columns and search_text are in it), then read those rows by primary key; see
-- src/server/modules/leads/lead-list.repository.ts and BENCHMARKS.md. drizzle-kit cannot express
-- INCLUDE, so this migration is custom.
CREATE INDEX IF NOT EXISTS "leads_created_cover_idx" ON "leads" USING btree ("created_at","id") INCLUDE ("owner_id","team_id","search_text") WHERE deleted_at is null;
