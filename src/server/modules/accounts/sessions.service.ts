import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { notFound } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import { findUserById } from "@server/modules/users/user.repository";
import type { SessionInfo } from "@shared/schemas/account-security";
import * as repo from "./accounts.repository";

/** One's own open sessions, the one asking marked `current`, most recently seen first. */
export async function listOwnSessions(ctx: ServiceContext): Promise<{ data: SessionInfo[] }> {
  const rows = await repo.listUserSessions(ctx.db, ctx.actor.id);
  return {
    data: rows.map((row) => ({
      id: row.id,
      userAgent: row.userAgent,
      ipPrefix: row.ipPrefix,
      createdAt: row.createdAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      current: row.id === ctx.actor.sessionId,
    })),
  };
}

/** Ends one of one's sessions (another device, or this one: then it is a logout); 404 for others' ids. */
export async function revokeOwnSession(ctx: ServiceContext, sessionId: string): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    const tokenHash = await repo.deleteUserSession(tx, ctx.actor.id, sessionId);
    if (!tokenHash) throw notFound("session_not_found");
    await audit(tx, ctx, "auth.session_revoked", { id: ctx.actor.id }, { sessionId });
    return tokenHash;
  });
}

/** Ends every session of one's own but the current one; how many ended. */
export async function revokeOtherSessions(ctx: ServiceContext): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const revoked = await repo.deleteUserSessions(tx, ctx.actor.id, ctx.actor.sessionId);
    await audit(tx, ctx, "auth.sessions_revoked", { id: ctx.actor.id }, { revoked });
    return revoked;
  });
}

/** An admin ends every session (and pending login) of a user, from the user page. */
export async function revokeUserSessions(ctx: ServiceContext, userId: string): Promise<number> {
  authorize(ctx, "user.update");
  if (!(await findUserById(ctx.db, userId))) throw notFound("user_not_found");
  return ctx.db.transaction(async (tx) => {
    const keep = userId === ctx.actor.id ? ctx.actor.sessionId : null;
    const revoked = await repo.deleteUserSessions(tx, userId, keep);
    await repo.deleteUserPendingLogins(tx, userId);
    await audit(tx, ctx, "auth.sessions_revoked", { id: userId }, { revoked, byAdmin: true });
    return revoked;
  });
}
