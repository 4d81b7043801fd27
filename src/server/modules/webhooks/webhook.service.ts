import { randomBytes } from "node:crypto";
import { WEBHOOK_TEST_EVENT } from "@domain/webhooks/webhook-events";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { afterCursor, decodeCursor, toPage } from "@server/db/keyset";
import { webhookDeliveries } from "@server/db/schema";
import { conflict, notFound, ruleViolation, staleVersion } from "@server/errors";
import { enqueueJob } from "@server/jobs/job.repository";
import type { SecretBox } from "@server/modules/mail/secret-box";
import type {
  createWebhookBody,
  updateWebhookBody,
  Webhook,
  WebhookDelivery,
  WebhookWithSecret,
  webhookDeliveryListQuery,
} from "@shared/schemas/webhook";
import type { z } from "zod";
import * as repo from "./webhook.repository";
import { WEBHOOK_SECRET } from "./webhook-delivery";
import { checkTarget } from "./webhook-target";

export interface WebhookDeps {
  box: SecretBox;
  allowedHosts: readonly string[];
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toWebhook({ row, ownerName }: { row: repo.SubscriptionRow; ownerName: string }): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    active: row.active,
    owner: { id: row.ownerId, name: ownerName },
    disabledReason: row.disabledReason,
    failingSince: iso(row.failingSince),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toDelivery(row: repo.DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    messageId: row.messageId,
    eventType: row.eventType,
    entity: row.entity,
    recordId: row.recordId,
    occurredAt: row.occurredAt.toISOString(),
    state: row.state as WebhookDelivery["state"],
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    durationMs: row.durationMs,
    errorCode: row.errorCode,
    error: row.error,
    nextAttemptAt: row.state === "queued" ? row.nextAttemptAt.toISOString() : null,
    lastAttemptAt: iso(row.lastAttemptAt),
    replayOf: row.replayOf,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A fresh `whsec_` secret: 32 random bytes in base64, as Standard Webhooks' libraries read it. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** The SSRF rules on a URL being saved: 422 naming `url`. */
async function assertTarget(url: string, deps: WebhookDeps): Promise<void> {
  const check = await checkTarget(url, deps.allowedHosts);
  if (!check.ok) throw ruleViolation(check.refusal).at("url");
}

async function found(ctx: ServiceContext, id: string) {
  const row = await repo.findSubscription(ctx.db, id);
  if (!row) throw notFound("webhook_not_found");
  return row;
}

export async function listWebhooks(ctx: ServiceContext) {
  authorize(ctx, "webhook.manage");
  // A handful per installation: one page (at most 500), no cursor.
  return { data: (await repo.selectSubscriptions(ctx.db)).map(toWebhook), nextCursor: null };
}

export async function getWebhook(ctx: ServiceContext, id: string): Promise<Webhook> {
  authorize(ctx, "webhook.manage");
  return toWebhook(await found(ctx, id));
}

export async function createWebhook(
  ctx: ServiceContext,
  deps: WebhookDeps,
  body: z.output<typeof createWebhookBody>,
): Promise<WebhookWithSecret> {
  authorize(ctx, "webhook.manage");
  await assertTarget(body.url, deps);
  const ownerId = body.ownerId ?? ctx.actor.id;
  if (!(await repo.findActiveUser(ctx.db, ownerId)))
    throw ruleViolation("webhook_owner_invalid").at("ownerId");
  const secret = newSecret();
  const row = await repo.insertSubscription(ctx.db, {
    ownerId,
    url: body.url,
    events: body.events,
    description: body.description ?? null,
    active: body.active,
    secretSealed: deps.box.seal(secret, WEBHOOK_SECRET),
  });
  return { ...(await getWebhook(ctx, row.id)), secret };
}

export async function updateWebhook(
  ctx: ServiceContext,
  deps: WebhookDeps,
  id: string,
  body: z.output<typeof updateWebhookBody>,
): Promise<Webhook> {
  authorize(ctx, "webhook.manage");
  if (body.url !== undefined) await assertTarget(body.url, deps);
  await ctx.db.transaction(async (tx) => {
    const current = await repo.lockSubscription(tx, id);
    if (!current) throw notFound("webhook_not_found");
    if (body.version !== undefined && body.version !== current.version) throw staleVersion("webhook");
    const switchedOn = body.active === true && !current.active;
    await repo.updateSubscription(tx, id, {
      ...(body.url !== undefined && { url: body.url }),
      ...(body.events !== undefined && { events: body.events }),
      ...(body.description !== undefined && { description: body.description }),
      ...(body.active !== undefined && { active: body.active }),
      // Switched on again by hand: a new start, not the old failure streak.
      ...(switchedOn && { disabledReason: null, failingSince: null }),
      ...(body.active === false && { disabledReason: null }),
    });
  });
  return getWebhook(ctx, id);
}

export async function deleteWebhook(ctx: ServiceContext, id: string): Promise<void> {
  authorize(ctx, "webhook.manage");
  if (!(await repo.deleteSubscription(ctx.db, id))) throw notFound("webhook_not_found");
}

/** A new secret, shown once; the old one stops verifying at once. */
export async function rotateWebhookSecret(
  ctx: ServiceContext,
  deps: WebhookDeps,
  id: string,
): Promise<WebhookWithSecret> {
  authorize(ctx, "webhook.manage");
  const secret = newSecret();
  const row = await repo.updateSubscription(ctx.db, id, {
    secretSealed: deps.box.seal(secret, WEBHOOK_SECRET),
  });
  if (!row) throw notFound("webhook_not_found");
  return { ...(await getWebhook(ctx, id)), secret };
}

/** The delivery log of one subscription, newest first. */
export async function listDeliveries(
  ctx: ServiceContext,
  id: string,
  query: z.output<typeof webhookDeliveryListQuery>,
) {
  authorize(ctx, "webhook.manage");
  await found(ctx, id);
  const after = query.cursor
    ? afterCursor(
        webhookDeliveries.createdAt,
        webhookDeliveries.id,
        "desc",
        decodeCursor(query.cursor, 2),
        "timestamptz",
      )
    : undefined;
  const rows = await repo.selectDeliveryPage(ctx.db, id, { after, limit: query.limit });
  const page = toPage(rows, query.limit, (r) => [r.cursorAt, r.row.id]);
  return { data: page.data.map((r) => toDelivery(r.row)), nextCursor: page.nextCursor };
}

/** Queues a `webhook.test` event to the subscription (the caller wakes the runner). */
export async function sendTestEvent(ctx: ServiceContext, id: string): Promise<WebhookDelivery> {
  authorize(ctx, "webhook.manage");
  const { row: sub } = await found(ctx, id);
  if (!sub.active) throw ruleViolation("webhook_inactive");
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertDelivery(tx, {
      subscriptionId: id,
      messageId: `msg_${randomBytes(16).toString("hex")}`,
      eventType: WEBHOOK_TEST_EVENT,
      occurredAt: new Date(),
    });
    await enqueueJob(tx, "webhook-dispatch");
    return toDelivery(row);
  });
}

/**
 * Sends a finished delivery again as a new delivery with the same webhook-id (a receiver that took
 * it already can tell); its body is built anew through the gate. The caller wakes the runner.
 */
export async function replayDelivery(ctx: ServiceContext, id: string, deliveryId: string) {
  authorize(ctx, "webhook.manage");
  const { row: sub } = await found(ctx, id);
  const original = await repo.findDelivery(ctx.db, id, deliveryId);
  if (!original) throw notFound("webhook_delivery_not_found");
  if (!sub.active) throw ruleViolation("webhook_inactive");
  if (original.state === "queued" || original.state === "sending") throw conflict("webhook_replay_not_done");
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertDelivery(tx, {
      subscriptionId: id,
      messageId: original.messageId,
      eventType: original.eventType,
      entity: original.entity,
      recordId: original.recordId,
      occurredAt: original.occurredAt,
      // Built again at its first attempt: the owner's view of the record is asked anew.
      payload: null,
      replayOf: original.id,
    });
    await enqueueJob(tx, "webhook-dispatch");
    return toDelivery(row);
  });
}
