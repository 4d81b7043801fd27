import type { DbOrTx } from "@server/db/client";
import { users, webhookDeliveries, webhookEvents, webhookSubscriptions } from "@server/db/schema";
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";

export type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const subscriptionColumns = {
  row: webhookSubscriptions,
  ownerName: users.name,
  cursorAt: sql<string>`${webhookSubscriptions.createdAt}::text`,
};

export async function selectSubscriptions(db: DbOrTx, where?: SQL) {
  return db
    .select(subscriptionColumns)
    .from(webhookSubscriptions)
    .innerJoin(users, eq(users.id, webhookSubscriptions.ownerId))
    .where(where)
    .orderBy(sql`${webhookSubscriptions.createdAt} desc, ${webhookSubscriptions.id} desc`)
    .limit(500);
}

export async function findSubscription(db: DbOrTx, id: string) {
  const [found] = await selectSubscriptions(db, eq(webhookSubscriptions.id, id));
  return found ?? null;
}

export async function subscriptionRow(db: DbOrTx, id: string): Promise<SubscriptionRow | null> {
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  return row ?? null;
}

export async function lockSubscription(db: DbOrTx, id: string): Promise<SubscriptionRow | null> {
  const [row] = await db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.id, id))
    .for("update");
  return row ?? null;
}

export async function insertSubscription(db: DbOrTx, values: typeof webhookSubscriptions.$inferInsert) {
  const [row] = await db.insert(webhookSubscriptions).values(values).returning();
  if (!row) throw new Error("webhook subscription not inserted");
  return row;
}

export async function updateSubscription(
  db: DbOrTx,
  id: string,
  values: Partial<typeof webhookSubscriptions.$inferInsert>,
): Promise<SubscriptionRow | null> {
  const [row] = await db
    .update(webhookSubscriptions)
    .set({ ...values, version: sql`${webhookSubscriptions.version} + 1`, updatedAt: sql`now()` })
    .where(eq(webhookSubscriptions.id, id))
    .returning();
  return row ?? null;
}

export async function deleteSubscription(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhookSubscriptions)
    .where(eq(webhookSubscriptions.id, id))
    .returning({ id: webhookSubscriptions.id });
  return rows.length > 0;
}

export async function findActiveUser(db: DbOrTx, id: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)));
  return row ?? null;
}

// --- fan-out -------------------------------------------------------------------------------------

/**
 * Turns up to `limit` undispatched events into one delivery per active subscription that asks for
 * the type, and stamps them dispatched, in one statement pair inside the caller's transaction.
 * `for update skip locked` lets two processes fan out at once without doubling deliveries.
 */
export async function fanOutEvents(tx: DbOrTx, limit: number): Promise<number> {
  const events = await tx
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(isNull(webhookEvents.dispatchedAt))
    .orderBy(webhookEvents.id)
    .limit(limit)
    .for("update", { skipLocked: true });
  if (events.length === 0) return 0;
  const ids = events.map((e) => e.id);
  await tx.execute(sql`
    insert into webhook_deliveries
      (subscription_id, message_id, event_type, entity, record_id, occurred_at, next_attempt_at)
    select s.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), e.type, e.entity, e.record_id, e.occurred_at,
      -- Due a microsecond apart in the events' order, so a first attempt goes out in the order of the changes.
      now() + (row_number() over (order by e.id)) * interval '1 microsecond'
    from webhook_events e
    join webhook_subscriptions s on s.active and s.events ? e.type
    where e.id in ${sql.raw(`(${ids.map(Number).join(", ")})`)}
    order by e.id`);
  await tx.update(webhookEvents).set({ dispatchedAt: sql`now()` }).where(inArray(webhookEvents.id, ids));
  return ids.length;
}

/** Dispatched events older than the delivery log's span are forgotten (their deliveries keep the facts). */
export async function pruneEvents(db: DbOrTx, olderThanDays: number): Promise<void> {
  await db.execute(
    sql`delete from webhook_events where dispatched_at is not null and occurred_at < now() - ${olderThanDays} * interval '1 day'`,
  );
}

// --- deliveries ----------------------------------------------------------------------------------

/**
 * The delivery log keeps finished deliveries (succeeded, failed, skipped) for `olderThanDays`; older
 * ones are deleted, at most `limit` per call so one run never holds a long lock. Deliveries still
 * queued or being sent are kept whatever their age. Walks each subscription's (subscription_id,
 * created_at) index instead of scanning the table. Returns how many were deleted.
 */
