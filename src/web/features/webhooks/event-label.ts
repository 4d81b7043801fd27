import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@domain/webhooks/webhook-events";
import type { TFunction } from "i18next";

const isKnown = (type: string): type is WebhookEventType =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);

/** An event type in the user's words ("Deal gewonnen"); an unknown one as it is. */
export function eventLabel(t: TFunction, type: string): string {
  if (type === "webhook.test") return t("webhooks.events.webhook.test");
  return isKnown(type) ? t(`webhooks.events.${type}`) : type;
}
