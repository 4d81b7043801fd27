import type { DbOrTx } from "@server/db/client";
import {
  activities,
  contacts,
  deals,
  emailAttachments,
  emailMessages,
  inboundMails,
  leads,
  mailOutbox,
} from "@server/db/schema";
import { contactHasAnyEmail, emailKey } from "@server/modules/contacts/contact-email-keys";
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";

export type NewInboundMail = typeof inboundMails.$inferInsert;

export async function insertInboundMail(db: DbOrTx, row: NewInboundMail): Promise<string> {
  const [inserted] = await db.insert(inboundMails).values(row).returning({ id: inboundMails.id });
  if (!inserted) throw new Error("insert returned no row");
  return inserted.id;
}

/** Whether a mail with this Message-ID from this mailbox was taken in already. */
export async function wasReceived(db: DbOrTx, mailbox: string, messageId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: inboundMails.id })
    .from(inboundMails)
    .where(
      and(
        eq(inboundMails.messageId, messageId),
        eq(inboundMails.mailbox, mailbox),
        eq(inboundMails.status, "accepted"),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The oldest live contact with the sender's address among its emails (the intake pipeline matches the same way). */
export async function findContactByEmail(db: DbOrTx, email: string) {
  const [row] = await db
    .select({
      id: contacts.id,
      companyId: contacts.companyId,
      ownerId: contacts.ownerId,
      teamId: contacts.teamId,
    })
    .from(contacts)
    .where(and(contactHasAnyEmail([emailKey(email)]), isNull(contacts.deletedAt)))
    .orderBy(contacts.createdAt, contacts.id)
    .limit(1);
  return row ?? null;
}

export async function findLeadOwner(db: DbOrTx, leadId: string) {
  const [row] = await db
    .select({ id: leads.id, ownerId: leads.ownerId, teamId: leads.teamId, contactId: leads.contactId })
    .from(leads)
    .where(eq(leads.id, leadId));
  return row ?? null;
}

/**
 * The deal a reply belongs to, from its In-Reply-To/References: an earlier mail of the timeline with
 * one of those Message-IDs, or an outgoing mail of the outbox related to a deal.
 */
export async function dealOfThread(db: DbOrTx, messageIds: string[]): Promise<string | null> {
  if (messageIds.length === 0) return null;
  const [earlier] = await db
    .select({ dealId: activities.dealId })
    .from(emailMessages)
    .innerJoin(activities, eq(activities.id, emailMessages.activityId))
    .where(and(inArray(emailMessages.messageId, messageIds), sql`${activities.dealId} is not null`))
    .limit(1);
  if (earlier?.dealId) return earlier.dealId;
  const sent = await db
    .select({ related: mailOutbox.related })
    .from(mailOutbox)
    .where(inArray(mailOutbox.messageId, messageIds));
  const dealIds = sent.flatMap((m) => m.related.filter((r) => r.entity === "deal").map((r) => r.id));
  if (dealIds.length === 0) return null;
  const [deal] = await db
    .select({ id: deals.id })
    .from(deals)
    .where(and(inArray(deals.id, dealIds), isNull(deals.deletedAt)) as SQL)
    .limit(1);
  return deal?.id ?? null;
}

export async function insertEmailMessage(db: DbOrTx, row: typeof emailMessages.$inferInsert): Promise<void> {
  await db.insert(emailMessages).values(row);
}

export async function insertEmailAttachments(db: DbOrTx, rows: (typeof emailAttachments.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(emailAttachments).values(rows);
}

export async function selectEmailMessage(db: DbOrTx, activityId: string) {
  const [row] = await db.select().from(emailMessages).where(eq(emailMessages.activityId, activityId));
  return row ?? null;
}

export async function selectAttachmentList(db: DbOrTx, activityId: string) {
  return db
    .select({
      id: emailAttachments.id,
      filename: emailAttachments.filename,
      contentType: emailAttachments.contentType,
      sizeBytes: emailAttachments.sizeBytes,
    })
    .from(emailAttachments)
    .where(eq(emailAttachments.activityId, activityId))
    .orderBy(emailAttachments.filename);
}

export async function selectAttachment(db: DbOrTx, activityId: string, id: string) {
  const [row] = await db
    .select()
    .from(emailAttachments)
    .where(and(eq(emailAttachments.activityId, activityId), eq(emailAttachments.id, id)));
  return row ?? null;
}

export async function selectInboundPage(
  db: DbOrTx,
  options: { status?: string | undefined; after: SQL | undefined; limit: number },
) {
  return db
    .select({
      id: inboundMails.id,
      channel: inboundMails.channel,
      mailbox: inboundMails.mailbox,
      fromAddress: inboundMails.fromAddress,
      subject: inboundMails.subject,
      sizeBytes: inboundMails.sizeBytes,
      status: inboundMails.status,
      reason: inboundMails.reason,
      activityId: inboundMails.activityId,
      leadId: inboundMails.leadId,
      contactId: inboundMails.contactId,
      receivedAt: inboundMails.receivedAt,
      cursorAt: sql<string>`${inboundMails.receivedAt}::text`,
    })
    .from(inboundMails)
    .where(and(options.status ? eq(inboundMails.status, options.status) : undefined, options.after))
    .orderBy(sql`${inboundMails.receivedAt} desc, ${inboundMails.id} desc`)
    .limit(options.limit + 1);
}
