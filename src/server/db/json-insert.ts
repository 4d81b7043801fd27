import type { DbOrTx } from "@server/db/client";
import { type Column, getTableColumns, is, type SQL, sql } from "drizzle-orm";
import { PgJson, PgJsonb, type PgTable } from "drizzle-orm/pg-core";

/**
 * Whether every row names the same columns: what `insertRowsAsJson` needs (a column a row leaves out
 * would be NULL there, not its default).
 */
export function sameColumns(rows: readonly Record<string, unknown>[]): boolean {
  const first = rows[0];
  if (!first) return true;
  const keys = Object.keys(first).sort().join(",");
  return rows.every((row) => Object.keys(row).sort().join(",") === keys);
}

/**
 * Many rows of one table in one `INSERT … SELECT … FROM jsonb_populate_recordset(null::<table>, $1)`:
 * one parameter whatever the count, every value typed by the table's own row type (as
 * `updateRecordRows` does for changes). Drizzle's multi-row VALUES builds a parameter per cell, about
 * 1 ms of CPU per 40-column row (issue #17's import profile); this costs one JSON.stringify. Every
 * row must name the same columns (`sameColumns`); the columns none names take their defaults.
 * `returning` lists the columns to return, in the database's names.
 */
export async function insertRowsAsJson<T extends PgTable>(
  db: DbOrTx,
  table: T,
  rows: readonly T["$inferInsert"][],
  returning: SQL,
): Promise<Record<string, unknown>[]> {
  const first = rows[0];
  if (!first) return [];
  const columns = getTableColumns(table) as Record<string, Column>;
  // Each column's name and whether it is JSON, found once per call rather than once per cell (drizzle's
  // `is()` per cell was 7 % of an import's CPU, issue #17).
  const fields = Object.keys(first).flatMap((key) => {
    const column = columns[key];
    return column
      ? [{ key, column, name: column.name, json: is(column, PgJsonb) || is(column, PgJson) }]
      : [];
  });
  const json = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const { key, column, name, json } of fields) {
      const value = (row as Record<string, unknown>)[key];
      // JSON columns go in as JSON; the rest in their driver form (ISO times, array literals).
      out[name] =
        value === null || value === undefined || json ? (value ?? null) : column.mapToDriverValue(value);
    }
    return out;
  });
  const names = sql.join(
    fields.map((f) => sql.identifier(f.name)),
    sql`, `,
  );
  const result: unknown = await db.execute(sql`
    insert into ${table} (${names})
    select ${names} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(json)}::jsonb)
    returning ${returning}`);
  return (result as { rows: Record<string, unknown>[] }).rows;
}
