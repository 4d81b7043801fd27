import { pickFields } from "@domain/pick-fields";
import { takesAwayAnAdmin } from "@domain/policy/accounts";
import { can } from "@domain/policy/policy";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { isUniqueViolation } from "@server/db/errors";
import { decodeCursor, toPage } from "@server/db/keyset";
import { sessions } from "@server/db/schema";
import { conflict, notFound, ruleViolation, staleVersion } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import { hashPassword } from "@server/modules/auth/password";
import { findTeamById } from "@server/modules/teams/team.repository";
import { revokeAllTokens } from "@server/modules/tokens/token.repository";
import type { createUserBody, UserOption, updateUserBody } from "@shared/schemas/account";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { toUser } from "./user.mapper";
import * as repo from "./user.repository";

export async function listUsers(
  ctx: ServiceContext,
  query: { limit: number; cursor?: string | undefined; q?: string | undefined },
) {
  authorize(ctx, "user.list");
  const cursor = query.cursor ? decodeCursor(query.cursor, 2) : null;
  const rows = await repo.listUsers(ctx.db, { limit: query.limit, cursor, q: query.q });
  const page = toPage(rows, query.limit, (r) => [r.sortKey, r.id]);
  return { data: page.data.map(toUser), nextCursor: page.nextCursor };
}

export async function getUser(ctx: ServiceContext, id: string) {
  authorize(ctx, "user.read", { id });
  const row = await repo.findUserById(ctx.db, id);
  if (!row) throw notFound("user_not_found");
  return toUser(row);
}

export async function createUser(ctx: ServiceContext, input: z.infer<typeof createUserBody>) {
  authorize(ctx, "user.create");
  if (input.teamId && !(await findTeamById(ctx.db, input.teamId))) {
    throw ruleViolation("team_unknown").at("teamId");
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      if (await repo.findUserByEmail(tx, input.email)) throw emailTaken();
      const row = await repo.insertUser(tx, {
        email: input.email,
        name: input.name,
        passwordHash,
        role: input.role,
        teamId: input.teamId,
        active: input.active ?? true,
        locale: input.locale ?? ctx.actor.locale,
      });
      await audit(
        tx,
        ctx,
        "user.created",
        row,
        pickFields(row, ["email", "name", "role", "teamId", "active"]),
      );
      return toUser(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

export async function updateUser(ctx: ServiceContext, id: string, input: z.infer<typeof updateUserBody>) {
  authorize(ctx, "user.update");
  if (input.teamId && !(await findTeamById(ctx.db, input.teamId))) {
    throw ruleViolation("team_unknown").at("teamId");
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findUserById(tx, id);
    if (!current) throw notFound("user_not_found");
    if (takesAwayAnAdmin(current, input) && (await repo.countActiveAdmins(tx)) <= 1) {
      throw ruleViolation("last_admin").at(input.active === false ? "active" : "role");
    }
    const { password: _password, version, ...changes } = input;
    const row = await repo.updateUser(
      tx,
      id,
      { ...changes, ...(passwordHash ? { passwordHash } : {}) },
      version,
    );
    if (!row) throw staleVersion("user");
    // A deactivated user or a new password ends every open session of that user; a password reset
    // also revokes the user's API tokens, which may have been made by whoever knew the old one.
    if (input.active === false || passwordHash) await tx.delete(sessions).where(eq(sessions.userId, id));
    if (passwordHash) await revokeAllTokens(tx, id);
    const password = passwordHash ? { password: "(changed)" } : {};
    await audit(tx, ctx, "user.updated", { id }, { ...changes, ...password });
    return toUser(row);
  });
}

const emailTaken = () => conflict("email_taken").at("email");

/**
 * Who the caller may choose as owner (the same rule assertAssignableOwner enforces): admins and
 * managers anyone active, sales and marketing themselves and their team.
 */
export async function listUserOptions(ctx: ServiceContext, query: { q?: string | undefined }) {
  const broad = can(ctx.actor, "record.assign_anyone");
  const rows = await repo.listUserOptions(ctx.db, {
    ...(broad ? {} : { teamId: ctx.actor.teamId, includeId: ctx.actor.id }),
    q: query.q,
  });
  return { data: rows.map((r) => ({ ...r, role: r.role as UserOption["role"] })) };
}
