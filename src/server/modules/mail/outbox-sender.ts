import type { DbOrTx } from "@server/db/client";
import type { FastifyBaseLogger } from "fastify";
import { SMTP_PASSWORD } from "./mail-runtime";
import { readStoredEmailSettings } from "./mail-settings.repository";
import { smtpTransport } from "./mail-transport";
import * as repo from "./outbox.repository";
import type { SecretBox } from "./secret-box";

/** A mail not sent after this many attempts is marked failed (an admin may retry it). */
export const MAX_ATTEMPTS = 12;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 3_600_000;
/** How long a claimed mail belongs to its sender before another process may take it again. */
const SEND_LEASE_MS = 5 * 60_000;

/** Exponential backoff: 30 s, 1 min, 2 min … at most an hour, with ±10 % jitter so retries spread out. */
export function retryDelayMs(attempts: number, random = Math.random()): number {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.9 + 0.2 * random));
}

/** Network-level failures: the next mail would fail the same way, so this run stops. */
const UNREACHABLE = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ENOTFOUND"]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === "string" ? code : undefined;
}

/** The server's or network's own words, bounded; never the mail's content. */
function detailOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 500);
}

/**
 * Sends every due mail of the outbox, one claim at a time, until none is due, the server is
 * unreachable or the job is told to stop. A mail is marked sent only after the server accepted it;
 * a process that dies in between leaves it `sending`, and it is sent again once its lease ran out
 * (with the same Message-ID): at least once, never lost.
 */
export async function sendDueMails(
  db: DbOrTx,
  box: SecretBox,
  log: FastifyBaseLogger,
  signal: AbortSignal,
): Promise<{ sent: number; failed: number }> {
  const settings = await readStoredEmailSettings(db);
  const smtp = settings.smtp;
  if (!smtp) {
    await repo.markWaiting(db, "smtp_not_configured");
    return { sent: 0, failed: 0 };
  }
  const password = smtp.passwordSealed ? box.open(smtp.passwordSealed, SMTP_PASSWORD) : null;
  if (smtp.passwordSealed && password === null) {
    await repo.markWaiting(db, "mail_password_unreadable");
    return { sent: 0, failed: 0 };
  }
  const transport = smtpTransport({ ...smtp, password });
  let sent = 0;
  let failed = 0;
  try {
    while (!signal.aborted) {
      const row = await repo.claimDueMail(db, SEND_LEASE_MS);
      if (!row) break;
      const attachments = await repo.selectAttachments(db, row.id);
      try {
        await transport.sendMail({
          from: smtp.fromName ? { name: smtp.fromName, address: smtp.from } : smtp.from,
          to: row.to,
          subject: row.subject,
          text: row.textBody,
          ...(row.htmlBody ? { html: row.htmlBody } : {}),
          messageId: row.messageId,
          attachments: attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
        });
        await repo.markSent(db, row);
        sent++;
      } catch (error) {
        failed++;
        const retryAt =
          row.attempts >= MAX_ATTEMPTS ? null : new Date(Date.now() + retryDelayMs(row.attempts));
        await repo.markAttemptFailed(db, row, { code: "smtp_failed", detail: detailOf(error), retryAt });
        // Only the kind of failure goes to the log: the server's words may quote an address.
        log.warn({ mailId: row.id, attempt: row.attempts, code: errorCode(error) }, "mail not sent");
        if (UNREACHABLE.has(errorCode(error) ?? "")) break;
      }
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}
