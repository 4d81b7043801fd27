import { contacts } from "@server/db/schema";
import { type SQL, sql } from "drizzle-orm";

/** An address in the form `contacts.email_keys` holds it (f_email_keys: trimmed, lower-cased). */
export const emailKey = (address: string): string => address.trim().toLowerCase();

/** Up to this many addresses are one `&&` (below); more are looked up one by one on the index. */
const FEW_KEYS = 16;

/**
 * The contact has any of these addresses, its primary or another one of its `emails` (#16), on
 * contacts_email_keys_idx (GIN). A few addresses (a form, a mail, a conversion) are one
 * `email_keys && array[…]`. A batch's thousands are one index probe per address, their ids hashed:
 * with `&&` and 5,000 addresses the planner chose a sequential scan that compares every contact's
 * addresses with all 5,000 (31 s per import batch at 200,000 contacts; 40 ms this way, issue #17).
 * `keys` must be in `emailKey` form.
 */
export function contactHasAnyEmail(keys: readonly string[]): SQL {
  if (keys.length <= FEW_KEYS) return sql`${contacts.emailKeys} && ${sql.param([...keys])}::text[]`;
  return sql`${contacts.id} in (
    select hit.id from unnest(${sql.param([...keys])}::text[]) as wanted(key)
    cross join lateral (
      select c.id from ${contacts} as c where c.email_keys @> array[wanted.key]
    ) as hit)`;
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
