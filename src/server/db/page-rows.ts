/**
 * Reading list pages without drizzle's select builder and row mapper. For a 50-row page of leads those
 * two cost about 1.2 ms of CPU per request, a quarter of the app's whole share (BENCHMARKS.md,
 * 2026-11-23), because they check and convert every column of every row. List pages only turn rows
 * into JSON, so they select a precomputed column list (aliased to the drizzle property names, so the
 * mappers stay the same) and take the driver's own rows: timestamps arrive as ISO 8601 text in UTC
 * (exactly what Date#toISOString writes, see isoFromUtc) and numerics as text, identically on PGlite
 * and PostgreSQL. Filters, ORDER BY and the permission gate are still drizzle SQL.
 */

import type { PGlite } from "@electric-sql/pglite";
import { type Column, getTableColumns, is, type SQL, sql, type Table } from "drizzle-orm";
import { PgDialect, PgNumeric, PgTimestamp } from "drizzle-orm/pg-core";
import pg from "pg";
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
  // Rendered once: drizzle would otherwise walk (and type-check) every column on every request.
  return { select: sql.raw(dialect.sqlToQuery(sql.join(parts, sql`, `)).sql), timestamps };
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

type Decoder = (row: unknown[]) => Record<string, unknown>;
const decoders = new Map<string, Decoder>();
const isoOrNull = (value: unknown) => (typeof value === "string" ? isoFromUtc(value) : value);

/**
 * Turns an array row into an object of fixed shape. The drivers' own object rows cost about 16 µs
 * each for 46 columns (pg spreads a template object and assigns every field by a computed name), more
 * than everything else a list page does with its rows; a function compiled once per column list
 * builds each object as one literal. The names are our own column aliases, quoted by JSON.stringify.
 */
function decoderFor(names: string[], timestamps: readonly string[]): Decoder {
  const key = names.join(",");
  let decoder = decoders.get(key);
  if (!decoder) {
    const stamped = new Set(timestamps);
    const fields = names.map(
      (name, i) => `${JSON.stringify(name)}: ${stamped.has(name) ? `iso(r[${i}])` : `r[${i}]`}`,
    );
    decoder = new Function("iso", `return (r) => ({ ${fields.join(", ")} });`)(isoOrNull) as Decoder;
    decoders.set(key, decoder);
  }
  return decoder;
}

interface ArrayResult {
  fields: { name: string }[];
  rows: unknown[][];
}

/**
 * Runs a page query on the pool (PostgreSQL) or the PGlite instance and returns its rows as objects
 * named by the column aliases, timestamps as ISO text. Takes the database, not a transaction: list
 * pages are plain reads.
 */
export async function selectPageRows<R>(db: Db, query: SQL, columns: PageColumns): Promise<R[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  const result: ArrayResult =
    client instanceof pg.Pool
      ? await client.query({ text, values: params, rowMode: "array" })
      : await client.query<unknown[]>(text, params, { rowMode: "array" });
  const decode = decoderFor(
    result.fields.map((f) => f.name),
    columns.timestamps,
  );
  return result.rows.map(decode) as R[];
}
