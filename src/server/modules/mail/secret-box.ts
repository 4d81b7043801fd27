import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Db } from "@server/db/client";
import { appSecrets } from "@server/db/schema";
import { eq } from "drizzle-orm";

/**
 * Secrets at rest (mail passwords): AES-256-GCM from node:crypto, a fresh 12-byte IV per value, the
 * purpose as additional data so a sealed value cannot be moved to another use. Stored as
 * `v1.<base64url(iv | tag | ciphertext)>`.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("secret key must be 32 bytes");
  }

  seal(plain: string, purpose: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
  }

  /** The plain value, or null when it was sealed with another key (the key changed) or tampered with. */
  open(sealed: string, purpose: string): string | null {
    if (!sealed.startsWith("v1.")) return null;
    const raw = Buffer.from(sealed.slice(3), "base64url");
    if (raw.length < 28) return null;
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    } catch {
      return null;
    }
  }
}

/**
 * The key from LEADWERK_SECRET_KEY, else one generated once and kept in `app_secrets` (shared by every
 * process on the database). The configured key is the safer choice: a database dump then holds no
 * readable mail password.
 */
export async function loadSecretBox(db: Db, configured: Buffer | null): Promise<SecretBox> {
  if (configured) return new SecretBox(configured);
  const name = "mail_secret_key";
  await db
    .insert(appSecrets)
    .values({ name, value: randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, name));
  if (!row) throw new Error(`secret ${name} missing`);
  return new SecretBox(Buffer.from(row.value, "base64url"));
}
