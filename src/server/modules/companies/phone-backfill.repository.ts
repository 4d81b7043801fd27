import type { DbOrTx } from "@server/db/client";
import { companies, contacts, leads } from "@server/db/schema";
import { and, asc, gt, isNotNull, isNull, sql } from "drizzle-orm";

/** The tables whose typed phone has its E.164 form beside it (src/domain/phone-number.ts). */
const TABLES = {
  companies: { table: companies, typed: companies.phone, e164: companies.phoneNormalized },
  contacts: { table: contacts, typed: contacts.phone, e164: contacts.phoneNormalized },
  leads: { table: leads, typed: leads.phone, e164: leads.phoneNormalized },
  leadMobiles: { table: leads, typed: leads.mobile, e164: leads.mobileNormalized },
} as const;
export type PhoneTable = keyof typeof TABLES;
export const PHONE_TABLES = Object.keys(TABLES) as PhoneTable[];

/** Rows after `afterId` with a typed phone but no E.164 form yet, in id order. */
export async function selectPhonesWithoutE164(
  db: DbOrTx,
  which: PhoneTable,
  afterId: string | null,
  limit: number,
) {
  const { table, typed, e164 } = TABLES[which];
  return db
    .select({ id: table.id, phone: sql<string>`${typed}` })
    .from(table)
    .where(and(isNotNull(typed), isNull(e164), afterId ? gt(table.id, afterId) : undefined))
    .orderBy(asc(table.id))
    .limit(limit);
}

/** Writes the E.164 forms in one statement; the typed text stays as it was (it is what the user entered). */
export async function writeE164(db: DbOrTx, which: PhoneTable, rows: { id: string; e164: string }[]) {
  if (rows.length === 0) return;
  const { table, e164 } = TABLES[which];
  const values = sql.join(
    rows.map((r) => sql`(${r.id}::uuid, ${r.e164})`),
    sql`, `,
  );
  await db.execute(
    sql`update ${table} set ${sql.identifier(e164.name)} = v.e164 from (values ${values}) as v(id, e164) where ${table.id} = v.id`,
  );
}
