import type { Db, DbOrTx } from "@server/db/client";
import type { LiveMessage } from "@server/live/live-message";
import { insertActivity } from "@server/modules/activities/activity.repository";
import { activityChanged } from "@server/modules/activities/activity-live";
import { audit } from "@server/modules/audit/audit";
import { intakeBatch } from "@server/modules/intake/intake.service";
import { isFree } from "freemail";
import * as repo from "./inbound.repository";
import { type InboundLimits, type ReadMail, readInboundMail } from "./inbound-parse";
import { readStoredEmailSettings } from "./mail-settings.repository";

export interface InboundMail {
  channel: "smtp" | "imap";
  /** The intake address (SMTP) or the IMAP account and folder. */
  mailbox: string;
  raw: Buffer;
  /** The SMTP envelope's sender ("" for a bounce); null when unknown (IMAP). */
  envelopeFrom?: string | null | undefined;
  /** Runs in the transaction that records the mail (IMAP: move its cursor past it). */
  alsoInTransaction?: ((tx: DbOrTx) => Promise<void>) | undefined;
}

export interface InboundOutcome {
  id: string;
  status: "accepted" | "ignored" | "rejected";
  reason: string | null;
  leadId: string | null;
  contactId: string | null;
  activityId: string | null;
  live: LiveMessage[];
}

