import type { DbOrTx } from "@server/db/client";
import { settings } from "@server/db/schema";
import { eq, sql } from "drizzle-orm";

const KEY = "lostReasons";

/** The saved list, or null when no admin saved one yet. */
export async function readLostReasons(db: DbOrTx): Promise<string[] | null> {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  const value: unknown = row?.value;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : null;
}

export async function writeLostReasons(db: DbOrTx, reasons: string[]): Promise<void> {
  await db
    .insert(settings)
    .values({ key: KEY, value: reasons })
    .onConflictDoUpdate({ target: settings.key, set: { value: reasons, updatedAt: sql`now()` } });
}
