import { problemResponses } from "@server/plugins/openapi";
import { idParams, listResponse } from "@shared/schemas/common";
import {
  createWebhookBody,
  updateWebhookBody,
  webhookDeliveryListQuery,
  webhookDeliveryListResponse,
  webhookDeliveryParams,
  webhookDeliverySchema,
  webhookSchema,
  webhookWithSecretSchema,
} from "@shared/schemas/webhook";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as webhooks from "./webhook.service";

export function webhookRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Webhooks"];
  const deps = (): webhooks.WebhookDeps => ({
    box: app.mail.box,
    allowedHosts: app.config.webhooks.allowedHosts,
  });

  r.get(
    "/webhooks",
    {
      schema: {
        tags,
        summary: "Webhook subscriptions, newest first (admin)",
        response: { 200: listResponse(webhookSchema), ...problemResponses },
      },
    },
    async (request) => webhooks.listWebhooks(request.ctx()),
  );
  r.post(
    "/webhooks",
    {
      schema: {
        tags,
        summary:
          "Subscribe a URL to events (admin); the answer carries the signing secret, which is never shown again. Private and local addresses are refused (422 on url)",
        body: createWebhookBody,
        response: { 201: webhookWithSecretSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await webhooks.createWebhook(request.ctx(), deps(), request.body)),
  );
  r.get(
    "/webhooks/:id",
    {
      schema: {
        tags,
        summary: "One webhook subscription (admin)",
        params: idParams,
        response: { 200: webhookSchema, ...problemResponses },
      },
    },
    async (request) => webhooks.getWebhook(request.ctx(), request.params.id),
  );
  r.patch(
    "/webhooks/:id",
    {
      schema: {
        tags,
        summary: "Change URL, events, description or switch it on and off (admin)",
        params: idParams,
        body: updateWebhookBody,
        response: { 200: webhookSchema, ...problemResponses },
      },
    },
    async (request) => webhooks.updateWebhook(request.ctx(), deps(), request.params.id, request.body),
  );
  r.delete(
    "/webhooks/:id",
    {
      schema: {
        tags,
        summary: "Delete a subscription and its delivery log (admin)",
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await webhooks.deleteWebhook(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    },
  );
  r.post(
    "/webhooks/:id/rotate-secret",
    {
      schema: {
        tags,
        summary: "Replace the signing secret; the new one is shown only in this answer (admin)",
        params: idParams,
        response: { 200: webhookWithSecretSchema, ...problemResponses },
      },
    },
    async (request) => webhooks.rotateWebhookSecret(request.ctx(), deps(), request.params.id),
  );
  r.post(
    "/webhooks/:id/test",
    {
      schema: {
        tags,
        summary: "Send a webhook.test event now; its outcome shows in the delivery log (admin)",
        params: idParams,
        response: { 201: webhookDeliverySchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const delivery = await webhooks.sendTestEvent(request.ctx(), request.params.id);
      app.jobs.wake();
      return reply.code(201).send(delivery);
    },
  );
  r.get(
    "/webhooks/:id/deliveries",
    {
      schema: {
        tags,
        summary: "The delivery log: status, response code, duration, attempts, error; newest first (admin)",
        params: idParams,
        querystring: webhookDeliveryListQuery,
        response: { 200: webhookDeliveryListResponse, ...problemResponses },
      },
    },
    async (request) => webhooks.listDeliveries(request.ctx(), request.params.id, request.query),
  );
  r.post(
    "/webhooks/:id/deliveries/:deliveryId/replay",
    {
      schema: {
        tags,
        summary: "Send a finished delivery again, with the same webhook-id (admin)",
        params: webhookDeliveryParams,
        response: { 201: webhookDeliverySchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const delivery = await webhooks.replayDelivery(
        request.ctx(),
        request.params.id,
        request.params.deliveryId,
      );
      app.jobs.wake();
      return reply.code(201).send(delivery);
    },
  );
}
