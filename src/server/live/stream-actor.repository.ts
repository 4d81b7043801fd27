import type { DbOrTx } from "@server/db/client";
import { apiTokens, sessions, users } from "@server/db/schema";
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";

/** A stream's credential: the cookie session or the API token it was opened with, and its user. */
export interface StreamCredential {
  userId: string;
  sessionId: string | null;
  tokenId: string | null;
}

type UserRow = typeof users.$inferSelect;

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The current users behind these credentials, by credential: a session that is unexpired, a token
 * that is not revoked, and only active users (the same conditions as logging in by cookie or token).
 * A credential missing from the answer has ended. Sessions are found through their user (indexed).
 */
export async function liveCredentials(db: DbOrTx, credentials: readonly StreamCredential[]) {
  const bySession = new Map<string, UserRow>();
  const byToken = new Map<string, UserRow>();
  const withSession = credentials.filter((c) => c.sessionId);
  for (const part of chunks(withSession)) {
    const rows = await db
      .select({ sessionId: sessions.id, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          inArray(sessions.userId, [...new Set(part.map((c) => c.userId))]),
          inArray(
            sessions.id,
            part.flatMap((c) => (c.sessionId ? [c.sessionId] : [])),
          ),
          gt(sessions.expiresAt, sql`now()`),
          eq(users.active, true),
        ),
      );
    for (const row of rows) bySession.set(row.sessionId, row.user);
  }
  const tokenIds = [...new Set(credentials.flatMap((c) => (c.tokenId ? [c.tokenId] : [])))];
  for (const ids of chunks(tokenIds)) {
    const rows = await db
      .select({ tokenId: apiTokens.id, user: users })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(inArray(apiTokens.id, ids), isNull(apiTokens.revokedAt), eq(users.active, true)));
    for (const row of rows) byToken.set(row.tokenId, row.user);
  }
  return { bySession, byToken };
}