/** An attachment larger than this is named on the activity but not kept. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const BODY_MAX = 20_000;

/** "Max Mustermann" → first and last name; one word is the last name. */
export function nameParts(name: string | null): { firstName: string | null; lastName: string | null } {
  const words = (name ?? "").replace(/["']/g, "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { firstName: null, lastName: null };
  if (words.length === 1) return { firstName: null, lastName: words[0] ?? null };
  // "Mustermann, Max"
  if (words[0]?.endsWith(","))
    return { firstName: words.slice(1).join(" "), lastName: words[0].slice(0, -1) };
  return { firstName: words.slice(0, -1).join(" "), lastName: words.at(-1) ?? null };
}

/** The company's domain of a sender, or null for a free mail provider (gmail.com, gmx.de, web.de …). */
export function companyDomain(address: string): string | null {
  if (isFree(address)) return null;
  return address.split("@")[1] ?? null;
}

function activityBody(mail: ReadMail): string {
  const dropped = mail.droppedAttachments.length
    ? `\n\n[${mail.droppedAttachments.length} attachment(s) over ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB not kept: ${mail.droppedAttachments.join(", ")}]`
    : "";
  return `${mail.text.trim().slice(0, BODY_MAX - dropped.length)}${dropped}`;
}

/**
 * Takes one inbound mail in, from the SMTP listener or IMAP: reads it (inbound-parse.ts), then in one
 * transaction either stores it as an email activity on the known contact whose address sent it (and
 * on the deal its In-Reply-To/References point to), or hands the sender to the intake pipeline
 * (channel `email`), which creates a lead or adds to the sender's open lead, and stores the mail on
 * that lead. Auto-replies, bounces, mails from an intake address and repeats (same Message-ID) are
 * ignored; what cannot be read or is hostile is rejected. Every mail leaves an `inbound_mails` row
 * with what became of it and why. Never throws for a bad mail.
 */
export async function takeInboundMail(
  db: Db,
  limits: Omit<InboundLimits, "maxAttachmentBytes">,
  input: InboundMail,
): Promise<InboundOutcome> {
  const read = await readInboundMail(
    input.raw,
    { ...limits, maxAttachmentBytes: MAX_ATTACHMENT_BYTES },
    input.envelopeFrom,
  );
  const base = { channel: input.channel, mailbox: input.mailbox.slice(0, 300), sizeBytes: input.raw.length };
  const none = { leadId: null, contactId: null, activityId: null, live: [] };
  return db.transaction(async (tx) => {
    const record = async (
      status: InboundOutcome["status"],
      reason: string | null,
      mail: { from: string | null; subject: string | null; messageId: string | null },
    ): Promise<InboundOutcome> => {
      const id = await repo.insertInboundMail(tx, {
        ...base,
        status,
        reason,
        fromAddress: mail.from,
        subject: mail.subject,
        messageId: mail.messageId,
      });
      await input.alsoInTransaction?.(tx);
      return { id, status, reason, ...none };
    };
    if (!read.ok) return record("rejected", read.reason, read);
    const mail = read.mail;
    const summary = { from: mail.from.address, subject: mail.subject, messageId: mail.messageId };
    const settings = await readStoredEmailSettings(tx);
    if (settings.intakeAddresses.includes(mail.from.address))
      return record("ignored", "mail_from_ourselves", summary);
    if (mail.bounce) return record("ignored", "mail_bounce", summary);
    if (mail.autoReply) return record("ignored", "mail_auto_reply", summary);
    if (mail.messageId && (await repo.wasReceived(tx, base.mailbox, mail.messageId))) {
      return record("ignored", "mail_duplicate", summary);
    }

    const contact = await repo.findContactByEmail(tx, mail.from.address);
    let target: {
      leadId: string | null;
      contactId: string | null;
      companyId: string | null;
      dealId: string | null;
    };
    let owner: { ownerId: string | null; teamId: string | null };
    const live: LiveMessage[] = [];
    if (contact) {
      const dealId = await repo.dealOfThread(
        tx,
        [mail.inReplyTo, ...mail.references].filter((v): v is string => !!v),
      );
      target = { leadId: null, contactId: contact.id, companyId: contact.companyId, dealId };
      owner = { ownerId: contact.ownerId, teamId: contact.teamId };
    } else {
      const domain = companyDomain(mail.from.address);
      const { firstName, lastName } = nameParts(mail.from.name);
      const inquiry = [mail.subject, mail.text.trim()].filter(Boolean).join("\n\n").slice(0, 5000);
      const result = await intakeBatch(
        tx,
        { actor: null },
        "email",
        [
          {
            firstName,
            lastName,
            email: mail.from.address,
            companyName: domain,
            website: domain,
            interest: inquiry,
            sourceDetail: base.mailbox.slice(0, 200),
          },
        ],
        { sourceDetail: base.mailbox.slice(0, 200) },
      );
      const decision = result.decisions[0];
      if (!decision?.leadId) return record("rejected", "mail_intake_invalid", summary);
      live.push(...result.live);
      const lead = await repo.findLeadOwner(tx, decision.leadId);
      target = {
        leadId: decision.leadId,
        contactId: decision.contactId,
        companyId: decision.companyId,
        dealId: null,
      };
      owner = { ownerId: lead?.ownerId ?? null, teamId: lead?.teamId ?? null };
    }
    const activity = await insertActivity(tx, {
      type: "email",
      subject: mail.subject || "—",
      body: activityBody(mail),
      done: true,
      doneAt: new Date(),
      ...target,
      ...owner,
      createdBy: null,
    });
    await repo.insertEmailMessage(tx, {
      activityId: activity.id,
      messageId: mail.messageId,
      inReplyTo: mail.inReplyTo,
      references: mail.references,
      fromAddress: mail.from.address,
      fromName: mail.from.name,
      to: mail.to,
      safeHtml: mail.safeHtml,
    });
    await repo.insertEmailAttachments(
      tx,
      mail.attachments.map((a) => ({ activityId: activity.id, ...a })),
    );
    await audit(tx, { actor: null }, "activity.created", activity, { type: "email", channel: input.channel });
    live.push(
      activityChanged({
        id: activity.id,
        teamId: activity.teamId,
        ownerId: activity.ownerId,
        participantUserIds: [],
      }),
    );
    const id = await repo.insertInboundMail(tx, {
      ...base,
      status: "accepted",
      fromAddress: mail.from.address,
      subject: mail.subject,
      messageId: mail.messageId,
      activityId: activity.id,
      leadId: target.leadId,
      contactId: target.contactId,
    });
    await input.alsoInTransaction?.(tx);
    return {
      id,
      status: "accepted",
      reason: null,
      leadId: target.leadId,
      contactId: target.contactId,
      activityId: activity.id,
      live,
    };
  });
}
