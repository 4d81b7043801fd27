import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/** A `%fragment%` pattern for LIKE/ILIKE with the user's own %, _ and \ taken literally. */
export const containsPattern = (fragment: string) => `%${fragment.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * Case- and accent-folded pattern for the trigram indexes on the `search_text` columns; LIKE wildcards
 * are escaped. f_sort_key folds "Jörg" to "jorg" and "Straße" to "strasse"; the stored search text
 * (f_search_text) holds that form and the German transliteration ("joerg"), so "jörg", "jorg" and
 * "joerg" all find "Jörg" (migrations/20261207051424_german_sort_search.sql).
 */
export function searchPattern(q: string): SQL {
  return sql`f_sort_key(${containsPattern(q)})`;
}

const UMLAUT = /[äöüÄÖÜ]/;

/**
 * `searchText` (a column built by f_search_text) contains `q`. A query with an umlaut is folded to its
 * transliteration (f_fold_german: "Jörg" → "joerg"), which a stored "Jörg" holds as well as a stored
 * "Joerg"; any other query as `searchPattern` folds it. One LIKE either way, so the trigram index serves
 * it (an OR of both forms was planned as a sequential scan).
 */
export function searchMatch(searchText: AnyColumn, q: string): SQL {
  const pattern = UMLAUT.test(q) ? sql`f_fold_german(${containsPattern(q)})` : searchPattern(q);
  return sql`${searchText} like ${pattern}`;
}
