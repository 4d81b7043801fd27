import type { DbOrTx } from "@server/db/client";
import { apiTokens } from "@server/db/schema";
import { and, desc, eq, isNull } from "drizzle-orm";

export type TokenRow = typeof apiTokens.$inferSelect;

/** A user's live tokens; bounded by MAX_TOKENS_PER_USER, so one page. */
export async function listOwnTokens(db: DbOrTx, userId: string): Promise<TokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function insertToken(db: DbOrTx, values: typeof apiTokens.$inferInsert): Promise<TokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** Revokes only the user's own live token; returns false when there is none with that id. */
export async function revokeOwnToken(db: DbOrTx, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/** Revokes every live token of the user (password changed or reset); how many there were. */
export async function revokeAllTokens(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}
