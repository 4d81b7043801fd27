import { problemResponses } from "@server/plugins/openapi";
import { idParams } from "@shared/schemas/common";
import { dueWorkQuery, notificationListQuery, notificationListResponse } from "@shared/schemas/notification";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as notifications from "./notification.service";

const unreadResponse = z.object({ unreadCount: z.number().int() });

export function notificationRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Notifications"];
  r.get(
    "/notifications",
    {
      schema: {
        tags,
        summary: "The caller's reminders, newest first, the overdue and due-today work, and the unread count",
        querystring: notificationListQuery,
        response: { 200: notificationListResponse, ...problemResponses },
      },
    },
    async (request) => notifications.listNotifications(request.ctx(), request.query),
  );
  r.post(
    "/notifications/:id/read",
    {
      schema: {
        tags,
        summary: "Mark one reminder read",
        params: idParams,
        querystring: dueWorkQuery,
        response: { 200: unreadResponse, ...problemResponses },
      },
    },
    async (request) => notifications.markNotificationRead(request.ctx(), request.params.id, request.query),
  );
  r.post(
    "/notifications/read-all",
    {
      schema: {
        tags,
        summary: "Mark all of the caller's reminders read and the due work seen",
        querystring: dueWorkQuery,
        response: { 200: unreadResponse, ...problemResponses },
      },
    },
    async (request) => notifications.markAllNotificationsRead(request.ctx(), request.query),
  );
}
