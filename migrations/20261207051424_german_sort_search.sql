-- Issue #15 points 2 and 3: German sort order (DIN 5007-1) and German spelling folding in search.
--
-- f_sort_key: the sort key of a name. Case and accents folded by unaccent, whose rules already map
-- Ä → A, Ö → O, Ü → U and ß → ss, which is DIN 5007-1 ("Äpfel" with "Apfel", "Straße" as "Strasse").
-- unaccent runs before lower() so the result does not depend on the database's LC_CTYPE. The key
-- columns are COLLATE "C": their byte order is the same on PGlite (no ICU) and any PostgreSQL.
-- It is also how a search query is folded (src/server/db/like.ts).
CREATE OR REPLACE FUNCTION f_sort_key(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.f_unaccent($1)) $$;
--> statement-breakpoint
-- f_fold_german: the German transliteration (ä → ae, ö → oe, ü → ue, ß → ss), then as f_sort_key.
CREATE OR REPLACE FUNCTION f_fold_german(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.f_sort_key(replace(replace(replace(replace(replace(replace(replace($1,
    'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss')) $$;
--> statement-breakpoint
-- f_search_text: what the trigram search matches. The accent-stripped form ("jorg", "bassler") and,
-- when it differs, the German transliteration ("joerg", "baessler") side by side, so a query folded
-- by f_sort_key finds "Jörg" typed as "jörg", "jorg" or "joerg", and "Bäßler" as "bassler" or "baessler".
CREATE OR REPLACE FUNCTION f_search_text(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT CASE WHEN public.f_sort_key($1) = public.f_fold_german($1) THEN public.f_sort_key($1)
    ELSE public.f_sort_key($1) || ' ' || public.f_fold_german($1) END $$;
--> statement-breakpoint
-- The search texts are recomputed and the sort keys added: one ALTER TABLE per table, so each table is
-- rewritten once. Dropping search_text drops the indexes on it; they are made again below, as
-- before (GIN trigram, the leads' covering indexes with INCLUDE, the statistics target of 20261123094439).
-- (ALTER COLUMN … SET EXPRESSION would keep them but needs PostgreSQL 17.)
ALTER TABLE "companies"
  DROP COLUMN "search_text",
  ADD COLUMN "search_text" text GENERATED ALWAYS AS (f_search_text(coalesce(name, '') || ' ' || coalesce(domain, '') || ' ' || coalesce(email, '')) || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9+ ]', '', 'g')) STORED,
  ADD COLUMN "sort_key" text COLLATE "C" GENERATED ALWAYS AS (f_sort_key(name)) STORED;--> statement-breakpoint
ALTER TABLE "contacts"
  DROP COLUMN "search_text",
  ADD COLUMN "search_text" text GENERATED ALWAYS AS (f_search_text(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(job_title, '')) || ' ' || regexp_replace(coalesce(phone, ''), '[^0-9+ ]', '', 'g') || ' ' || coalesce(phone_normalized, '')) STORED,
  ADD COLUMN "sort_key" text COLLATE "C" GENERATED ALWAYS AS (f_sort_key(coalesce(last_name, '') || ' ' || coalesce(first_name, ''))) STORED;--> statement-breakpoint
ALTER TABLE "deals"
  DROP COLUMN "search_text",
  ADD COLUMN "search_text" text GENERATED ALWAYS AS (f_search_text(title)) STORED,
  ADD COLUMN "sort_key" text COLLATE "C" GENERATED ALWAYS AS (f_sort_key(title)) STORED;--> statement-breakpoint
ALTER TABLE "leads"
  DROP COLUMN "search_text",
  ADD COLUMN "search_text" text GENERATED ALWAYS AS (f_search_text(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(company_name, '') || ' ' || coalesce(email, '')) || ' ' || regexp_replace(coalesce(phone, '') || ' ' || coalesce(mobile, ''), '[^0-9+ ]', '', 'g')) STORED,
  ADD COLUMN "sort_key" text COLLATE "C" GENERATED ALWAYS AS (f_sort_key(coalesce(last_name, '') || ' ' || coalesce(first_name, ''))) STORED,
  ADD COLUMN "company_sort_key" text COLLATE "C" GENERATED ALWAYS AS (f_sort_key(coalesce(company_name, ''))) STORED;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "sort_key" text COLLATE "C" GENERATED ALWAYS AS (f_sort_key(name)) STORED;--> statement-breakpoint
CREATE INDEX "companies_search_idx" ON "companies" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_search_idx" ON "contacts" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "deals_search_idx" ON "deals" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "leads_search_idx" ON "leads" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "leads_created_cover_idx" ON "leads" USING btree ("created_at","id") INCLUDE ("owner_id","team_id","search_text") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_team_created_idx" ON "leads" USING btree ("team_id","created_at","id") INCLUDE ("owner_id","search_text") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_owner_created_idx" ON "leads" USING btree ("owner_id","created_at","id") INCLUDE ("search_text") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_owner_team_created_idx" ON "leads" USING btree ("owner_id","team_id","created_at","id") INCLUDE ("search_text") WHERE deleted_at is null;--> statement-breakpoint
ALTER TABLE "leads" ALTER COLUMN "search_text" SET STATISTICS 500;--> statement-breakpoint
ALTER TABLE "contacts" ALTER COLUMN "search_text" SET STATISTICS 500;--> statement-breakpoint
ALTER TABLE "companies" ALTER COLUMN "search_text" SET STATISTICS 500;--> statement-breakpoint
-- The name sorts: the keyset index on (sort key, id) replaces the lower(name) ones.
DROP INDEX "companies_name_idx";--> statement-breakpoint
DROP INDEX "contacts_name_idx";--> statement-breakpoint
DROP INDEX "deals_title_idx";--> statement-breakpoint
DROP INDEX "leads_name_idx";--> statement-breakpoint
DROP INDEX "leads_company_name_idx";--> statement-breakpoint
CREATE INDEX "users_sort_key_idx" ON "users" USING btree ("sort_key","id");--> statement-breakpoint
CREATE INDEX "companies_name_idx" ON "companies" USING btree ("sort_key","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "contacts_name_idx" ON "contacts" USING btree ("sort_key","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "deals_title_idx" ON "deals" USING btree ("sort_key","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_name_idx" ON "leads" USING btree ("sort_key","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_company_name_idx" ON "leads" USING btree ("company_sort_key","id") WHERE deleted_at is null;--> statement-breakpoint
ANALYZE "leads";--> statement-breakpoint
ANALYZE "contacts";--> statement-breakpoint
ANALYZE "companies";--> statement-breakpoint
ANALYZE "deals";
