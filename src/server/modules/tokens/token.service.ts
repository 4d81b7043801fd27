import type { ServiceContext } from "@server/context";
import { notFound, ruleViolation } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import { hashToken, newSecretToken } from "@server/modules/auth/secret-token";
import type { ApiToken } from "@shared/schemas/account";
import * as repo from "./token.repository";

export const MAX_TOKENS_PER_USER = 50;
const TOKEN_PREFIX = "lw_";

const toToken = (row: repo.TokenRow): ApiToken => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
});

export async function listTokens(ctx: ServiceContext) {
  const rows = await repo.listOwnTokens(ctx.db, ctx.actor.id);
  return { data: rows.map(toToken), nextCursor: null };
}

export async function createToken(ctx: ServiceContext, input: { name: string }) {
  return ctx.db.transaction(async (tx) => {
    if ((await repo.listOwnTokens(tx, ctx.actor.id)).length >= MAX_TOKENS_PER_USER) {
      throw ruleViolation("tokens_limit", { count: MAX_TOKENS_PER_USER });
    }
    const token = newSecretToken(TOKEN_PREFIX);
    const row = await repo.insertToken(tx, {
      userId: ctx.actor.id,
      name: input.name,
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      tokenHash: hashToken(token),
    });
    await audit(tx, ctx, "token.created", row, { name: row.name });
    return { ...toToken(row), token };
  });
}

export async function revokeToken(ctx: ServiceContext, id: string) {
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.revokeOwnToken(tx, ctx.actor.id, id))) throw notFound("token_not_found");
    await audit(tx, ctx, "token.revoked", { id });
  });
}
