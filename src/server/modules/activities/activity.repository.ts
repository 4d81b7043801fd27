import type { DbOrTx } from "@server/db/client";
import { afterCursor, type CursorValue } from "@server/db/keyset";
import { activities } from "@server/db/schema";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";

export type ActivityRow = typeof activities.$inferSelect;
export type NewActivityRow = typeof activities.$inferInsert;

export async function insertActivity(db: DbOrTx, values: NewActivityRow): Promise<ActivityRow> {
  const [row] = await db.insert(activities).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function findActivityForUpdate(
  db: DbOrTx,
  id: string,
  visible: SQL,
): Promise<ActivityRow | undefined> {
  const [row] = await db
    .select()
    .from(activities)
    .where(and(eq(activities.id, id), visible))
    .for("update");
  return row;
}

export async function updateActivityRow(
  db: DbOrTx,
  id: string,
  values: Partial<NewActivityRow>,
): Promise<ActivityRow> {
  const [row] = await db
    .update(activities)
    .set({ ...values, version: sql`${activities.version} + 1`, updatedAt: new Date() })
    .where(eq(activities.id, id))
    .returning();
  if (!row) throw new Error("update returned no row");
  return row;
}

export async function listActivityRows(
  db: DbOrTx,
  opts: { where: SQL[]; cursor: CursorValue[] | null; limit: number },
) {
  const conditions = [...opts.where];
  if (opts.cursor)
    conditions.push(afterCursor(activities.createdAt, activities.id, "desc", opts.cursor, "timestamptz"));
  return db
    .select({ row: activities, sortKey: sql<string>`${activities.createdAt}::text` })
    .from(activities)
    .where(and(...conditions))
    .orderBy(desc(activities.createdAt), desc(activities.id))
    .limit(opts.limit + 1);
}
