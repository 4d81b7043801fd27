import type { DbOrTx } from "@server/db/client";
import { mailOutbox, mailOutboxAttachments } from "@server/db/schema";
import { and, eq, type SQL, sql } from "drizzle-orm";

export type OutboxRow = typeof mailOutbox.$inferSelect;

/**
 * Claims the next due mail for this process: a queued one whose time has come, or one whose sender
 * died while sending (its lease ran out). One short statement; the SMTP conversation happens outside
 * any transaction (PGlite has one connection, and a slow server must not hold row locks).
 */
export async function claimDueMail(db: DbOrTx, leaseMs: number): Promise<OutboxRow | null> {
  const [row] = await db
    .update(mailOutbox)
    .set({
      state: "sending",
      attempts: sql`${mailOutbox.attempts} + 1`,
      lockedUntil: sql`now() + (${leaseMs}::double precision * interval '1 millisecond')`,
    })
    .where(
      sql`${mailOutbox.id} = (
        select id from mail_outbox
        where (state = 'queued' and next_attempt_at <= now())
           or (state = 'sending' and locked_until < now())
        order by next_attempt_at, id
        limit 1
        for update skip locked)`,
    )
    .returning();
  return row ?? null;
}

export async function selectAttachments(db: DbOrTx, outboxId: string) {
  return db
    .select({
      filename: mailOutboxAttachments.filename,
      contentType: mailOutboxAttachments.contentType,
      content: mailOutboxAttachments.content,
    })
    .from(mailOutboxAttachments)
    .where(eq(mailOutboxAttachments.outboxId, outboxId));
}

/** Fenced by the attempt number: a process whose lease ran out cannot overwrite a newer attempt. */
const mine = (row: Pick<OutboxRow, "id" | "attempts">): SQL =>
  and(
    eq(mailOutbox.id, row.id),
    eq(mailOutbox.attempts, row.attempts),
    eq(mailOutbox.state, "sending"),
  ) as SQL;

export async function markSent(db: DbOrTx, row: Pick<OutboxRow, "id" | "attempts">): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ state: "sent", sentAt: sql`now()`, lockedUntil: null, lastError: null, lastErrorCode: null })
    .where(mine(row));
}

export async function markAttemptFailed(
  db: DbOrTx,
  row: Pick<OutboxRow, "id" | "attempts">,
  failure: { code: string; detail: string | null; retryAt: Date | null },
): Promise<void> {
  await db
    .update(mailOutbox)
    .set({
      state: failure.retryAt ? "queued" : "failed",
      nextAttemptAt: failure.retryAt ?? sql`now()`,
      lockedUntil: null,
      lastErrorCode: failure.code,
      lastError: failure.detail,
    })
    .where(mine(row));
}

/**
 * Without SMTP settings the waiting mails stay queued, not counted as attempts, marked why they wait;
 * saving SMTP settings makes them due (`makeWaitingDue`).
 */
export async function markWaiting(
  db: DbOrTx,
  code: "smtp_not_configured" | "mail_password_unreadable",
): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ lastErrorCode: code, lastError: null })
    .where(sql`state = 'queued' and last_error_code is distinct from ${code}`);
}

export async function makeWaitingDue(db: DbOrTx): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ nextAttemptAt: sql`now()` })
    .where(sql`state = 'queued' and next_attempt_at > now()`);
}

/** An admin's retry: a queued or failed mail is due now. A sent one is never sent again. */
export async function retryMail(db: DbOrTx, id: string): Promise<OutboxRow | null> {
  const [row] = await db
    .update(mailOutbox)
    .set({ state: "queued", nextAttemptAt: sql`now()` })
    .where(and(eq(mailOutbox.id, id), sql`state in ('queued', 'failed')`))
    .returning();
  if (row) return row;
  const [existing] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return existing ?? null;
}

export async function selectOutboxPage(
  db: DbOrTx,
  options: { state?: string | undefined; after: SQL | undefined; limit: number },
) {
  return db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.to,
      subject: mailOutbox.subject,
      state: mailOutbox.state,
      attempts: mailOutbox.attempts,
      lastErrorCode: mailOutbox.lastErrorCode,
      lastError: mailOutbox.lastError,
      nextAttemptAt: mailOutbox.nextAttemptAt,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
      related: mailOutbox.related,
      cursorAt: sql<string>`${mailOutbox.createdAt}::text`,
    })
    .from(mailOutbox)
    .where(and(options.state ? eq(mailOutbox.state, options.state) : undefined, options.after))
    .orderBy(sql`${mailOutbox.createdAt} desc, ${mailOutbox.id} desc`)
    .limit(options.limit + 1);
}
