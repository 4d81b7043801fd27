import { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT } from "@domain/webhooks/webhook-events";
import { msg } from "@shared/message-codes";
import { z } from "zod";
import { idSchema, isoDateTime } from "./common";

export const webhookEventTypeSchema = z
  .enum(WEBHOOK_EVENT_TYPES as [string, ...string[]])
  .describe("An event type, e.g. deal.won");

const urlField = z
  .string()
  .trim()
  .min(1)
  .max(2000, msg("too_long", { count: 2000 }))
  .describe(
    "Where the events are POSTed: http(s), a public address (or one on LEADWERK_WEBHOOK_ALLOWED_HOSTS)",
  );
const eventsField = z
  .array(webhookEventTypeSchema)
  .min(1, msg("webhook_events_required"))
  .max(WEBHOOK_EVENT_TYPES.length)
  .refine((list) => new Set(list).size === list.length, msg("duplicate_entry"))
  .describe("The event types to receive");
const descriptionField = z
  .string()
  .trim()
  .max(500, msg("too_long", { count: 500 }))
  .nullable();

export const createWebhookBody = z.strictObject({
  url: urlField,
  events: eventsField,
  description: descriptionField.optional(),
  active: z.boolean().default(true),
  ownerId: idSchema
    .optional()
    .describe(
      "Whose view of the records the subscription has (events on records they cannot see are not sent); default: you",
    ),
});
export const updateWebhookBody = z.strictObject({
  url: urlField.optional(),
  events: eventsField.optional(),
  description: descriptionField.optional(),
  active: z.boolean().optional(),
  version: z.number().int().min(1).optional().describe("The version read; a stale one answers 409"),
});

export const webhookSchema = z.object({
  id: idSchema,
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  active: z.boolean(),
  owner: z.object({ id: idSchema, name: z.string() }),
  /** Why the system switched it off (`webhook_disabled_failing`), null otherwise. */
  disabledReason: z.string().nullable().describe("Message code: why the system switched it off"),
  failingSince: isoDateTime.nullable().describe("Since when every delivery failed"),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhookWithSecretSchema = webhookSchema.extend({
  secret: z.string().describe("whsec_… — shown only now; verify signatures with it (Standard Webhooks)"),
});
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const WEBHOOK_DELIVERY_STATES = ["queued", "sending", "succeeded", "failed", "skipped"] as const;
export const webhookDeliverySchema = z.object({
  id: idSchema,
  messageId: z.string().describe("The webhook-id header (the same on retries and replays)"),
  eventType: z.string(),
  entity: z.string().nullable(),
  recordId: idSchema.nullable(),
  occurredAt: isoDateTime,
  state: z.enum(WEBHOOK_DELIVERY_STATES),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable().describe("The receiver's HTTP status of the last attempt"),
  durationMs: z.number().int().nullable(),
  errorCode: z.string().nullable().describe("Message code of the last failure (serverErrors.<code>)"),
  error: z.string().nullable().describe("The network's own words, bounded"),
  nextAttemptAt: isoDateTime.nullable(),
  lastAttemptAt: isoDateTime.nullable(),
  replayOf: idSchema.nullable(),
  createdAt: isoDateTime,
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryParams = z.strictObject({ id: idSchema, deliveryId: idSchema });
export const webhookDeliveryListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export const webhookDeliveryListResponse = z.object({
  data: z.array(webhookDeliverySchema),
  nextCursor: z.string().nullable(),
});

/** What every POST to a receiver carries (Standard Webhooks' `type`, `timestamp`, `data`). */
export const webhookPayloadEnvelope = <T extends z.ZodType>(type: string, data: T) =>
  z.object({
    type: z.literal(type),
    timestamp: isoDateTime.describe("When the change was committed"),
    schemaVersion: z.literal(1).describe("The payload's schema version"),
    data,
  });

export const webhookTombstoneSchema = z.object({
  id: idSchema,
  deleted: z.literal(true),
});

export const webhookTestDataSchema = z.object({ subscriptionId: idSchema });
export const WEBHOOK_TEST_TYPE = WEBHOOK_TEST_EVENT;
