import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { DbOrTx } from "@server/db/client";
import { appSecrets } from "@server/db/schema";
import { eq } from "drizzle-orm";

const NAME = "intake_form_key";
const keys = new WeakMap<object, Promise<string>>();

/** A random key shared by all processes through app_secrets (created by the first that asks). */
export function formSecret(db: DbOrTx): Promise<string> {
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      await db
        .insert(appSecrets)
        .values({ name: NAME, value: randomBytes(32).toString("base64url") })
        .onConflictDoNothing();
      const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, NAME));
      if (!row) throw new Error("intake form secret missing");
      return row.value;
    })();
    keys.set(db, key);
    key.catch(() => keys.delete(db));
  }
  return key;
}

const mac = (secret: string, text: string) => createHmac("sha256", secret).update(text).digest("base64url");

/**
 * The start token a form page carries in a hidden field: when it was rendered, signed, so the minimum
 * fill time holds without JavaScript and without any server state.
 */
export function startToken(secret: string, formId: string, now = Date.now()): string {
  return `${now}.${mac(secret, `${formId}.${now}`)}`;
}

/** The render time of a valid token of this form, else null. */
export function startTimeOf(secret: string, formId: string, token: string): number | null {
  const [time, signature] = token.split(".");
  if (!time || !signature || !/^\d{1,15}$/.test(time)) return null;
  const expected = Buffer.from(mac(secret, `${formId}.${time}`));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? Number(time) : null;
}

/** The client address as consent proof: an HMAC, never the address itself. */
export const clientHash = (secret: string, client: string) => mac(secret, `ip:${client}`);
