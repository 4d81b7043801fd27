import type { DbOrTx } from "@server/db/client";
import { activities, companies, contacts, deals, leads } from "@server/db/schema";
import { eq, sql } from "drizzle-orm";

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
