import type { DbOrTx } from "@server/db/client";
import { activities, companies, contacts, deals, leads } from "@server/db/schema";
import { type Column, eq, getTableColumns, is, sql } from "drizzle-orm";
import { PgJson, PgJsonb } from "drizzle-orm/pg-core";

/** The CRM records: each has `id`, `version` and `updated_at` (`recordColumns()` in the schema). */
export const RECORD_TABLES = {
  lead: leads,
  contact: contacts,
  company: companies,
  deal: deals,
  activity: activities,
};
export type RecordTable = (typeof RECORD_TABLES)[keyof typeof RECORD_TABLES];

/**
 * Writes `values` to one record as an edit: a new version (an open form with the old one meets a
 * 409) and `updated_at` now. The caller has locked and checked the row.
 */
export async function updateRecordRow<T extends RecordTable>(
  db: DbOrTx,
  table: T,
  id: string,
  values: Partial<T["$inferInsert"]>,
): Promise<T["$inferSelect"]> {
  const [row] = await db
    .update(table as RecordTable)
    .set({ ...values, version: sql`${table.version} + 1`, updatedAt: new Date() })
    .where(eq(table.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row as T["$inferSelect"];
}

/**
 * `updateRecordRow` for many records in one statement (a batch of 1,000 edits):
 * `UPDATE … FROM jsonb_populate_recordset(null::<table>, $1)`: one parameter, every value typed by the
 * table's own row type. Each row's `current` (locked and checked by the caller) fills the columns
 * another row of the statement changes but it does not, so every record keeps what it had there.
 */
export async function updateRecordRows<T extends RecordTable>(
  db: DbOrTx,
  table: T,
  rows: { current: T["$inferSelect"]; values: Partial<T["$inferInsert"]> }[],
): Promise<T["$inferSelect"][]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table as RecordTable) as Record<string, Column>;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.values)))].filter(
    (k) => k !== "id" && k !== "version" && k !== "updatedAt" && columns[k] !== undefined,
  );
  const json = rows.map(({ current, values }) => {
    const merged: Record<string, unknown> = { ...current, ...values };
    const out: Record<string, unknown> = { id: current.id };
    for (const key of keys) {
      const column = columns[key];
      const value = merged[key];
      if (!column) continue;
      // JSON columns go in as JSON; the rest in their driver form (ISO times, array literals).
      out[column.name] =
        value === null || value === undefined || is(column, PgJsonb) || is(column, PgJson)
          ? (value ?? null)
          : column.mapToDriverValue(value);
    }
    return out;
  });
  const set: Record<string, unknown> = { version: sql`${table.version} + 1`, updatedAt: new Date() };
  for (const key of keys) {
    const column = columns[key];
    if (column) set[key] = sql`v.${sql.identifier(column.name)}`;
  }
  const updated = await db
    .update(table as RecordTable)
    .set(set)
    .from(sql`jsonb_populate_recordset(null::${table}, ${JSON.stringify(json)}::jsonb) as v`)
    .where(eq(table.id, sql`v.id`))
    .returning();
  return updated as T["$inferSelect"][];
}
