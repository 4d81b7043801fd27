import { type AnyColumn, type SQL, sql } from "drizzle-orm";

const escapeLike = (fragment: string) => fragment.replace(/[\\%_]/g, "\\$&");

/** A `%fragment%` pattern for LIKE/ILIKE with the user's own %, _ and \ taken literally. */
export const containsPattern = (fragment: string) => `%${escapeLike(fragment)}%`;

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
  return sql`${searchText} like ${foldedAs(q, containsPattern(q))}`;
}

/** `pattern` (made of `q`) folded as searchMatch folds `q`. */
const foldedAs = (q: string, pattern: string): SQL =>
  UMLAUT.test(q) ? sql`f_fold_german(${pattern})` : sql`f_sort_key(${pattern})`;

/**
 * `searchText` has a word that starts with `q` (the global search ranks these first). Both LIKEs are
 * served by the trigram index, as searchMatch is.
 */
export function wordStartMatch(searchText: AnyColumn, q: string): SQL {
  const literal = escapeLike(q);
  return sql`(${searchText} like ${foldedAs(q, `${literal}%`)} or ${searchText} like ${foldedAs(q, `% ${literal}%`)})`;
}
