import type { DbOrTx } from "@server/db/client";
import { consentRecords, users } from "@server/db/schema";
import { asc, eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Person } from "./person";

export type ConsentRow = typeof consentRecords.$inferSelect;
const recorder = alias(users, "recorder");
const withdrawer = alias(users, "withdrawer");

/**
 * The consent log of a person, oldest first: entries given as any of their leads or contacts. A
 * contact's page thereby shows what its lead agreed to before conversion.
 */
export async function listConsents(db: DbOrTx, person: Person) {
  return db
    .select({
      row: consentRecords,
      recordedByName: recorder.name,
      withdrawnByName: withdrawer.name,
    })
    .from(consentRecords)
    .leftJoin(recorder, eq(recorder.id, consentRecords.recordedBy))
    .leftJoin(withdrawer, eq(withdrawer.id, consentRecords.withdrawnBy))
    .where(
      or(
        inArray(consentRecords.leadId, person.leadIds),
        inArray(consentRecords.contactId, person.contactIds),
      ),
    )
    .orderBy(asc(consentRecords.givenAt), asc(consentRecords.id));
}
export type ConsentView = Awaited<ReturnType<typeof listConsents>>[number];

/** The lead a consent entry belongs to, for the visibility check of withdrawing it. */
export async function findConsentForUpdate(db: DbOrTx, id: string): Promise<ConsentRow | undefined> {
  const [row] = await db.select().from(consentRecords).where(eq(consentRecords.id, id)).for("update");
  return row;
}
