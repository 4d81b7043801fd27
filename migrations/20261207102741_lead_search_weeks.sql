-- Issue #21 point 2: a newest-first lead search that survives an import. The trigram index alone
-- finds every match of a word, in no order: for a frequent word ("muller", 3 % of the leads) that is
-- thousands of table rows to read and sort. Walking the newest leads instead stops after a page of
-- matches, unless a bulk import put 100,000 newer leads without the word in front of them.
--
-- f_search_weeks: the week (since 1970-01-01, a Thursday: weeks run Thursday to Wednesday, UTC) a
-- timestamp falls in, as a one-element array, so that the trigram GIN index can hold it beside the
-- trigrams (int[] has a built-in GIN operator class; no btree_gin needed). A search then asks for the
-- matches created in its last N weeks (`f_search_weeks(created_at) && array[…]`): GIN intersects the
-- word's trigram postings with those weeks' postings inside the index, and only the matches of
-- those weeks are read from the table (src/server/modules/leads/lead-search-window.ts).
-- AT TIME ZONE 'UTC' makes it IMMUTABLE (epoch of a timestamp without time zone).
CREATE OR REPLACE FUNCTION f_search_weeks(timestamptz) RETURNS int[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT ARRAY[floor(extract(epoch FROM ($1 AT TIME ZONE 'UTC')) / 604800)::int] $$;
--> statement-breakpoint
-- One multicolumn GIN index replaces leads_search_idx: GIN serves a condition on any subset of its
-- columns equally well, so every other search of search_text (`q=` with a filter or another sort,
-- duplicates) uses it as before, and each lead is written into one trigram index, not two.
DROP INDEX "leads_search_idx";--> statement-breakpoint
CREATE INDEX "leads_search_weeks_idx" ON "leads" USING gin ("search_text" gin_trgm_ops,f_search_weeks("created_at"));
