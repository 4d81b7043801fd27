/**
 * Reading list pages without drizzle's select builder and row mapper. For a 50-row page of leads those
 * two cost about 1.2 ms of CPU per request, a quarter of the app's whole share (BENCHMARKS.md,
 * 2026-11-23), because they check and convert every column of every row. List pages only turn rows
 * into JSON, so they select a precomputed column list (aliased to the drizzle property names, so the
 * mappers stay the same) and take the driver's own rows: timestamps arrive as ISO 8601 text in UTC
 * (exactly what Date#toISOString writes, see isoFromUtc) and numerics as text, identically on PGlite
 * and PostgreSQL. Filters, ORDER BY and the permission gate are still drizzle SQL.
 */
import { type Column, getTableColumns, is, type SQL, sql, type Table } from "drizzle-orm";
import { PgDialect, PgNumeric, PgTimestamp } from "drizzle-orm/pg-core";
import type { Db } from "./client";

/** What a column reads as here: timestamps become ISO text, everything else keeps drizzle's type. */
export type PageValue<T> = T extends Date ? string : T;
export type PageRow<T> = { [K in keyof T]: PageValue<T[K]> };

const dialect = new PgDialect();

/** The SELECT list of a page and the keys whose timestamp text selectPageRows turns into ISO. */
export interface PageColumns {
  select: SQL;
  timestamps: readonly string[];
}

/**
 * The SELECT list of `keys` (drizzle property names of `table`), each aliased to its property name.
 * A timestamp is read as UTC timestamp text (`2026-11-23 06:39:20.512345`), a numeric as text.
 */
export function pageColumns(table: Table, keys: readonly string[]): PageColumns {
  const columns = getTableColumns(table) as Record<string, Column>;
  const timestamps: string[] = [];
  const parts = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`no column ${key}`);
    const alias = sql.identifier(key);
    if (is(column, PgTimestamp)) {
      timestamps.push(key);
      const utc = column.withTimezone ? sql`${column} at time zone 'UTC'` : sql`${column}`;
      return sql`(${utc})::text as ${alias}`;
    }
    if (is(column, PgNumeric)) return sql`${column}::text as ${alias}`;
    return sql`${column} as ${alias}`;
  });
  return { select: sql.join(parts, sql`, `), timestamps };
}

/**
 * `2026-11-23 06:39:20.512345` (PostgreSQL's text of a timestamp, DateStyle ISO, which drizzle's own
 * timestamp parsing assumes too) → `2026-11-23T06:39:20.512Z`: milliseconds cut, not rounded, as a
 * JS Date parsed from the same text keeps them.
 */
export function isoFromUtc(text: string): string {
  const fraction = text.length > 20 ? `${text.slice(20, 23)}00`.slice(0, 3) : "000";
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction}Z`;
}

/**
 * Runs a page query on the pool (PostgreSQL) or the PGlite instance and returns the driver's rows,
 * timestamps as ISO text. Takes the database, not a transaction: list pages are plain reads.
 */
export async function selectPageRows<R>(db: Db, query: SQL, columns: PageColumns): Promise<R[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  // Both clients (pg.Pool and PGlite) take query(text, params) and answer { rows }.
  const client = (
    db as unknown as {
      $client: { query(text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };
    }
  ).$client;
  const { rows } = await client.query(text, params);
  for (const row of rows) {
    for (const key of columns.timestamps) {
      const value = row[key];
      if (typeof value === "string") row[key] = isoFromUtc(value);
    }
  }
  return rows as R[];
}
