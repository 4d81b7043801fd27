/**
 * Mail: the durable outbox of outgoing mail, inbound mail as it was received (accepted or rejected,
 * with the reason), the stored mail of email activities and their attachments, and where IMAP polling
 * got to. Owned by `modules/mail` (see ARCHITECTURE.md, "Mail").
 */
import { sql } from "drizzle-orm";
import { bigint, check, customType, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, inList, tstz } from "./columns";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const OUTBOX_STATES = ["queued", "sending", "sent", "failed"] as const;
export const INBOUND_STATUSES = ["accepted", "ignored", "rejected"] as const;

/** Outgoing mail: written in the sender's transaction, sent by the `mail-outbox` job, retried with backoff. */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: id(),
    /** RFC 5322 Message-ID, fixed when queued: a resend after a crash carries the same id. */
    messageId: text("message_id").notNull(),
    to: jsonb("to").$type<string[]>().notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    /** Records the mail belongs to, e.g. [{ entity: "quote", id }]. */
    related: jsonb("related").$type<{ entity: string; id: string }[]>().notNull().default([]),
    state: text("state").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at").notNull().defaultNow(),
    /** A claimed mail belongs to the sending process until then; a crashed process's mail is taken again after it. */
    lockedUntil: tstz("locked_until"),
    /** Why the last attempt did not send: a message code (`smtp_not_configured`, `smtp_failed`) … */
    lastErrorCode: text("last_error_code"),
    /** … and the SMTP server's answer or the network error, without the mail's content. */
    lastError: text("last_error"),
    createdBy: uuid("created_by"),
    createdAt: tstz("created_at").notNull().defaultNow(),
    sentAt: tstz("sent_at"),
  },
  (t) => [
    index("mail_outbox_due_idx").on(t.nextAttemptAt).where(sql`state in ('queued', 'sending')`),
    index("mail_outbox_created_idx").on(t.createdAt, t.id),
    index("mail_outbox_state_created_idx").on(t.state, t.createdAt, t.id),
    check("mail_outbox_state_check", inList("state", OUTBOX_STATES)),
  ],
);

export const mailOutboxAttachments = pgTable(
  "mail_outbox_attachments",
  {
    id: id(),
    outboxId: uuid("outbox_id")
      .notNull()
      .references(() => mailOutbox.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    content: bytea("content").notNull(),
  },
  (t) => [index("mail_outbox_attachments_outbox_idx").on(t.outboxId)],
);

/** Every inbound mail, from the SMTP listener or IMAP: what became of it and why. */
export const inboundMails = pgTable(
  "inbound_mails",
  {
    id: id(),
    channel: text("channel").notNull(),
    /** The mailbox it came from: the intake address (SMTP) or the IMAP account and folder. */
    mailbox: text("mailbox").notNull(),
    messageId: text("message_id"),
    fromAddress: text("from_address"),
    subject: text("subject"),
    sizeBytes: integer("size_bytes").notNull(),
    status: text("status").notNull(),
    /** A message code: why it was ignored or rejected. */
    reason: text("reason"),
    activityId: uuid("activity_id"),
    leadId: uuid("lead_id"),
    contactId: uuid("contact_id"),
    receivedAt: tstz("received_at").notNull().defaultNow(),
  },
  (t) => [
    index("inbound_mails_received_idx").on(t.receivedAt, t.id),
    index("inbound_mails_status_received_idx").on(t.status, t.receivedAt, t.id),
    index("inbound_mails_message_id_idx").on(t.messageId),
    check("inbound_mails_status_check", inList("status", INBOUND_STATUSES)),
    check("inbound_mails_channel_check", inList("channel", ["smtp", "imap"])),
  ],
);

/** The mail behind an email activity: headers for threading and its sanitised HTML. */
export const emailMessages = pgTable(
  "email_messages",
  {
    activityId: uuid("activity_id").primaryKey(),
    messageId: text("message_id"),
    inReplyTo: text("in_reply_to"),
    references: jsonb("references").$type<string[]>().notNull().default([]),
    fromAddress: text("from_address").notNull(),
    fromName: text("from_name"),
    to: jsonb("to").$type<string[]>().notNull().default([]),
    /** HTML after sanitize-html (no script, no event handlers, no remote content); shown only in a sandbox. */
    safeHtml: text("safe_html"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("email_messages_message_id_idx").on(t.messageId)],
);

/** An email activity's attachments, offered as downloads (Content-Disposition: attachment). */
export const emailAttachments = pgTable(
  "email_attachments",
  {
    id: id(),
    activityId: uuid("activity_id").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    content: bytea("content").notNull(),
  },
  (t) => [index("email_attachments_activity_idx").on(t.activityId)],
);

/** Where IMAP polling of a mailbox got to; a new UIDVALIDITY starts the mailbox over. */
export const imapCursors = pgTable("imap_cursors", {
  mailbox: text("mailbox").primaryKey(),
  uidValidity: bigint("uid_validity", { mode: "number" }).notNull(),
  lastUid: bigint("last_uid", { mode: "number" }).notNull(),
  updatedAt: tstz("updated_at").notNull().defaultNow(),
});
