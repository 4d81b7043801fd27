import type {
  createWebhookBody,
  updateWebhookBody,
  Webhook,
  WebhookDelivery,
  WebhookWithSecret,
  webhookDeliveryListResponse,
} from "@shared/schemas/webhook";
import { apiRequest } from "@web/api/api-client";
import type { z } from "zod";

export type { Webhook, WebhookDelivery, WebhookWithSecret };
export type CreateWebhookRequest = z.input<typeof createWebhookBody>;
export type UpdateWebhookRequest = z.input<typeof updateWebhookBody>;
export type DeliveryPage = z.infer<typeof webhookDeliveryListResponse>;

export const webhooksApi = {
  list: (signal?: AbortSignal) => apiRequest<{ data: Webhook[] }>("/webhooks", { signal }),
  create: (body: CreateWebhookRequest) =>
    apiRequest<WebhookWithSecret>("/webhooks", { method: "POST", body }),
  update: (id: string, body: UpdateWebhookRequest) =>
    apiRequest<Webhook>(`/webhooks/${id}`, { method: "PATCH", body }),
  remove: (id: string) => apiRequest<void>(`/webhooks/${id}`, { method: "DELETE" }),
  rotate: (id: string) => apiRequest<WebhookWithSecret>(`/webhooks/${id}/rotate-secret`, { method: "POST" }),
  test: (id: string) => apiRequest<WebhookDelivery>(`/webhooks/${id}/test`, { method: "POST" }),
  deliveries: (id: string, cursor: string | null, signal?: AbortSignal) =>
    apiRequest<DeliveryPage>(`/webhooks/${id}/deliveries`, {
      signal,
      query: { limit: 20, ...(cursor ? { cursor } : {}) },
    }),
  replay: (id: string, deliveryId: string) =>
    apiRequest<WebhookDelivery>(`/webhooks/${id}/deliveries/${deliveryId}/replay`, { method: "POST" }),
};
