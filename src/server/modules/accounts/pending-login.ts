import type { DbOrTx } from "@server/db/client";
import { hashToken, newSecretToken } from "@server/modules/auth/secret-token";
import * as repo from "./accounts.repository";

/** How long the second step of a login may take, and how many wrong codes it allows. */
export const PENDING_LOGIN_MS = 5 * 60_000;
export const PENDING_LOGIN_ATTEMPTS = 5;

/** The first factor passed: a short-lived, single-use token that the code must come with. */
export async function startSecondFactor(db: DbOrTx, userId: string) {
  const pendingToken = newSecretToken();
  const expiresAt = new Date(Date.now() + PENDING_LOGIN_MS);
  await repo.insertPendingLogin(db, { tokenHash: hashToken(pendingToken), userId, expiresAt });
  return { pendingToken, expiresAt };
}
