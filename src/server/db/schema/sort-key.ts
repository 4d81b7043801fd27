import { sql } from "drizzle-orm";
import { customType } from "drizzle-orm/pg-core";

/**
 * A generated German (DIN 5007-1) sort key of the SQL expression `expr`: f_sort_key folds case and
 * accents (Ä → a, ß → ss; migrations/20261207051424_german_sort_search.sql). The column's collation
 * is "C", so the keys order by their bytes, identically on PGlite (no ICU) and on any PostgreSQL
 * whatever its locale. Not a table: schema.ts does not re-export this file.
 */
const sortKeyType = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

export const sortKey = (name: string, expr: string) =>
  sortKeyType(name).generatedAlwaysAs(sql.raw(`f_sort_key(${expr})`));
