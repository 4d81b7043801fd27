import { canSee, type Principal } from "@domain/access-policy";
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

/** The record's last team, owner and deletion, read past the gate (deleted records are gone from the API). */
async function lastState(db: Db, entity: WebhookEntity, id: string) {
  const table = RECORD_TABLES[entity];
  const [row] = await db
    .select({ teamId: table.teamId, ownerId: table.ownerId, deletedAt: table.deletedAt })
    .from(table)
    .where(eq(table.id, id));
  return row ?? null;
}

export type PayloadOutcome = { body: string } | { skip: "webhook_not_visible" | "webhook_record_gone" };

/**
 * The body of one delivery, built with the subscription owner's view at the first attempt: the
 * record as `GET /api/v1/<entity>s/{id}` answers it to the owner. Skipped when the owner may not see
 * it, or when it was deleted before it could be sent (its deletion event follows). Retries send the
 * stored body again.
 */
export async function buildPayload(
  db: Db,
  owner: Owner,
  delivery: Pick<DeliveryRow, "id" | "eventType" | "recordId" | "occurredAt" | "subscriptionId">,
  withRights: <P extends Principal>(principal: P) => P,
): Promise<PayloadOutcome> {
  const envelope = (data: unknown) => ({
    body: JSON.stringify({
      type: delivery.eventType,
      timestamp: delivery.occurredAt.toISOString(),
      schemaVersion: WEBHOOK_SCHEMA_VERSION,
      data,
    }),
  });
  const notVisible = { skip: "webhook_not_visible" } as const;
  if (delivery.eventType === WEBHOOK_TEST_EVENT) return envelope({ subscriptionId: delivery.subscriptionId });
  if (!isEventType(delivery.eventType) || !delivery.recordId) return notVisible;
  const ctx: ServiceContext = {
    db,
    // The owner sees what their role's row of the permission matrix lets them see, as in a request.
    actor: withRights(actorFrom(owner, {})),
    requestId: `webhook-${delivery.id}`,
  };
  const entity = entityOfEvent(delivery.eventType);
  if (isDeletion(delivery.eventType)) {
    const last = await lastState(db, entity, delivery.recordId);
    return last && canSee(ctx.actor, entity, last)
      ? envelope({ id: delivery.recordId, deleted: true })
      : notVisible;
  }
  try {
    return envelope(await READERS[entity](ctx, delivery.recordId));
  } catch (error) {
    // The gate's 404: nothing leaves. Deleted since (and the owner saw it): its deletion event follows.
    if (!(error instanceof AppError && error.status === 404)) throw error;
    const last = await lastState(db, entity, delivery.recordId);
    return last?.deletedAt && canSee(ctx.actor, entity, last) ? { skip: "webhook_record_gone" } : notVisible;
  }
}