export async function pruneDeliveries(db: DbOrTx, olderThanDays: number, limit: number): Promise<number> {
  const doomed = sql`(
      select d.id from webhook_subscriptions s
      cross join lateral (
        select d.id from webhook_deliveries d
        where d.subscription_id = s.id
          and d.created_at < now() - ${olderThanDays} * interval '1 day'
          and d.state not in ('queued', 'sending')
        order by d.created_at
        limit ${limit}
      ) d
      limit ${limit})`;
  const rows = await db
    .delete(webhookDeliveries)
    .where(inArray(webhookDeliveries.id, doomed))
    .returning({ id: webhookDeliveries.id });
  return rows.length;
}

/** Claims the next due delivery (or one whose sender died), as the mail outbox does. */
export async function claimDueDelivery(db: DbOrTx, leaseMs: number): Promise<DeliveryRow | null> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({
      state: "sending",
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lockedUntil: sql`now() + (${leaseMs}::double precision * interval '1 millisecond')`,
    })
    .where(
      sql`${webhookDeliveries.id} = (
        select id from webhook_deliveries
        where (state = 'queued' and next_attempt_at <= now())
           or (state = 'sending' and locked_until < now())
        order by next_attempt_at, id
        limit 1
        for update skip locked)`,
    )
    .returning();
  return row ?? null;
}

/** Fenced by the attempt number: a sender whose lease ran out cannot overwrite a newer attempt. */
const mine = (row: Pick<DeliveryRow, "id" | "attempts">): SQL =>
  and(
    eq(webhookDeliveries.id, row.id),
    eq(webhookDeliveries.attempts, row.attempts),
    eq(webhookDeliveries.state, "sending"),
  ) as SQL;

export async function savePayload(db: DbOrTx, row: Pick<DeliveryRow, "id" | "attempts">, payload: string) {
  await db.update(webhookDeliveries).set({ payload }).where(mine(row));
}

export interface AttemptOutcome {
  state: "succeeded" | "failed" | "queued" | "skipped";
  retryAt: Date | null;
  responseStatus: number | null;
  durationMs: number | null;
  errorCode: string | null;
  error: string | null;
}

export async function finishAttempt(
  db: DbOrTx,
  row: Pick<DeliveryRow, "id" | "attempts">,
  outcome: AttemptOutcome,
): Promise<boolean> {
  const done = await db
    .update(webhookDeliveries)
    .set({
      state: outcome.state,
      nextAttemptAt: outcome.retryAt ?? sql`now()`,
      lockedUntil: null,
      responseStatus: outcome.responseStatus,
      durationMs: outcome.durationMs,
      errorCode: outcome.errorCode,
      error: outcome.error,
      lastAttemptAt: sql`now()`,
    })
    .where(mine(row))
    .returning({ id: webhookDeliveries.id });
  return done.length > 0;
}

export async function selectDeliveryPage(
  db: DbOrTx,
  subscriptionId: string,
  options: { after: SQL | undefined; limit: number },
) {
  return db
    .select({ row: webhookDeliveries, cursorAt: sql<string>`${webhookDeliveries.createdAt}::text` })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.subscriptionId, subscriptionId), options.after))
    .orderBy(sql`${webhookDeliveries.createdAt} desc, ${webhookDeliveries.id} desc`)
    .limit(options.limit + 1);
}

export async function findDelivery(db: DbOrTx, subscriptionId: string, id: string) {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.subscriptionId, subscriptionId), eq(webhookDeliveries.id, id)));
  return row ?? null;
}

export async function insertDelivery(db: DbOrTx, values: typeof webhookDeliveries.$inferInsert) {
  const [row] = await db.insert(webhookDeliveries).values(values).returning();
  if (!row) throw new Error("webhook delivery not inserted");
  return row;
}

/** The subscription's failure streak: started by a failure, ended by a success. */
export async function markSubscriptionFailing(db: DbOrTx, id: string): Promise<SubscriptionRow | null> {
  const [row] = await db
    .update(webhookSubscriptions)
    .set({ failingSince: sql`coalesce(${webhookSubscriptions.failingSince}, now())` })
    .where(eq(webhookSubscriptions.id, id))
    .returning();
  return row ?? null;
}

export async function markSubscriptionHealthy(db: DbOrTx, id: string): Promise<void> {
  await db
    .update(webhookSubscriptions)
    .set({ failingSince: null })
    .where(and(eq(webhookSubscriptions.id, id), sql`failing_since is not null`));
}

/** The admins told when a subscription is switched off. */
export async function activeAdmins(db: DbOrTx) {
  return db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)));
}
