-- The global search reads the newest matches of contacts, companies and deals under the reader's gate
-- (src/server/modules/search/search.repository.ts). For a frequent word it walks the live rows newest
-- first and filters; without search_text and the gate's columns in the index every row passed costs a
-- heap fetch (a salesperson's "muller" at 200k contacts: 2,900 rows, 2,922 buffers, twice). INCLUDE
-- makes the walk index-only; the read then fetches only its page's rows by id. The key columns stay as
-- schema.ts declares them; drizzle-kit cannot express INCLUDE, so this migration is custom and
-- replaces the three indexes under their own names (the lists' newest-first sort uses them as before).
DROP INDEX IF EXISTS "contacts_live_created_idx";--> statement-breakpoint
CREATE INDEX "contacts_live_created_idx" ON "contacts" USING btree ("created_at","id") INCLUDE ("owner_id","team_id","search_text") WHERE deleted_at is null;--> statement-breakpoint
DROP INDEX IF EXISTS "companies_live_created_idx";--> statement-breakpoint
CREATE INDEX "companies_live_created_idx" ON "companies" USING btree ("created_at","id") INCLUDE ("owner_id","team_id","search_text") WHERE deleted_at is null;--> statement-breakpoint
DROP INDEX IF EXISTS "deals_live_created_idx";--> statement-breakpoint
CREATE INDEX "deals_live_created_idx" ON "deals" USING btree ("created_at","id") INCLUDE ("owner_id","team_id","search_text") WHERE deleted_at is null;
