import {
  entityOfEvent,
  isDeletion,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_TEST_EVENT,
  type WebhookEntity,
} from "@domain/webhooks/webhook-events";
import { activitySchema } from "@shared/schemas/activity";
import { companySchema } from "@shared/schemas/company";
import { contactSchema } from "@shared/schemas/contact";
import { dealSchema } from "@shared/schemas/deal";
import { leadSchema } from "@shared/schemas/lead";
import {
  webhookPayloadEnvelope,
  webhookTestDataSchema,
  webhookTombstoneSchema,
} from "@shared/schemas/webhook";
import { z } from "zod";

const RECORD_SCHEMAS: Record<WebhookEntity, z.ZodType> = {
  lead: leadSchema,
  contact: contactSchema,
  company: companySchema,
  deal: dealSchema,
  activity: activitySchema,
};

const HEADERS = [
  ["webhook-id", "The message id (msg_…): the same on every retry and replay of it; deduplicate by it"],
  ["webhook-timestamp", "Seconds since 1970 when this attempt was signed; refuse old ones (e.g. > 5 min)"],
  [
    "webhook-signature",
    "`v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` with the subscription's secret (Standard Webhooks)",
  ],
] as const;

/** The payload schema of one event type: the record as `GET` answers it, a tombstone for deletions. */
export function webhookPayloadSchema(type: string): z.ZodType {
  if (type === WEBHOOK_TEST_EVENT) return webhookPayloadEnvelope(type, webhookTestDataSchema);
  const eventType = WEBHOOK_EVENT_TYPES.find((t) => t === type);
  if (!eventType) throw new Error(`unknown webhook event ${type}`);
  return webhookPayloadEnvelope(
    type,
    isDeletion(type) ? webhookTombstoneSchema : RECORD_SCHEMAS[entityOfEvent(eventType)],
  );
}

/**
 * The OpenAPI 3.1 `webhooks` section: one POST per event type with its versioned payload schema
 * (schemaVersion 1) and the signature headers, generated from the same zod schemas as the API.
 */
export function webhookOpenApi(): Record<string, unknown> {
  const entries = [...WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT].map((type) => [
    type,
    {
      post: {
        // A stable name for SDKs: lead.created → notifyLeadCreated.
        operationId: `notify${type
          .split(/[._]/)
          .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
          .join("")}`,
        summary:
          type === WEBHOOK_TEST_EVENT
            ? "Sent by “send test event”"
            : `Sent when ${/^[aeiou]/.test(type) ? "an" : "a"} ${type.replace(".", " is ").replace("_", " ")}`,
        description:
          "Delivered with retries (exponential backoff) until the receiver answers 2xx; redirects are not followed.",
        parameters: HEADERS.map(([name, description]) => ({
          name,
          in: "header",
          required: true,
          description,
          schema: { type: "string" },
        })),
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: z.toJSONSchema(webhookPayloadSchema(type), {
                target: "draft-2020-12",
                io: "output",
                unrepresentable: "any",
              }),
            },
          },
        },
        responses: { "2XX": { description: "Received; any other answer is retried" } },
      },
    },
  ]);
  return Object.fromEntries(entries);
}
