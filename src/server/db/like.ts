import { type SQL, sql } from "drizzle-orm";

/** A `%fragment%` pattern for LIKE/ILIKE with the user's own %, _ and \ taken literally. */
export const containsPattern = (fragment: string) => `%${fragment.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * Accent- and case-folded pattern for the trigram indexes on the `search_text` columns (folded the same
 * way); LIKE wildcards are escaped.
 */
export function searchPattern(q: string): SQL {
  return sql`f_unaccent(lower(${containsPattern(q)}))`;
}
