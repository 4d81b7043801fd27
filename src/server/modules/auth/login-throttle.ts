import type { Db } from "@server/db/client";
import { AppError } from "@server/errors";
import { message } from "@shared/message-codes";
import ipaddr from "ipaddr.js";
import * as attempts from "./login-attempts.repository";
import { hashToken } from "./secret-token";

/**
 * Brute-force and spraying guards of the login (issue 14), counted in the database so that any number of
 * app processes share one count. A client may try one account 10 times a minute (guessing one
 * password), and all accounts together 30 times in 15 minutes (trying one password on every account).
 * Only failed attempts keep counting: a successful login and a refused attempt are forgotten, so
 * a client that keeps hammering is let in again as soon as its older attempts age out.
 */
export const LOGIN_LIMITS = {
  perAccount: { max: 10, windowSeconds: 60 },
  perClient: { max: 30, windowSeconds: 15 * 60 },
} as const;

/**
 * The client a count belongs to: an IPv4 address, or the /64 prefix of an IPv6 address (one
 * subscriber's network: a client owns all of it, so counting single addresses would let it rotate).
 */
export function clientKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === "ipv4") return address.toString();
  const prefix = address.toByteArray().slice(0, 8);
  return `${ipaddr.fromByteArray([...prefix, 0, 0, 0, 0, 0, 0, 0, 0]).toString()}/64`;
}

export class LoginThrottledError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", message("rate_limited"));
  }
}

/**
 * Counts one login attempt of `ip` on `email`, or refuses it with LoginThrottledError before any
 * password is checked. `succeeded` forgets the attempt again.
 */
export async function claimLoginAttempt(
  db: Db,
  input: { ip: string; email: string },
): Promise<{ succeeded(): Promise<void> }> {
  const client = clientKey(input.ip);
  const accountHash = hashToken(input.email.trim().toLowerCase());
  const { perAccount, perClient } = LOGIN_LIMITS;
  const id = await attempts.insertAttempt(db, {
    client,
    accountHash,
    keepSeconds: Math.max(perAccount.windowSeconds, perClient.windowSeconds),
  });
  const recent = await attempts.countRecentAttempts(db, {
    client,
    accountHash,
    accountWindowSeconds: perAccount.windowSeconds,
    clientWindowSeconds: perClient.windowSeconds,
  });
  const accountOver = recent.account > perAccount.max;
  const clientOver = recent.client > perClient.max;
  if (accountOver || clientOver) {
    await attempts.deleteAttempt(db, id);
    const wait = Math.max(accountOver ? recent.accountFreeIn : 0, clientOver ? recent.clientFreeIn : 0);
    throw new LoginThrottledError(Math.max(1, Math.ceil(wait)));
  }
  return { succeeded: () => attempts.deleteAttempt(db, id) };
}
