import { actorFrom } from "@server/access/actor";
import type { ActorCache } from "@server/access/actor-cache";
import type { Actor } from "@server/access/permission-gate";
import type { Db, DbOrTx } from "@server/db/client";
import { notFound, ruleViolation, unauthenticated } from "@server/errors";
import { ipPrefix } from "@server/modules/accounts/ip-prefix";
import { startSecondFactor } from "@server/modules/accounts/pending-login";
import { isTwoFactorEnabled } from "@server/modules/accounts/two-factor.service";
import { audit } from "@server/modules/audit/audit";
import { revokeAllTokens } from "@server/modules/tokens/token.repository";
import {
  findUserByEmail,
  findUserById,
  recordLogin,
  type UserRow,
  updateUser,
} from "@server/modules/users/user.repository";
import type { Locale } from "@shared/schemas/common";
import { claimLoginAttempt } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password";
import { hashToken, newSecretToken } from "./secret-token";
import * as sessionsRepo from "./session.repository";

const DAY_MS = 86_400_000;
/** Sliding expiry is refreshed at most this often, so reads do not turn into writes on every request. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export interface LoginResult {
  user: UserRow;
  actor: Actor;
  sessionToken: string;
}

/** Opens a session for a user whose identity is already established (login or first setup). */
export async function openSession(
  db: DbOrTx,
  user: UserRow,
  sessionDays: number,
  userAgent: string | null,
  ip: string | null = null,
): Promise<LoginResult> {
  const sessionToken = newSecretToken();
  const session = await sessionsRepo.insertSession(db, {
    tokenHash: hashToken(sessionToken),
    userId: user.id,
    expiresAt: new Date(Date.now() + sessionDays * DAY_MS),
    userAgent: userAgent?.slice(0, 300) ?? null,
    ipPrefix: ip ? ipPrefix(ip) : null,
  });
  return { user, actor: actorFrom(user, { sessionId: session.id }), sessionToken };
}

/** The password was right and the account has two-factor on: the login waits for the code. */
export interface PendingSecondFactor {
  pendingToken: string;
  expiresAt: Date;
}

export async function login(
  db: Db,
  input: {
    email: string;
    password: string;
    /** The client's address, for the attempt limits (login-throttle.ts). */
    ip: string;
    userAgent: string | null;
    sessionDays: number;
    requestId: string;
  },
): Promise<LoginResult | PendingSecondFactor> {
  const attempt = await claimLoginAttempt(db, { ip: input.ip, email: input.email });
  const user = await findUserByEmail(db, input.email);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  // One message for unknown email, wrong password and deactivated account: nothing to enumerate.
  if (!user || !ok || !user.active) throw unauthenticated("login_failed");
  // With two-factor the attempt keeps counting until the code is right too (completeSecondFactor), so
  // the per-account limit also bounds guessing codes.
  if (await isTwoFactorEnabled(db, user.id)) return startSecondFactor(db, user.id);
  await attempt.succeeded();
  return finishLogin(db, user, input);
}

/** Opens the session of a login whose every factor is checked; the audit entry says so. */
export async function finishLogin(
  db: DbOrTx,
  user: UserRow,
  input: { ip: string; userAgent: string | null; sessionDays: number; requestId: string },
  changes?: Record<string, unknown>,
): Promise<LoginResult> {
  const result = await openSession(db, user, input.sessionDays, input.userAgent, input.ip);
  const updated = await recordLogin(db, user.id, new Date());
  await audit(db, { actor: user, requestId: input.requestId }, "auth.login", user, changes);
  return { ...result, user: updated ?? user };
}

export async function logout(db: Db, sessionToken: string, cache?: ActorCache): Promise<void> {
  const tokenHash = hashToken(sessionToken);
  await sessionsRepo.deleteSession(db, tokenHash);
  cache?.forget(tokenHash);
}

/** The actor of a session cookie; `cache` (actor-cache.ts) spares the lookup for a few seconds. */
export async function resolveSession(
  db: Db,
  sessionToken: string,
  sessionDays: number,
  cache?: ActorCache,
): Promise<Actor | null> {
  const tokenHash = hashToken(sessionToken);
  const cached = cache?.get(tokenHash);
  if (cached) return cached;
  const row = await sessionsRepo.findSessionUser(db, tokenHash);
  if (!row) return null;
  if (Date.now() - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await sessionsRepo.touchSession(db, tokenHash, new Date(Date.now() + sessionDays * DAY_MS));
  }
  const actor = actorFrom(row.user, { sessionId: row.session.id });
  cache?.set(tokenHash, actor, row.session.expiresAt.getTime());
  return actor;
}

export async function resolveApiToken(db: Db, token: string, cache?: ActorCache): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const cached = cache?.get(tokenHash);
  if (cached) return cached;
  const row = await sessionsRepo.findTokenUser(db, tokenHash);
  if (!row) return null;
  const lastUsed = row.token.lastUsedAt?.getTime() ?? 0;
  if (Date.now() - lastUsed > TOUCH_INTERVAL_MS) await sessionsRepo.touchToken(db, row.token.id);
  const actor = actorFrom(row.user, { tokenId: row.token.id });
  cache?.set(tokenHash, actor);
  return actor;
}

export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  input: {
    currentPassword: string;
    newPassword: string;
    revokeApiTokens?: boolean | undefined;
    requestId: string;
  },
): Promise<void> {
  const user = await findUserById(db, actor.id);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw ruleViolation("password_wrong").at("currentPassword");
  }
  if (input.currentPassword === input.newPassword) {
    throw ruleViolation("password_unchanged").at("newPassword");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await updateUser(tx, actor.id, { passwordHash });
    // Other devices must log in again; this session stays.
    await sessionsRepo.deleteOtherSessions(tx, actor.id, actor.sessionId);
    const tokensRevoked = input.revokeApiTokens ? await revokeAllTokens(tx, actor.id) : 0;
    await audit(
      tx,
      { actor, requestId: input.requestId },
      "auth.password_changed",
      actor,
      input.revokeApiTokens ? { apiTokensRevoked: tokensRevoked } : undefined,
    );
  });
}

export async function updateProfile(
  db: Db,
  actor: Actor,
  input: { name?: string | undefined; locale?: Locale | undefined },
): Promise<UserRow> {
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
  };
  const row = await updateUser(db, actor.id, changes);
  if (!row) throw notFound("user_not_found");
  return row;
}
