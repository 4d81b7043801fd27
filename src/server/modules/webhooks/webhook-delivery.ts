import type { Principal } from "@domain/access-policy";
import {
  retryDelayMs,
  shouldDisable,
  WEBHOOK_DISABLE_AFTER_MS,
  WEBHOOK_TIMEOUT_MS,
} from "@domain/webhooks/webhook-events";
import type { Db } from "@server/db/client";
import type { LiveMessage } from "@server/live/live-message";
import { enqueueMail } from "@server/modules/mail/outbox";
import type { SecretBox } from "@server/modules/mail/secret-box";
import { notifyUsers } from "@server/modules/notifications/notification.service";
import type { FastifyBaseLogger } from "fastify";
import * as repo from "./webhook.repository";
import { buildPayload } from "./webhook-payload";
import { postWebhook, signedHeaders } from "./webhook-sender";
import { checkTarget } from "./webhook-target";

/** The purpose a subscription's secret is sealed for (SecretBox's additional data). */
export const WEBHOOK_SECRET = "webhook-secret";
/** How long a claimed delivery belongs to its sender before another process may take it again. */
const SEND_LEASE_MS = 2 * WEBHOOK_TIMEOUT_MS + 30_000;
const FAN_OUT_BATCH = 500;
/** Dispatched events are kept this long; the deliveries keep what was sent. */
const KEEP_EVENTS_DAYS = 30;
/** Finished deliveries stay in the log (Settings → Webhooks) this long, then are deleted. */
export const KEEP_DELIVERIES_DAYS = 30;
/** At most this many old deliveries are deleted per run (every 5 s), so a backlog drains in steps. */
const PRUNE_BATCH = 5_000;

export interface DeliveryDeps {
  db: Db;
  box: SecretBox;
  allowedHosts: readonly string[];
  log: FastifyBaseLogger;
  signal: AbortSignal;
  /** The permission matrix's row for a principal (app.permissions.withRights): the owner's rights. */
  withRights: <P extends Principal>(principal: P) => P;
}

/**
 * One run of the `webhook-dispatch` job: fans the new events out to the subscriptions that asked
 * for them, then sends every due delivery, one at a time, until none is due or the job must stop.
 * A delivery is marked succeeded only after the receiver's 2xx; a process that dies in between
 * leaves it `sending`, and it is sent again (same webhook-id) once its lease ran out.
 */
export async function dispatchWebhooks(
  deps: DeliveryDeps,
): Promise<{ sent: number; failed: number; live: LiveMessage[] }> {
  const { db, signal } = deps;
  while (!signal.aborted && (await db.transaction((tx) => repo.fanOutEvents(tx, FAN_OUT_BATCH))) > 0) {
    // next batch
  }
  await repo.pruneEvents(db, KEEP_EVENTS_DAYS);
  await repo.pruneDeliveries(db, KEEP_DELIVERIES_DAYS, PRUNE_BATCH);
  let sent = 0;
  let failed = 0;
  const live: LiveMessage[] = [];
  while (!signal.aborted) {
    const row = await repo.claimDueDelivery(db, SEND_LEASE_MS);
    if (!row) break;
    const outcome = await attempt(deps, row, live);
    if (outcome === "succeeded") sent++;
    else if (outcome === "failed") failed++;
  }
  return { sent, failed, live };
}

const skipped = (errorCode: string): repo.AttemptOutcome => ({
  state: "skipped",
  retryAt: null,
  responseStatus: null,
  durationMs: null,
  errorCode,
  error: null,
});

