/**
 * Webhooks (#14): subscriptions, the outbox of events written in the transaction of the change that
 * caused them (by a trigger on `audit_log`, see the migration `…_webhooks.sql`), and one delivery per
 * event and subscription with its attempts. Owned by `modules/webhooks` (ARCHITECTURE.md, "Webhooks").
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../schema";
import { inList, tstz } from "./columns";

export const WEBHOOK_DELIVERY_STATES = ["queued", "sending", "succeeded", "failed", "skipped"] as const;

export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    /** Whose visibility the subscription has: it receives only events on records this user may see. */
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    url: text("url").notNull(),
    description: text("description"),
    /** Event types, e.g. ["deal.won", "lead.created"] (jsonb so the trigger asks `events ? type`). */
    events: jsonb("events").$type<string[]>().notNull(),
    active: boolean("active").notNull().default(true),
    /** The `whsec_…` secret, sealed with LEADWERK_SECRET_KEY (mail's SecretBox); shown once. */
    secretSealed: text("secret_sealed").notNull(),
    /** Since when every attempt failed (null after a success); past the limit the subscription is disabled. */
    failingSince: tstz("failing_since"),
    /** Why it was switched off by the system (`webhook_disabled_failing`), null when an admin did. */
    disabledReason: text("disabled_reason"),
    version: integer("version").notNull().default(1),
    createdAt: tstz("created_at").notNull().defaultNow(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("webhook_subscriptions_created_idx").on(t.createdAt, t.id),
    index("webhook_subscriptions_events_idx").using("gin", t.events).where(sql`active`),
  ],
);

/**
 * The outbox: one row per event type and record per transaction (a lead update writes several audit
 * entries, one event). Fanned out to deliveries by the `webhook-dispatch` job, which stamps
 * `dispatched_at`.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: text("type").notNull(),
    entity: text("entity").notNull(),
    recordId: uuid("record_id").notNull(),
    /** The writing transaction's id: with type and record, what makes one change one event. */
    txId: bigint("tx_id", { mode: "number" }).notNull(),
    occurredAt: tstz("occurred_at").notNull().defaultNow(),
    dispatchedAt: tstz("dispatched_at"),
  },
  (t) => [
    uniqueIndex("webhook_events_once_key").on(t.txId, t.type, t.recordId),
    index("webhook_events_pending_idx").on(t.id).where(sql`dispatched_at is null`),
    index("webhook_events_occurred_idx").on(t.occurredAt),
  ],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: "cascade" }),
    /** The `webhook-id` header: the same on every retry and replay, so receivers can deduplicate. */
    messageId: text("message_id").notNull(),
    eventType: text("event_type").notNull(),
    entity: text("entity"),
    recordId: uuid("record_id"),
    occurredAt: tstz("occurred_at").notNull(),
    /** The body as first built (with the owner's view of the record); retries and replays send it again. */
    payload: text("payload"),
    state: text("state").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at").notNull().defaultNow(),
    lockedUntil: tstz("locked_until"),
    /** The last attempt: the receiver's HTTP status, how long it took, and a message code why it failed. */
    responseStatus: integer("response_status"),
    durationMs: integer("duration_ms"),
    errorCode: text("error_code"),
    error: text("error"),
    lastAttemptAt: tstz("last_attempt_at"),
    replayOf: uuid("replay_of"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("webhook_deliveries_subscription_idx").on(t.subscriptionId, t.createdAt, t.id),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`state in ('queued', 'sending')`),
    check("webhook_deliveries_state_check", inList("state", WEBHOOK_DELIVERY_STATES)),
  ],
);
