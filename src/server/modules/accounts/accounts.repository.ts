import type { DbOrTx } from "@server/db/client";
import {
  passwordResetTokens,
  pendingLogins,
  sessions,
  twoFactorRecoveryCodes,
  userTwoFactor,
} from "@server/db/schema";
import { and, count, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";

// --- password reset links ------------------------------------------------------------------------

export async function countRecentResetLinks(db: DbOrTx, userId: string, sinceSeconds: number) {
  const [row] = await db
    .select({ n: count() })
    .from(passwordResetTokens)
    .where(
      and(
        eq(passwordResetTokens.userId, userId),
        sql`${passwordResetTokens.createdAt} > now() - make_interval(secs => ${sinceSeconds})`,
      ),
    );
  return row?.n ?? 0;
}

export async function insertResetLink(
  db: DbOrTx,
  values: { userId: string; tokenHash: string; expiresAt: Date },
) {
  await db.insert(passwordResetTokens).values(values);
}

/** Marks an unused, unexpired link used and names its user; null when there is none (one winner under races). */
export async function consumeResetLink(db: DbOrTx, tokenHash: string): Promise<string | null> {
  const [row] = await db
    .update(passwordResetTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(passwordResetTokens.tokenHash, tokenHash),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: passwordResetTokens.userId });
  return row?.userId ?? null;
}

/** Every other open link of the user ends with a reset (an older mail must not work afterwards). */
export async function endResetLinks(db: DbOrTx, userId: string) {
  await db
    .update(passwordResetTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

// --- two-factor ------------------------------------------------------------------------------------

export async function findTwoFactor(db: DbOrTx, userId: string) {
  const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId));
  return row ?? null;
}

/** Starts (or restarts) a setup: a new secret that is not enabled yet. */
export async function upsertPendingTwoFactor(db: DbOrTx, userId: string, secretSealed: string) {
  await db
    .insert(userTwoFactor)
    .values({ userId, secretSealed })
    .onConflictDoUpdate({
      target: userTwoFactor.userId,
      set: { secretSealed, enabledAt: null, lastStep: null, createdAt: sql`now()` },
    });
}

/**
 * Records `step` as the last accepted one when it lies after the stored one: false when another request
 * took this step (or a later one) first, so one code opens one door.
 */
export async function claimStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(userTwoFactor)
    .set({ lastStep: step })
    .where(
      and(
        eq(userTwoFactor.userId, userId),
        or(isNull(userTwoFactor.lastStep), lt(userTwoFactor.lastStep, step)),
      ),
    )
    .returning({ userId: userTwoFactor.userId });
  return rows.length === 1;
}

export async function enableTwoFactor(db: DbOrTx, userId: string) {
  await db.update(userTwoFactor).set({ enabledAt: sql`now()` }).where(eq(userTwoFactor.userId, userId));
}

export async function deleteTwoFactor(db: DbOrTx, userId: string) {
  await db.delete(userTwoFactor).where(eq(userTwoFactor.userId, userId));
  await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
}

export async function replaceRecoveryCodes(db: DbOrTx, userId: string, codeHashes: string[]) {
  await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
  await db.insert(twoFactorRecoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Uses up one unused recovery code; false when it is unknown or used (one winner under races). */
export async function consumeRecoveryCode(db: DbOrTx, userId: string, codeHash: string): Promise<boolean> {
  const rows = await db
    .update(twoFactorRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(twoFactorRecoveryCodes.userId, userId),
        eq(twoFactorRecoveryCodes.codeHash, codeHash),
        isNull(twoFactorRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: twoFactorRecoveryCodes.id });
  return rows.length === 1;
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(twoFactorRecoveryCodes)
    .where(and(eq(twoFactorRecoveryCodes.userId, userId), isNull(twoFactorRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

// --- the pending second step of a login ------------------------------------------------------------

export async function insertPendingLogin(
  db: DbOrTx,
  values: { tokenHash: string; userId: string; expiresAt: Date },
) {
  await db.delete(pendingLogins).where(lt(pendingLogins.expiresAt, sql`now()`));
  await db.insert(pendingLogins).values(values);
}

/**
 * Counts one attempt on an unexpired pending login below `maxAttempts` and names its user; null when the
 * token is unknown, expired or out of attempts.
 */
export async function attemptPendingLogin(db: DbOrTx, tokenHash: string, maxAttempts: number) {
  const [row] = await db
    .update(pendingLogins)
    .set({ attempts: sql`${pendingLogins.attempts} + 1` })
    .where(
      and(
        eq(pendingLogins.tokenHash, tokenHash),
        gt(pendingLogins.expiresAt, sql`now()`),
        lt(pendingLogins.attempts, maxAttempts),
      ),
    )
    .returning({ userId: pendingLogins.userId });
  return row?.userId ?? null;
}

/** Ends a pending login (used or given up); true when this call ended it, so it opens one session. */
export async function deletePendingLogin(db: DbOrTx, tokenHash: string): Promise<boolean> {
  const rows = await db
    .delete(pendingLogins)
    .where(eq(pendingLogins.tokenHash, tokenHash))
    .returning({ userId: pendingLogins.userId });
  return rows.length === 1;
}

export async function deleteUserPendingLogins(db: DbOrTx, userId: string) {
  await db.delete(pendingLogins).where(eq(pendingLogins.userId, userId));
}

// --- sessions --------------------------------------------------------------------------------------

export async function listUserSessions(db: DbOrTx, userId: string) {
  return db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ipPrefix: sessions.ipPrefix,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(200);
}

/** Ends one session of the user; its token hash (for the login cache), or null when there is none. */
export async function deleteUserSession(db: DbOrTx, userId: string, sessionId: string) {
  const [row] = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
    .returning({ tokenHash: sessions.tokenHash });
  return row?.tokenHash ?? null;
}

/** Ends all sessions of the user but `keep` (null: all); how many ended. */
export async function deleteUserSessions(db: DbOrTx, userId: string, keep: string | null) {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keep ? sql`${sessions.id} <> ${keep}` : undefined))
    .returning({ id: sessions.id });
  return rows.length;
}
