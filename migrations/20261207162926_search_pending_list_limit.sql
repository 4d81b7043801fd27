-- The same index with a smaller GIN pending list (schema.ts): altered in place, not rebuilt, as a
-- rebuild of the trigram index at 1M leads takes minutes. The list left by earlier inserts is merged now.
ALTER INDEX "leads_search_weeks_idx" SET (gin_pending_list_limit = 256);--> statement-breakpoint
SELECT gin_clean_pending_list('leads_search_weeks_idx'::regclass);
