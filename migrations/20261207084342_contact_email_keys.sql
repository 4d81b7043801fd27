-- Issue #16 (c): a sender, submitter or look-alike is matched to a contact by ANY of its email
-- addresses, not only the primary one mirrored in `email`.
--
-- f_email_keys(emails, email): the `value` of every entry of the contacts' emails list plus the primary
-- mirror, trimmed and lower-cased, without empties and duplicates, sorted. Not STRICT: `email` may be
-- null while the list is not. Entries that are not objects with a string value are skipped, and a
-- non-array jsonb gives only the mirror, so no stored row can make the generated column fail.
CREATE OR REPLACE FUNCTION f_email_keys(jsonb, text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(k ORDER BY k), '{}'::text[]) FROM (
    SELECT lower(btrim(e ->> 'value')) AS k
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof($1) = 'array' THEN $1 ELSE '[]'::jsonb END) AS e
      WHERE jsonb_typeof(e) = 'object'
    UNION
    SELECT lower(btrim($2))
  ) AS keys WHERE k IS NOT NULL AND k <> '' $$;
--> statement-breakpoint
-- The GIN index answers `email_keys && array[…]` for a whole batch; it replaces the lower(email) index,
-- whose lookups all moved to email_keys. fastupdate off: a lookup would otherwise also read the
-- pending list of recent inserts (up to gin_pending_list_limit, 4 MB) one entry after another.
DROP INDEX "contacts_email_idx";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "email_keys" text[] GENERATED ALWAYS AS (f_email_keys(emails, email)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "contacts_email_keys_idx" ON "contacts" USING gin ("email_keys") WITH (fastupdate=off);
