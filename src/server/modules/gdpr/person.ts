import type { SubjectType } from "@domain/gdpr/gdpr-types";
import type { DbOrTx } from "@server/db/client";
import { contacts, leads, processingRestrictions } from "@server/db/schema";
import { and, eq, inArray, isNotNull, or, type SQL } from "drizzle-orm";

/**
 * One person's records: the lead(s) and contact(s) that are the same human. A lead belongs with the
 * contact it was linked to or converted into, a contact with the duplicates merged into it and the
 * leads made from it. Export and erasure both work on this set.
 */
export interface Person {
  leadIds: string[];
  contactIds: string[];
}

/** The person behind a lead or contact, or null when the record does not exist (deleted ones count). */
export async function personOf(
  db: DbOrTx,
  subject: { type: SubjectType; id: string },
  visible?: { lead: SQL; contact: SQL },
): Promise<Person | null> {
  const contactIds = new Set<string>();
  const leadIds = new Set<string>();
  if (subject.type === "lead") {
    const [lead] = await db
      .select({ id: leads.id, contactId: leads.contactId, convertedContactId: leads.convertedContactId })
      .from(leads)
      .where(and(eq(leads.id, subject.id), visible?.lead));
    if (!lead) return null;
    leadIds.add(lead.id);
    for (const id of [lead.contactId, lead.convertedContactId]) if (id) contactIds.add(id);
  } else {
    const [contact] = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.id, subject.id), visible?.contact));
    if (!contact) return null;
    contactIds.add(contact.id);
  }
  if (contactIds.size > 0) {
    const merged = await db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(isNotNull(contacts.mergedIntoId), inArray(contacts.mergedIntoId, [...contactIds])));
    for (const c of merged) contactIds.add(c.id);
    const ids = [...contactIds];
    const related = await db
      .select({ id: leads.id })
      .from(leads)
      .where(or(inArray(leads.contactId, ids), inArray(leads.convertedContactId, ids)));
    for (const l of related) leadIds.add(l.id);
  }
  return { leadIds: [...leadIds], contactIds: [...contactIds] };
}

/** The restriction rows of any of the person's records. */
export const personRestrictions = (person: Person) =>
  or(
    and(
      eq(processingRestrictions.subjectType, "lead"),
      inArray(processingRestrictions.subjectId, person.leadIds),
    ),
    and(
      eq(processingRestrictions.subjectType, "contact"),
      inArray(processingRestrictions.subjectId, person.contactIds),
    ),
  );
