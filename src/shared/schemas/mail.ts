import { msg } from "@shared/message-codes";
import { z } from "zod";
import { idSchema, isoDateTime } from "./common";

/** tls: TLS from the first byte (SMTPS 465, IMAPS 993); starttls: upgrade required; none: plain (tests, a local relay). */
export const MAIL_SECURITY = ["tls", "starttls", "none"] as const;
export const mailSecuritySchema = z.enum(MAIL_SECURITY);
export type MailSecurity = z.infer<typeof mailSecuritySchema>;

const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, msg("host_invalid"))
  .describe("Host name or IP address");
const port = z.number().int().min(1).max(65535);
const address = z.email(msg("email_invalid")).max(254);
const password = z
  .string()
  .max(500)
  .nullable()
  .optional()
  .describe("Write-only. Omitted: the stored password stays; null: removed");

export const smtpSettingsInput = z.strictObject({
  host,
  port,
  security: mailSecuritySchema,
  user: z.string().trim().max(254).default(""),
  password,
  from: address.describe("Sender address of every outgoing mail"),
  fromName: z.string().trim().max(200).default(""),
});

export const IMAP_AFTER_READ = ["mark_seen", "move"] as const;
export const imapSettingsInput = z.strictObject({
  enabled: z.boolean(),
  host,
  port,
  security: mailSecuritySchema,
  user: z.string().trim().min(1).max(254),
  password,
  folder: z.string().trim().min(1).max(200).default("INBOX"),
  afterRead: z.enum(IMAP_AFTER_READ).default("mark_seen").describe("What happens to a mail once read"),
  moveTo: z.string().trim().min(1).max(200).nullable().default(null).describe("Folder for afterRead = move"),
  pollSeconds: z.number().int().min(10).max(3600).default(60),
});

export const emailSettingsBody = z.strictObject({
  smtp: smtpSettingsInput.nullable().optional().describe("Outgoing mail; null switches sending off"),
  imap: imapSettingsInput.nullable().optional().describe("IMAP polling; null switches it off"),
  intakeAddresses: z
    .array(address.transform((v) => v.trim().toLowerCase()))
    .max(20)
    .optional()
    .describe("Addresses the SMTP intake listener accepts mail for"),
});
export type EmailSettingsBody = z.input<typeof emailSettingsBody>;

const smtpOut = z.object({
  host: z.string(),
  port: z.number().int(),
  security: mailSecuritySchema,
  user: z.string(),
  passwordSet: z.boolean(),
  from: z.string(),
  fromName: z.string(),
});
const imapOut = z.object({
  enabled: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  security: mailSecuritySchema,
  user: z.string(),
  passwordSet: z.boolean(),
  folder: z.string(),
  afterRead: z.enum(IMAP_AFTER_READ),
  moveTo: z.string().nullable(),
  pollSeconds: z.number().int(),
});
export const emailSettingsSchema = z.object({
  smtp: smtpOut.nullable(),
  imap: imapOut.nullable(),
  intakeAddresses: z.array(z.string()),
  intakeListener: z
    .object({ port: z.number().int().nullable(), maxBytes: z.number().int() })
    .describe("The SMTP intake listener of this process (LEADWERK_SMTP_INTAKE_PORT; null: off)"),
});
export type EmailSettings = z.infer<typeof emailSettingsSchema>;

export const MAIL_TEST_STEPS = ["dns", "connect", "tls", "login", "folder", "send"] as const;
export const emailTestBody = z.strictObject({
  target: z.enum(["smtp", "imap"]),
  smtp: smtpSettingsInput
    .optional()
    .describe("Values to test instead of the stored ones (password: stored if omitted)"),
  imap: imapSettingsInput.optional(),
});
export const emailTestResult = z.object({
  ok: z.boolean(),
  failedStep: z
    .enum(MAIL_TEST_STEPS)
    .nullable()
    .describe("Where it failed: DNS, connect, TLS, login, folder"),
  code: z.string().nullable().describe("Message code of the failure (serverErrors.<code>)"),
  detail: z.string().nullable().describe("The server's or network's own words"),
});
export type EmailTestResult = z.infer<typeof emailTestResult>;

export const OUTBOX_STATES = ["queued", "sending", "sent", "failed"] as const;
export const outboxMailSchema = z.object({
  id: idSchema,
  to: z.array(z.string()),
  subject: z.string(),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number().int(),
  lastErrorCode: z.string().nullable().describe("smtp_not_configured, smtp_failed, …"),
  lastError: z.string().nullable(),
  nextAttemptAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
  related: z.array(z.object({ entity: z.string(), id: z.string() })),
});
export type OutboxMail = z.infer<typeof outboxMailSchema>;
export const outboxListQuery = z.strictObject({
  state: z.enum(OUTBOX_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export const outboxListResponse = z.object({
  data: z.array(outboxMailSchema),
  nextCursor: z.string().nullable(),
});

export const INBOUND_STATUSES = ["accepted", "ignored", "rejected"] as const;
export const inboundMailSchema = z.object({
  id: idSchema,
  channel: z.enum(["smtp", "imap"]),
  mailbox: z.string(),
  fromAddress: z.string().nullable(),
  subject: z.string().nullable(),
  sizeBytes: z.number().int(),
  status: z.enum(INBOUND_STATUSES),
  reason: z.string().nullable().describe("Message code: why it was ignored or rejected"),
  activityId: idSchema.nullable(),
  leadId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  receivedAt: isoDateTime,
});
export const inboundListQuery = z.strictObject({
  status: z.enum(INBOUND_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export const inboundListResponse = z.object({
  data: z.array(inboundMailSchema),
  nextCursor: z.string().nullable(),
});

export const emailAttachmentSchema = z.object({
  id: idSchema,
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
});
/** The mail behind an email activity (GET /activities/{id}/email). */
export const activityEmailSchema = z.object({
  activityId: idSchema,
  fromAddress: z.string(),
  fromName: z.string().nullable(),
  to: z.array(z.string()),
  messageId: z.string().nullable(),
  safeHtml: z.string().nullable().describe("Sanitised HTML; show in a sandboxed frame only"),
  attachments: z.array(emailAttachmentSchema),
});

export const testMailBody = z.strictObject({
  to: z.email(msg("email_invalid")).max(254).describe("Where the test mail goes"),
  locale: z.enum(["de", "en"]).default("en"),
});
