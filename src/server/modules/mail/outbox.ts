import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@server/db/client";
import { mailOutbox, mailOutboxAttachments } from "@server/db/schema";
import { enqueueJob } from "@server/jobs/job.repository";

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  html?: string | undefined;
  attachments?: OutgoingAttachment[] | undefined;
  /** The records the mail belongs to, shown in the outbox (e.g. `[{ entity: "quote", id }]`). */
  related?: { entity: string; id: string }[] | undefined;
  /** The user on whose behalf it goes out, if any. */
  createdBy?: string | null | undefined;
}

/**
 * THE way to send a mail from any module: queues it in the durable outbox inside the caller's
 * transaction, so the mail exists exactly when the change that sends it commits. The `mail-outbox`
 * job sends it (nodemailer, retries with exponential backoff); without SMTP settings it waits,
 * marked `smtp_not_configured`. After commit, `app.jobs.wake()` sends it at once; otherwise the
 * runner's next look (≤ 30 s) does.
 *
 * ```ts
 * await ctx.db.transaction(async (tx) => {
 *   // … the change …
 *   await enqueueMail(tx, { to: contact.email, subject, text, attachments: [{ filename: "Angebot.pdf",
 *     contentType: "application/pdf", content: pdf }], related: [{ entity: "quote", id: quote.id }] });
 * });
 * ```
 */
export async function enqueueMail(
  tx: DbOrTx,
  mail: OutgoingMail,
): Promise<{ id: string; messageId: string }> {
  const id = randomUUID();
  const messageId = `<${id}@leadwerk.outbox>`;
  await tx.insert(mailOutbox).values({
    id,
    messageId,
    to: Array.isArray(mail.to) ? mail.to : [mail.to],
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html ?? null,
    related: mail.related ?? [],
    createdBy: mail.createdBy ?? null,
  });
  if (mail.attachments?.length) {
    await tx.insert(mailOutboxAttachments).values(
      mail.attachments.map((a) => ({
        outboxId: id,
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
    );
  }
  await enqueueJob(tx, "mail-outbox");
  return { id, messageId };
}
