import { canSee } from "@domain/access-policy";
import {
  entityOfEvent,
  isDeletion,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_SCHEMA_VERSION,
  WEBHOOK_TEST_EVENT,
  type WebhookEntity,
  type WebhookEventType,
} from "@domain/webhooks/webhook-events";
import { actorFrom } from "@server/access/actor";
import type { ServiceContext } from "@server/context";
import type { Db } from "@server/db/client";
import { RECORD_TABLES } from "@server/db/record-update";
import { AppError } from "@server/errors";
import { getActivity } from "@server/modules/activities/activity.service";
import { getCompany } from "@server/modules/companies/company.service";
import { getContact } from "@server/modules/contacts/contact.service";
import { getDeal } from "@server/modules/deals/deal.service";
import { getLead } from "@server/modules/leads/lead.service";
import { eq } from "drizzle-orm";
import type { DeliveryRow } from "./webhook.repository";

type Owner = Parameters<typeof actorFrom>[0];

/** Each entity's record as the API answers it to the reader: the same services, so the same gate. */
const READERS: Record<WebhookEntity, (ctx: ServiceContext, id: string) => Promise<unknown>> = {
  lead: getLead,
  contact: getContact,
  company: getCompany,
  deal: getDeal,
  activity: getActivity,
};

const isEventType = (type: string): type is WebhookEventType =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);

/** A deleted record is gone from the API: whether the owner could see it is asked of its last team and owner. */
async function tombstoneVisible(db: Db, owner: ServiceContext["actor"], entity: WebhookEntity, id: string) {
  const table = RECORD_TABLES[entity];
  const [row] = await db
    .select({ teamId: table.teamId, ownerId: table.ownerId })
    .from(table)
    .where(eq(table.id, id));
  return row ? canSee(owner, entity, row) : false;
}

/**
 * The body of one delivery, built with the subscription owner's view at the first attempt: the
 * record as `GET /api/v1/<entity>s/{id}` answers it to the owner, or null when the owner may not see
 * it (the delivery is then skipped). Retries and replays send the stored body again.
 */
export async function buildPayload(
  db: Db,
  owner: Owner,
  delivery: Pick<DeliveryRow, "id" | "eventType" | "recordId" | "occurredAt" | "subscriptionId">,
): Promise<string | null> {
  const envelope = (data: unknown) =>
    JSON.stringify({
      type: delivery.eventType,
      timestamp: delivery.occurredAt.toISOString(),
      schemaVersion: WEBHOOK_SCHEMA_VERSION,
      data,
    });
  if (delivery.eventType === WEBHOOK_TEST_EVENT) return envelope({ subscriptionId: delivery.subscriptionId });
  if (!isEventType(delivery.eventType) || !delivery.recordId) return null;
  const ctx: ServiceContext = {
    db,
    actor: actorFrom(owner, {}),
    requestId: `webhook-${delivery.id}`,
  };
  const entity = entityOfEvent(delivery.eventType);
  if (isDeletion(delivery.eventType)) {
    const visible = await tombstoneVisible(db, ctx.actor, entity, delivery.recordId);
    return visible ? envelope({ id: delivery.recordId, deleted: true }) : null;
  }
  try {
    return envelope(await READERS[entity](ctx, delivery.recordId));
  } catch (error) {
    // Invisible to the owner (or deleted since): the gate's 404, and nothing leaves.
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}
