import { contacts } from "@server/db/schema";
import { type SQL, sql } from "drizzle-orm";

/** An address in the form `contacts.email_keys` holds it (f_email_keys: trimmed, lower-cased). */
export const emailKey = (address: string): string => address.trim().toLowerCase();

/**
 * The contact has any of these addresses, its primary or another one of its `emails` (#16): one
 * `email_keys && array[…]` on contacts_email_keys_idx (GIN), for one address or a whole batch.
 * `keys` must be in `emailKey` form.
 */
export function contactHasAnyEmail(keys: readonly string[]): SQL {
  return sql`${contacts.emailKeys} && ${sql.param([...keys])}::text[]`;
}

/**
 * Which of `wanted` each row holds, in the rows' order: a batch's query answers several addresses at
 * once, and this maps every matched address back to its rows (the first row per address wins).
 */
export function firstRowByEmailKey<R extends { emailKeys: readonly string[] }>(
  rows: readonly R[],
  wanted: readonly string[],
): Map<string, R> {
  const open = new Set(wanted);
  const found = new Map<string, R>();
  for (const row of rows)
    for (const key of row.emailKeys) if (open.has(key) && !found.has(key)) found.set(key, row);
  return found;
}
