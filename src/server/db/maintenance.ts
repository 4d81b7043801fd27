import { sql } from "drizzle-orm";
import type { DbOrTx } from "./client";

/** Refreshes the planner's statistics of every table (what autovacuum does on PostgreSQL). */
export async function analyzeDatabase(db: DbOrTx): Promise<void> {
  await db.execute(sql`analyze`);
}
