-- Issue #15 point 2: the German spelling folding of f_search_text for the users (global search, users
-- directory, owner picker) and the price list, as leads, contacts, companies and deals have it.
-- Dropping products.search_text drops products_search_idx with it, so it is made again.
ALTER TABLE "products" drop column "search_text";--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "search_text" text GENERATED ALWAYS AS (f_search_text(coalesce(name, '') || ' ' || coalesce(sku, ''))) STORED;--> statement-breakpoint
CREATE INDEX "products_search_idx" ON "products" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "search_text" text GENERATED ALWAYS AS (f_search_text(name || ' ' || email)) STORED;--> statement-breakpoint
CREATE INDEX "users_search_idx" ON "users" USING gin ("search_text" gin_trgm_ops);
