import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { afterCursor, decodeCursor, toPage } from "@server/db/keyset";
import { mailOutbox } from "@server/db/schema";
import { notFound } from "@server/errors";
import { enqueueJob } from "@server/jobs/job.repository";
import type { OutboxMail, outboxListQuery, testMailBody } from "@shared/schemas/mail";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { enqueueMail } from "./outbox";
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

const TEST_MAIL = {
  de: {
    subject: "Testmail von Leadwerk",
    text: "Diese Mail bestätigt, dass Leadwerk über den eingerichteten SMTP-Server senden kann.",
  },
  en: {
    subject: "Test mail from Leadwerk",
    text: "This mail confirms that Leadwerk can send through the configured SMTP server.",
  },
} as const;

/** Queues a test mail through the outbox, the way every other mail goes (the caller wakes the runner). */
export async function sendTestMail(
  ctx: ServiceContext,
  body: z.output<typeof testMailBody>,
): Promise<OutboxMail> {
  authorize(ctx, "settings.manage");
  const { id } = await ctx.db.transaction((tx) =>
    enqueueMail(tx, { to: body.to, ...TEST_MAIL[body.locale], createdBy: ctx.actor.id }),
  );
  const [row] = (await selectOutboxPage(ctx.db, { after: sql`${mailOutbox.id} = ${id}`, limit: 1 })).slice(
    0,
    1,
  );
  if (!row) throw notFound("outbox_mail_not_found");
  return toOutboxMail(row);
}
