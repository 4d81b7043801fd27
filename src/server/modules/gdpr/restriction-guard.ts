import type { SubjectType } from "@domain/gdpr/gdpr-types";
import type { DbOrTx } from "@server/db/client";
import { contacts, leads, processingRestrictions } from "@server/db/schema";
import { ruleViolation } from "@server/errors";
import { and, inArray, sql } from "drizzle-orm";

/*
 * What a restriction of processing (Art. 18) holds back, enforced here for the callers: list exports
 * (CSV/XLSX) leave restricted leads and contacts out, and a quote is not emailed to a restricted
 * person's address. A restriction on a lead also covers the contact it became, and the other way round.
 */

const restrictedLead = sql`exists (select 1 from ${processingRestrictions} r where
  (r.subject_type = 'lead' and r.subject_id = ${leads.id})
  or (r.subject_type = 'contact' and r.subject_id in (${leads.contactId}, ${leads.convertedContactId})))`;
/**
 * The same rule as `restrictedLead`, negated, for a WHERE over many leads (the lead export's pages):
 * one NOT EXISTS per way a restriction reaches the lead, each an anti-join against the few restrictions
 * (their unique index), where the OR inside `restrictedLead` would run a subquery per row.
 */
export const unrestrictedLead = sql`not exists (select 1 from ${processingRestrictions} r
    where r.subject_type = 'lead' and r.subject_id = ${leads.id})
  and not exists (select 1 from ${processingRestrictions} r
    where r.subject_type = 'contact' and r.subject_id = ${leads.contactId})
  and not exists (select 1 from ${processingRestrictions} r
    where r.subject_type = 'contact' and r.subject_id = ${leads.convertedContactId})`;
const restrictedContact = sql`exists (select 1 from ${processingRestrictions} r where
  (r.subject_type = 'contact' and r.subject_id = ${contacts.id})
  or (r.subject_type = 'lead' and r.subject_id in (select l.id from leads l
      where l.contact_id = ${contacts.id} or l.converted_contact_id = ${contacts.id})))`;

/** Which of these leads or contacts are restricted. */
export async function restrictedAmong(db: DbOrTx, type: SubjectType, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows =
    type === "lead"
      ? await db
          .select({ id: leads.id })
          .from(leads)
          .where(and(inArray(leads.id, ids), restrictedLead))
      : await db
          .select({ id: contacts.id })
          .from(contacts)
          .where(and(inArray(contacts.id, ids), restrictedContact));
  return new Set(rows.map((r) => r.id));
}

/** A page of an export without the restricted records (the list's cursor still walks on). */
export async function withoutRestricted<T extends { id: string }>(
  db: DbOrTx,
  type: SubjectType,
  page: { data: T[]; nextCursor: string | null },
): Promise<{ data: T[]; nextCursor: string | null }> {
  const restricted = await restrictedAmong(
    db,
    type,
    page.data.map((row) => row.id),
  );
  return restricted.size === 0 ? page : { ...page, data: page.data.filter((row) => !restricted.has(row.id)) };
}

/**
 * Refuses a mail to an address a restricted lead or contact holds (422 at `field`). Walks from the
 * few restrictions to their people, so it costs the same however many records there are.
 */
export async function assertMailAllowed(db: DbOrTx, address: string, field: string): Promise<void> {
  const lower = address.trim().toLowerCase();
  const result: unknown = await db.execute(sql`
    with restricted_leads as (
      select r.subject_id as id from ${processingRestrictions} r where r.subject_type = 'lead'
      union select l.id from leads l join ${processingRestrictions} r on r.subject_type = 'contact'
        and r.subject_id in (l.contact_id, l.converted_contact_id)
    ), restricted_contacts as (
      select r.subject_id as id from ${processingRestrictions} r where r.subject_type = 'contact'
      union select unnest(array[l.contact_id, l.converted_contact_id]) from leads l
        join ${processingRestrictions} r on r.subject_type = 'lead' and r.subject_id = l.id
    )
    select 1 as found from leads l where l.id in (select id from restricted_leads) and lower(l.email) = ${lower}
    union all
    select 1 from contacts c where c.id in (select id from restricted_contacts)
      and (lower(c.email) = ${lower}
        or exists (select 1 from jsonb_array_elements(c.emails) as e(entry) where lower(e.entry->>'value') = ${lower}))
    limit 1`);
  // Drizzle's execute answers `{ rows }` on both drivers.
  const rows = (result as { rows?: unknown }).rows;
  if (Array.isArray(rows) && rows.length > 0)
    throw ruleViolation("recipient_restricted", { email: address }).at(field);
}
