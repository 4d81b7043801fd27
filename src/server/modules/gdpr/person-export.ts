import type { DbOrTx } from "@server/db/client";
import {
  activities,
  auditLog,
  contacts,
  emailAttachments,
  emailMessages,
  inboundMails,
  leadConsents,
  leads,
  mailOutbox,
  processingLog,
  processingRestrictions,
} from "@server/db/schema";
import { and, asc, eq, getTableColumns, inArray, or, sql } from "drizzle-orm";
import { mapConsent } from "./consent.mapper";
import { listConsents } from "./consent.repository";
import { type Person, personRestrictions } from "./person";

/** A lead's columns without the generated ones (its company sort key too). */
function leadColumns() {
  const { companySortKey: _companySort, ...columns } = withoutSearch(getTableColumns(leads));
  return columns;
}

/** A contact's columns without the generated ones (its email keys, a copy of its addresses, too). */
function contactColumns() {
  const { emailKeys: _emailKeys, ...columns } = withoutSearch(getTableColumns(contacts));
  return columns;
}

/**
 * Every column but the generated search text and sort key (copies of the others) and, for mail, raw
 * content.
 */
function withoutSearch<T extends { searchText: unknown; sortKey: unknown }>(
  columns: T,
): Omit<T, "searchText" | "sortKey"> {
  const { searchText: _search, sortKey: _sort, ...rest } = columns;
  return rest;
}

/**
 * Art. 15: a copy of everything stored about the person: their leads and contacts, activities (with
 * the mail behind email activities and the names of attachments), consents and form proofs, outgoing
 * and inbound mail, restrictions, the audit entries of those records and the processing log about them.
 */
export async function collectPersonData(db: DbOrTx, person: Person) {
  const { leadIds, contactIds } = person;
  const leadRows = await db
    .select(leadColumns())
    .from(leads)
    .where(inArray(leads.id, leadIds))
    .orderBy(asc(leads.createdAt));
  const contactRows = await db
    .select(contactColumns())
    .from(contacts)
    .where(inArray(contacts.id, contactIds))
    .orderBy(asc(contacts.createdAt));
  const activityRows = await db
    .select({
      id: activities.id,
      type: activities.type,
      subject: activities.subject,
      body: activities.body,
      leadId: activities.leadId,
      contactId: activities.contactId,
      dealId: activities.dealId,
      startsAt: activities.startsAt,
      dueAt: activities.dueAt,
      done: activities.done,
      createdAt: activities.createdAt,
      deletedAt: activities.deletedAt,
    })
    .from(activities)
    .where(or(inArray(activities.leadId, leadIds), inArray(activities.contactId, contactIds)))
    .orderBy(asc(activities.createdAt));
  const activityIds = activityRows.map((a) => a.id);
  const emails = await db
    .select({
      activityId: emailMessages.activityId,
      messageId: emailMessages.messageId,
      fromAddress: emailMessages.fromAddress,
      fromName: emailMessages.fromName,
      to: emailMessages.to,
      html: emailMessages.safeHtml,
      createdAt: emailMessages.createdAt,
    })
    .from(emailMessages)
    .where(inArray(emailMessages.activityId, activityIds));
  const attachments = await db
    .select({
      id: emailAttachments.id,
      activityId: emailAttachments.activityId,
      filename: emailAttachments.filename,
      contentType: emailAttachments.contentType,
      sizeBytes: emailAttachments.sizeBytes,
    })
    .from(emailAttachments)
    .where(inArray(emailAttachments.activityId, activityIds));
  const outgoing = await db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.to,
      subject: mailOutbox.subject,
      textBody: mailOutbox.textBody,
      state: mailOutbox.state,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
    })
    .from(mailOutbox)
    .where(
      or(
        ...leadIds.map((id) => jsonContains(mailOutbox.related, { entity: "lead", id })),
        ...contactIds.map((id) => jsonContains(mailOutbox.related, { entity: "contact", id })),
      ),
    );
  const inbound = await db
    .select({
      id: inboundMails.id,
      fromAddress: inboundMails.fromAddress,
      subject: inboundMails.subject,
      status: inboundMails.status,
      receivedAt: inboundMails.receivedAt,
    })
    .from(inboundMails)
    .where(or(inArray(inboundMails.leadId, leadIds), inArray(inboundMails.contactId, contactIds)));
  const formConsents = await db
    .select({
      id: leadConsents.id,
      leadId: leadConsents.leadId,
      formId: leadConsents.formId,
      policyVersion: leadConsents.policyVersion,
      consentText: leadConsents.consentText,
      givenAt: leadConsents.givenAt,
      confirmedAt: leadConsents.confirmedAt,
    })
    .from(leadConsents)
    .where(inArray(leadConsents.leadId, leadIds));
  const restrictions = await db.select().from(processingRestrictions).where(personRestrictions(person));
  const auditEntries = await db
    .select({
      at: auditLog.createdAt,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      actorId: auditLog.actorId,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .where(
      or(
        and(eq(auditLog.entityType, "lead"), inArray(auditLog.entityId, leadIds)),
        and(eq(auditLog.entityType, "contact"), inArray(auditLog.entityId, contactIds)),
        and(eq(auditLog.entityType, "activity"), inArray(auditLog.entityId, activityIds)),
      ),
    )
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id));
  const processing = await db
    .select({
      at: processingLog.at,
      action: processingLog.action,
      subjectType: processingLog.subjectType,
      subjectId: processingLog.subjectId,
      reason: processingLog.reason,
    })
    .from(processingLog)
    .where(
      or(
        and(eq(processingLog.subjectType, "lead"), inArray(processingLog.subjectId, leadIds)),
        and(eq(processingLog.subjectType, "contact"), inArray(processingLog.subjectId, contactIds)),
      ),
    )
    .orderBy(asc(processingLog.at));
  return {
    leads: leadRows,
    contacts: contactRows,
    activities: activityRows,
    emails: emails.map((email) => ({
      ...email,
      attachments: attachments.filter((a) => a.activityId === email.activityId),
    })),
    outgoingMails: outgoing,
    inboundMails: inbound,
    consents: (await listConsents(db, person)).map(mapConsent),
    formConsents,
    restrictions,
    auditEntries,
    processingLog: processing,
  };
}
export type PersonData = Awaited<ReturnType<typeof collectPersonData>>;

function jsonContains(column: typeof mailOutbox.related, link: { entity: string; id: string }) {
  return sql`${column} @> ${JSON.stringify([link])}::jsonb`;
}
