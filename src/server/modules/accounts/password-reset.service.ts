import type { Db } from "@server/db/client";
import { ruleViolation } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import { claimLoginAttempt } from "@server/modules/auth/login-throttle";
import { hashPassword } from "@server/modules/auth/password";
import { hashToken, newSecretToken } from "@server/modules/auth/secret-token";
import { deleteOtherSessions } from "@server/modules/auth/session.repository";
import { enqueueMail } from "@server/modules/mail/outbox";
import { revokeAllTokens } from "@server/modules/tokens/token.repository";
import { findUserByEmail, findUserById, updateUser } from "@server/modules/users/user.repository";
import type { Locale } from "@shared/schemas/common";
import * as repo from "./accounts.repository";

export const RESET_LINK_MINUTES = 60;
/** At most this many reset mails per account and hour, so nobody can flood an inbox through us. */
const MAILS_PER_HOUR = 3;
/**
 * Every request answers after at least this long, whether the address exists (a token and a mail are
 * written) or not (nothing is): the answer's timing does not tell which.
 */
const ANSWER_FLOOR_MS = 400;

const MAIL = {
  de: {
    subject: "Passwort für Leadwerk zurücksetzen",
    text: (name: string, link: string) =>
      `Hallo ${name},\n\njemand (hoffentlich Sie) hat ein neues Passwort für Ihr Leadwerk-Konto angefordert. Über diesen Link legen Sie es fest:\n\n${link}\n\nDer Link gilt ${RESET_LINK_MINUTES} Minuten und nur einmal. Danach sind alle Ihre Anmeldungen und API-Tokens beendet.\n\nWenn Sie nichts angefordert haben, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.\n`,
  },
  en: {
    subject: "Reset your Leadwerk password",
    text: (name: string, link: string) =>
      `Hello ${name},\n\nsomeone (hopefully you) asked for a new password for your Leadwerk account. Set it with this link:\n\n${link}\n\nThe link works once and for ${RESET_LINK_MINUTES} minutes. Afterwards all your sessions and API tokens are ended.\n\nIf you did not ask for this, ignore this email; your password stays as it is.\n`,
  },
} as const satisfies Record<Locale, unknown>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * "Forgot password?": for an active account, a single-use link valid one hour goes out by mail (in the
 * user's language, through the durable outbox); for an unknown address nothing happens. Counted by the
 * login limiter (per client and account, and per client across accounts), so it cannot be used to
 * probe addresses or flood an inbox. The caller answers 202 either way.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; ip: string; baseUrl: string; requestId: string },
): Promise<{ queued: boolean }> {
  const floor = sleep(ANSWER_FLOOR_MS);
  try {
    await claimLoginAttempt(db, { ip: input.ip, email: input.email });
    const user = await findUserByEmail(db, input.email);
    if (!user?.active) return { queued: false };
    if ((await repo.countRecentResetLinks(db, user.id, 3600)) >= MAILS_PER_HOUR) return { queued: false };
    const token = newSecretToken();
    // The token travels in the fragment: browsers send no fragment to any server, so it stays out of
    // proxy and access logs and of Referer headers.
    const link = `${input.baseUrl}/reset-password#${token}`;
    const words = MAIL[user.locale === "de" ? "de" : "en"];
    await db.transaction(async (tx) => {
      await repo.insertResetLink(tx, {
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + RESET_LINK_MINUTES * 60_000),
      });
      await enqueueMail(tx, {
        to: user.email,
        subject: words.subject,
        text: words.text(user.name, link),
        related: [{ entity: "user", id: user.id }],
      });
      await audit(tx, { actor: null, requestId: input.requestId }, "auth.password_reset_requested", user);
    });
    return { queued: true };
  } finally {
    await floor;
  }
}

/**
 * Sets a new password with a reset link's token: the link is used up, every session, pending login and
 * API token of the user ends (whoever knew the old password is out), other open links end too.
 * The user's id, for the caller to tell every process.
 */
export async function confirmPasswordReset(
  db: Db,
  input: { token: string; newPassword: string; requestId: string },
): Promise<string> {
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    const userId = await repo.consumeResetLink(tx, hashToken(input.token));
    const user = userId ? await findUserById(tx, userId) : undefined;
    if (!userId || !user?.active) throw ruleViolation("password_reset_invalid").at("token");
    await updateUser(tx, userId, { passwordHash });
    await repo.endResetLinks(tx, userId);
    await deleteOtherSessions(tx, userId, null);
    await repo.deleteUserPendingLogins(tx, userId);
    const tokensRevoked = await revokeAllTokens(tx, userId);
    await audit(tx, { actor: null, requestId: input.requestId }, "auth.password_reset", user, {
      apiTokensRevoked: tokensRevoked,
    });
    return userId;
  });
}
