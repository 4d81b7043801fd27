import type { DbOrTx } from "@server/db/client";
import { sql } from "drizzle-orm";

/** When the newest applied migration was written (Drizzle's `created_at`), null before the first. */
export async function newestAppliedMigration(db: DbOrTx): Promise<number | null> {
  const [row] = await db
    .select({ newest: sql<string | null>`max(created_at)::text` })
    .from(sql`public.__drizzle_migrations`);
  return row?.newest == null ? null : Number(row.newest);
}
