import type { DbOrTx } from "@server/db/client";
import { apiTokens, sessions, users } from "@server/db/schema";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";

export async function insertSession(
  db: DbOrTx,
  values: {
    tokenHash: string;
    userId: string;
    expiresAt: Date;
    userAgent: string | null;
    ipPrefix?: string | null;
  },
) {
  const [row] = await db.insert(sessions).values(values).returning({ id: sessions.id });
  if (!row) throw new Error("insert returned no row");
  return row;
}

/** The session's user, when the session is unexpired and the user active. */
export async function findSessionUser(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`), eq(users.active, true)),
    );
  return row;
}

export async function touchSession(db: DbOrTx, tokenHash: string, expiresAt: Date) {
  await db
    .update(sessions)
    .set({ lastSeenAt: new Date(), expiresAt })
    .where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: DbOrTx, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteOtherSessions(db: DbOrTx, userId: string, keepSessionId: string | null) {
  const others = keepSessionId
    ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${keepSessionId}`)
    : eq(sessions.userId, userId);
  await db.delete(sessions).where(others);
}

export async function deleteExpiredSessions(db: DbOrTx) {
  await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
}

/** The API token's user, when the token is not revoked and the user active. */
export async function findTokenUser(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), eq(users.active, true)));
  return row;
}

export async function touchToken(db: DbOrTx, id: string) {
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}
