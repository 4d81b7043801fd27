import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults to Argon2id (RFC 9106's recommendation); these costs follow OWASP's
// "m=19 MiB, t=2, p=1" minimum for argon2id.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

/** A hash of a random string, verified against when the email is unknown so timing does not tell. */
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hashPassword(crypto.randomUUID());
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
