import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { afterCursor, decodeCursor, toPage } from "@server/db/keyset";
import { mailOutbox } from "@server/db/schema";
import { notFound } from "@server/errors";
import { enqueueJob } from "@server/jobs/job.repository";
import type { OutboxMail, outboxListQuery } from "@shared/schemas/mail";
import type { z } from "zod";
import { type OutboxRow, retryMail, selectOutboxPage } from "./outbox.repository";

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toOutboxMail(
  row: Omit<OutboxRow, "messageId" | "textBody" | "htmlBody" | "lockedUntil" | "createdBy">,
): OutboxMail {
  return {
    id: row.id,
    to: row.to,
    subject: row.subject,
    state: row.state as OutboxMail["state"],
    attempts: row.attempts,
    lastErrorCode: row.lastErrorCode,
    lastError: row.lastError,
    nextAttemptAt: row.state === "queued" ? iso(row.nextAttemptAt) : null,
    createdAt: row.createdAt.toISOString(),
    sentAt: iso(row.sentAt),
    related: row.related,
  };
}

/** The outbox, newest first (admins). */
export async function listOutbox(ctx: ServiceContext, query: z.output<typeof outboxListQuery>) {
  authorize(ctx, "settings.manage");
  const after = query.cursor
    ? afterCursor(mailOutbox.createdAt, mailOutbox.id, "desc", decodeCursor(query.cursor, 2), "timestamptz")
    : undefined;
  const rows = await selectOutboxPage(ctx.db, { state: query.state, after, limit: query.limit });
  const page = toPage(rows, query.limit, (row) => [row.cursorAt, row.id]);
  return { data: page.data.map(toOutboxMail), nextCursor: page.nextCursor };
}

/** Sends a waiting or failed mail at once (the caller wakes the runner); a sent mail stays sent. */
export async function retryOutboxMail(ctx: ServiceContext, id: string): Promise<OutboxMail> {
  authorize(ctx, "settings.manage");
  const row = await ctx.db.transaction(async (tx) => {
    const updated = await retryMail(tx, id);
    if (updated && updated.state === "queued") await enqueueJob(tx, "mail-outbox");
    return updated;
  });
  if (!row) throw notFound("outbox_mail_not_found");
  return toOutboxMail(row);
}
