/**
 * The events a webhook subscription may ask for (issue #14 point 4), grouped by the record they are
 * about. The audit actions that raise them are mapped in the migration `…_webhooks.sql` (a trigger on
 * `audit_log`); `webhook.test` is only ever sent by "send test event".
 */
export const WEBHOOK_EVENT_GROUPS = {
  lead: ["lead.created", "lead.updated", "lead.converted"],
  contact: ["contact.created", "contact.updated", "contact.deleted"],
  company: ["company.created", "company.updated", "company.deleted"],
  deal: ["deal.created", "deal.stage_changed", "deal.won", "deal.lost"],
  activity: ["activity.created", "activity.updated", "activity.deleted"],
} as const;

export type WebhookEntity = keyof typeof WEBHOOK_EVENT_GROUPS;
export type WebhookEventType = (typeof WEBHOOK_EVENT_GROUPS)[WebhookEntity][number];

export const WEBHOOK_ENTITIES = Object.keys(WEBHOOK_EVENT_GROUPS) as WebhookEntity[];
export const WEBHOOK_EVENT_TYPES = Object.values(WEBHOOK_EVENT_GROUPS).flat() as WebhookEventType[];

/** The event sent by "send test event": no record, only the subscription's id. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

/** The payload's schema version: a change that breaks receivers gets a new number. */
export const WEBHOOK_SCHEMA_VERSION = 1;

export function entityOfEvent(type: WebhookEventType): WebhookEntity {
  return type.slice(0, type.indexOf(".")) as WebhookEntity;
}

/** Deleted events carry a tombstone `{ id, deleted: true }`: the record itself is gone from the API. */
export function isDeletion(type: string): boolean {
  return type.endsWith(".deleted");
}

/**
 * When the next attempt is due after `attempts` failed ones (Standard Webhooks' suggested schedule:
 * at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), with ±10 % jitter; null: give up.
 */
const RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
export const WEBHOOK_MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;

export function retryDelayMs(attempts: number, random = Math.random()): number | null {
  const base = RETRY_SCHEDULE_MS[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (0.9 + 0.2 * random));
}

/** A receiver gets this long for the whole exchange (connect, TLS, answer headers). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** A subscription whose every attempt failed for this long is switched off, and the admins are told. */
export const WEBHOOK_DISABLE_AFTER_MS = 5 * 24 * 3_600_000;

export function shouldDisable(failingSince: Date | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= WEBHOOK_DISABLE_AFTER_MS;
}
