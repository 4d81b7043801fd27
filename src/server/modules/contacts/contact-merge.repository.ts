import type { DbOrTx } from "@server/db/client";
import { activities, activityParticipants, contacts, dealContacts, leads } from "@server/db/schema";
import { and, eq, inArray, sql } from "drizzle-orm";

export async function dealContactLinks(db: DbOrTx, contactIds: string[]) {
  return db.select().from(dealContacts).where(inArray(dealContacts.contactId, contactIds));
}

export interface DealContactMoves {
  repoint: string[];
  drop: string[];
  makePrimary: string[];
}

/**
 * Moves every link to the loser over to the survivor, regardless of who may see the linked record: a
 * merge is about integrity (a lead of another team still belongs to this person). Answers how many
 * records of each kind moved.
 */
export async function moveContactLinks(
  db: DbOrTx,
  loserId: string,
  survivorId: string,
  deals: DealContactMoves,
): Promise<Record<string, number>> {
  const leadRows = await db
    .update(leads)
    .set({ contactId: survivorId })
    .where(eq(leads.contactId, loserId))
    .returning({ id: leads.id });
  const convertedRows = await db
    .update(leads)
    .set({ convertedContactId: survivorId })
    .where(eq(leads.convertedContactId, loserId))
    .returning({ id: leads.id });
  const activityRows = await db
    .update(activities)
    .set({ contactId: survivorId })
    .where(eq(activities.contactId, loserId))
    .returning({ id: activities.id });
  // An activity both took part in keeps one participant row.
  await db
    .delete(activityParticipants)
    .where(
      and(
        eq(activityParticipants.contactId, loserId),
        sql`exists (select 1 from ${activityParticipants} p where p.activity_id = ${activityParticipants.activityId} and p.contact_id = ${survivorId})`,
      ),
    );
  const participantRows = await db
    .update(activityParticipants)
    .set({ contactId: survivorId })
    .where(eq(activityParticipants.contactId, loserId))
    .returning({ id: activityParticipants.activityId });
  if (deals.drop.length > 0)
    await db
      .delete(dealContacts)
      .where(and(eq(dealContacts.contactId, loserId), inArray(dealContacts.dealId, deals.drop)));
  if (deals.repoint.length > 0)
    await db
      .update(dealContacts)
      .set({ contactId: survivorId })
      .where(and(eq(dealContacts.contactId, loserId), inArray(dealContacts.dealId, deals.repoint)));
  if (deals.makePrimary.length > 0)
    await db
      .update(dealContacts)
      .set({ isPrimary: true })
      .where(and(eq(dealContacts.contactId, survivorId), inArray(dealContacts.dealId, deals.makePrimary)));
  return {
    leads: leadRows.length,
    convertedLeads: convertedRows.length,
    deals: deals.repoint.length + deals.drop.length,
    activities: activityRows.length,
    activityParticipants: participantRows.length,
  };
}

/** Records merged into the loser earlier now point at the survivor too. */
export async function repointMergedContacts(db: DbOrTx, loserId: string, survivorId: string) {
  await db.update(contacts).set({ mergedIntoId: survivorId }).where(eq(contacts.mergedIntoId, loserId));
}
