-- Extensions used by search: trigram indexes and accent folding ("muller" finds "Müller").
-- Both ship with PGlite (loaded in src/server/db/client.ts) and with PostgreSQL's contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- unaccent() is only STABLE (it reads a dictionary), so it cannot be used in an index expression.
-- This wrapper names the dictionary explicitly and is therefore safe to declare IMMUTABLE.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