async function attempt(
  deps: DeliveryDeps,
  row: repo.DeliveryRow,
  live: LiveMessage[],
): Promise<"succeeded" | "failed" | "skipped"> {
  const { db } = deps;
  const sub = await repo.subscriptionRow(db, row.subscriptionId);
  if (!sub?.active) {
    await repo.finishAttempt(db, row, skipped("webhook_inactive"));
    return "skipped";
  }
  // The gate is asked at every attempt: a retry of a record the owner may no longer see is not sent.
  // The body stays the one of the first attempt (a retry repeats the same message).
  const owner = await repo.findActiveUser(db, sub.ownerId);
  const built = owner
    ? await buildPayload(db, owner, row, deps.withRights)
    : { skip: "webhook_owner_invalid" as const };
  if ("skip" in built) {
    await repo.finishAttempt(db, row, skipped(built.skip));
    return "skipped";
  }
  let payload = row.payload;
  if (payload === null) {
    payload = built.body;
    await repo.savePayload(db, row, payload);
  }
  const secret = deps.box.open(sub.secretSealed, WEBHOOK_SECRET);
  const target = secret ? await checkTarget(sub.url, deps.allowedHosts) : null;
  const result =
    secret && target?.ok
      ? await postWebhook(target, signedHeaders(secret, row.messageId, new Date(), payload), payload)
      : null;
  if (result?.ok) {
    await repo.finishAttempt(db, row, {
      state: "succeeded",
      retryAt: null,
      responseStatus: result.status,
      durationMs: result.durationMs,
      errorCode: null,
      error: null,
    });
    await repo.markSubscriptionHealthy(db, sub.id);
    return "succeeded";
  }
  const delay = retryDelayMs(row.attempts);
  const errorCode = !secret
    ? "webhook_secret_unreadable"
    : target && !target.ok
      ? target.refusal
      : (result?.code ?? "webhook_connect_failed");
  await repo.finishAttempt(db, row, {
    state: delay === null ? "failed" : "queued",
    retryAt: delay === null ? null : new Date(Date.now() + delay),
    responseStatus: result?.status ?? null,
    durationMs: result?.durationMs ?? null,
    errorCode,
    error: result && !result.ok ? result.error : null,
  });
  // The kind of failure only: a receiver's URL may carry a token.
  deps.log.warn(
    { webhookId: sub.id, deliveryId: row.id, attempt: row.attempts, code: errorCode },
    "webhook not delivered",
  );
  live.push(...(await noteFailure(db, sub.id)));
  return "failed";
}

const DISABLED_MAIL = {
  de: (url: string, days: number) => ({
    subject: "Leadwerk: Webhook ausgeschaltet",
    text: `Der Webhook an ${url} wurde ausgeschaltet, weil ${days} Tage lang jede Zustellung fehlschlug.\nPrüfen Sie den Empfänger und schalten Sie ihn unter Einstellungen → Webhooks wieder ein; das Zustellprotokoll zeigt die Fehler.`,
  }),
  en: (url: string, days: number) => ({
    subject: "Leadwerk: webhook switched off",
    text: `The webhook to ${url} was switched off because every delivery failed for ${days} days.\nCheck the receiver and switch it on again under Settings → Webhooks; the delivery log shows the errors.`,
  }),
} as const;

/**
 * Extends the subscription's failure streak; once every attempt failed for the limit, switches it off
 * and tells every active admin, in the bell and by mail (through the outbox), in one transaction.
 * Answers the bell's live messages, to publish after the commit.
 */
async function noteFailure(db: Db, subscriptionId: string): Promise<LiveMessage[]> {
  return db.transaction(async (tx) => {
    const sub = await repo.markSubscriptionFailing(tx, subscriptionId);
    if (!sub?.active || !shouldDisable(sub.failingSince, new Date())) return [];
    await repo.updateSubscription(tx, sub.id, { active: false, disabledReason: "webhook_disabled_failing" });
    const days = Math.round(WEBHOOK_DISABLE_AFTER_MS / 86_400_000);
    const admins = await repo.activeAdmins(tx);
    for (const admin of admins) {
      const text = DISABLED_MAIL[admin.locale === "de" ? "de" : "en"](sub.url, days);
      await enqueueMail(tx, { to: admin.email, ...text, related: [{ entity: "webhook", id: sub.id }] });
    }
    return notifyUsers(
      tx,
      admins.map((a) => a.id),
      { code: "webhook_disabled_notice", params: { url: sub.url, days }, link: "/settings/webhooks" },
    );
  });
}
