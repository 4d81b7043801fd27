import type { Db } from "@server/db/client";
import { ruleViolation, unauthenticated } from "@server/errors";
import { finishLogin, type LoginResult } from "@server/modules/auth/auth.service";
import { claimLoginAttempt } from "@server/modules/auth/login-throttle";
import { hashToken } from "@server/modules/auth/secret-token";
import type { SecretBox } from "@server/modules/mail/secret-box";
import { findUserById } from "@server/modules/users/user.repository";
import * as repo from "./accounts.repository";
import { PENDING_LOGIN_ATTEMPTS } from "./pending-login";
import { verifySecondFactor } from "./two-factor.service";

/**
 * The second step of a login: the pending token from the first and a TOTP or recovery code. Counted
 * by the login limiter on the account like a password attempt; the pending login ends after five
 * wrong codes, five minutes, or its one success.
 */
export async function completeSecondFactor(
  db: Db,
  box: SecretBox,
  input: {
    pendingToken: string;
    code: string;
    ip: string;
    userAgent: string | null;
    sessionDays: number;
    requestId: string;
  },
): Promise<LoginResult> {
  const tokenHash = hashToken(input.pendingToken);
  const userId = await repo.attemptPendingLogin(db, tokenHash, PENDING_LOGIN_ATTEMPTS);
  const user = userId ? await findUserById(db, userId) : undefined;
  if (!user?.active) throw unauthenticated("two_factor_login_expired");
  const attempt = await claimLoginAttempt(db, { ip: input.ip, email: user.email });
  const result = await db.transaction(async (tx) => {
    const factor = await verifySecondFactor(tx, box, user.id, input.code);
    if (!factor) return null;
    // Single use: only the request that deletes the pending login opens a session.
    if (!(await repo.deletePendingLogin(tx, tokenHash))) return null;
    return finishLogin(tx, user, input, { secondFactor: factor });
  });
  if (!result) throw ruleViolation("two_factor_code_invalid").at("code");
  await attempt.succeeded();
  return result;
}
