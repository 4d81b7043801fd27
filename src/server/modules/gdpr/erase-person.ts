import { ERASED_NAME } from "@domain/gdpr/gdpr-types";
import type { DbOrTx } from "@server/db/client";
import {
  activities,
  activityParticipants,
  contacts,
  emailAttachments,
  emailMessages,
  inboundMails,
  leadConsents,
  leads,
  mailOutbox,
  mailOutboxAttachments,
} from "@server/db/schema";
import type { EraseResult } from "@shared/schemas/gdpr";
import { and, inArray, isNotNull, or, sql } from "drizzle-orm";
import { redactAuditFor } from "./audit-redaction";
import type { Person } from "./person";

const now = () => new Date();

/**
 * Art. 17 by anonymisation, in the caller's transaction: every personal field of the person's leads,
 * contacts, their activities' subjects and bodies, their emails (addresses, bodies; attachments are
 * deleted), outgoing and inbound mail to and from them, form proofs' hashed addresses and the audit
 * values of those records are overwritten. Rows, statuses, stages, amounts, dates, owners and teams
 * stay, so funnel counts and sums do not change. The search columns are generated from the name and
 * address columns, so they lose the person with them.
 *
 * Not touched: deals (their title is the deal's, not the person's), quotes and invoices (issued
 * documents under the commercial retention duty, Art. 17(3)(b) GDPR with § 257 HGB).
 */
export async function erasePerson(tx: DbOrTx, person: Person): Promise<EraseResult> {
  const { leadIds, contactIds } = person;
  // The addresses first: outgoing and inbound mail is matched by them as well as by its links.
  const addresses = await personAddresses(tx, person);

  const erasedLeads = await tx
    .update(leads)
    .set({
      salutation: null,
      title: null,
      firstName: null,
      lastName: ERASED_NAME,
      companyName: null,
      jobTitle: null,
      department: null,
      email: null,
      phone: null,
      mobile: null,
      website: null,
      street: null,
      postalCode: null,
      city: null,
      interest: null,
      phoneNormalized: null,
      mobileNormalized: null,
      customFields: {},
      // BANT keeps its states and budget amount (statistics) but loses the free-text details.
      bant: sql`(select coalesce(jsonb_object_agg(e.key, e.value - 'detail'), '{}'::jsonb) from jsonb_each(${leads.bant}) as e)`,
      version: sql`${leads.version} + 1`,
      updatedAt: now(),
    })
    .where(inArray(leads.id, leadIds))
    .returning({ id: leads.id });

  const erasedContacts = await tx
    .update(contacts)
    .set({
      salutation: null,
      title: null,
      firstName: null,
      lastName: ERASED_NAME,
      jobTitle: null,
      department: null,
      emails: [],
      phones: [],
      addresses: [],
      email: null,
      phone: null,
      phoneNormalized: null,
      birthday: null,
      description: null,
      marketingConsent: false,
      consentSource: null,
      consentAt: null,
      customFields: {},
      version: sql`${contacts.version} + 1`,
      updatedAt: now(),
    })
    .where(inArray(contacts.id, contactIds))
    .returning({ id: contacts.id });

  const erasedActivities = await tx
    .update(activities)
    .set({ subject: ERASED_NAME, body: null, customFields: {}, updatedAt: now() })
    .where(or(inArray(activities.leadId, leadIds), inArray(activities.contactId, contactIds)))
    .returning({ id: activities.id });
  const activityIds = erasedActivities.map((a) => a.id);
  // A meeting the person only took part in keeps its subject; the person leaves its participants.
  await tx.delete(activityParticipants).where(inArray(activityParticipants.contactId, contactIds));

  const emails = await tx
    .update(emailMessages)
    .set({ fromAddress: ERASED_NAME, fromName: null, to: [], safeHtml: null })
    .where(inArray(emailMessages.activityId, activityIds))
    .returning({ id: emailMessages.activityId });
  const attachments = await tx
    .delete(emailAttachments)
    .where(inArray(emailAttachments.activityId, activityIds))
    .returning({ id: emailAttachments.id });

  const outgoing = await tx
    .update(mailOutbox)
    .set({
      to: [],
      subject: ERASED_NAME,
      textBody: "",
      htmlBody: null,
      // A mail still waiting would go nowhere now: it fails instead of being tried again.
      state: sql`case when ${mailOutbox.state} = 'queued' then 'failed' else ${mailOutbox.state} end`,
      lastErrorCode: sql`case when ${mailOutbox.state} = 'queued' then 'recipient_erased' else ${mailOutbox.lastErrorCode} end`,
    })
    .where(
      or(
        ...[
          ...leadIds.map((id) => ({ entity: "lead", id })),
          ...contactIds.map((id) => ({ entity: "contact", id })),
        ].map((link) => sql`${mailOutbox.related} @> ${JSON.stringify([link])}::jsonb`),
        addresses.length > 0
          ? sql`exists (select 1 from jsonb_array_elements_text(${mailOutbox.to}) as a(address)
                 where lower(a.address) = any(${sql.param(addresses)}::text[]))`
          : undefined,
      ),
    )
    .returning({ id: mailOutbox.id });
  await tx.delete(mailOutboxAttachments).where(
    inArray(
      mailOutboxAttachments.outboxId,
      outgoing.map((o) => o.id),
    ),
  );

  const inbound = await tx
    .update(inboundMails)
    .set({ fromAddress: null, subject: null })
    .where(
      or(
        inArray(inboundMails.leadId, leadIds),
        inArray(inboundMails.contactId, contactIds),
        inArray(inboundMails.activityId, activityIds),
        addresses.length > 0 ? inArray(sql`lower(${inboundMails.fromAddress})`, addresses) : undefined,
      ),
    )
    .returning({ id: inboundMails.id });

  await tx
    .update(leadConsents)
    .set({ ipHash: null })
    .where(and(inArray(leadConsents.leadId, leadIds), isNotNull(leadConsents.ipHash)));

  const auditEntries =
    (await redactAuditFor(tx, "lead", leadIds)) +
    (await redactAuditFor(tx, "contact", contactIds)) +
    (await redactAuditFor(tx, "activity", activityIds));

  return {
    leads: erasedLeads.length,
    contacts: erasedContacts.length,
    activities: activityIds.length,
    emails: emails.length,
    attachments: attachments.length,
    outgoingMails: outgoing.length,
    inboundMails: inbound.length,
    auditEntries,
  };
}

/** Every email address the person's leads and contacts hold, lower-cased. */
async function personAddresses(tx: DbOrTx, { leadIds, contactIds }: Person): Promise<string[]> {
  const found = new Set<string>();
  const leadRows = await tx.select({ email: leads.email }).from(leads).where(inArray(leads.id, leadIds));
  for (const row of leadRows) if (row.email) found.add(row.email.toLowerCase());
  const contactRows = await tx
    .select({ email: contacts.email, emails: contacts.emails })
    .from(contacts)
    .where(inArray(contacts.id, contactIds));
  for (const row of contactRows) {
    if (row.email) found.add(row.email.toLowerCase());
    if (Array.isArray(row.emails))
      for (const entry of row.emails as { value?: unknown }[])
        if (typeof entry?.value === "string") found.add(entry.value.toLowerCase());
  }
  return [...found];
}
