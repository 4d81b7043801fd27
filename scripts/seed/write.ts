import type { DbOrTx, Tx } from "@server/db/client";
import {
  activities,
  activityParticipants,
  companies,
  contacts,
  dealContacts,
  dealStageHistory,
  deals,
  leads,
} from "@server/db/schema";
import { count } from "drizzle-orm";
import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import type { DemoData } from "./demo-plan";

const CHUNK = 200;
async function insertAll<T extends PgTable>(tx: Tx, table: T, rows: PgInsertValue<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(table).values(rows.slice(i, i + CHUNK));
}

/** Inserts the data set, parents before children. */
export async function insertDemoData(tx: Tx, data: DemoData): Promise<void> {
  await insertAll(tx, companies, data.companies);
  await insertAll(tx, contacts, data.contacts);
  await insertAll(tx, leads, data.leads);
  await insertAll(tx, deals, data.deals);
  await insertAll(tx, dealContacts, data.dealContacts);
  await insertAll(tx, dealStageHistory, data.dealStageHistory);
  await insertAll(tx, activities, data.activities);
  await insertAll(tx, activityParticipants, data.participants);
}

export async function countCrmRecords(db: DbOrTx): Promise<Record<string, number>> {
  const tables = { leads, contacts, companies, deals };
  const result: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    result[name] = row?.n ?? 0;
  }
  return result;
}
