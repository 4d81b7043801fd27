import type { DueWork, Notification } from "@shared/schemas/notification";
import { apiRequest } from "@web/api/api-client";

export type { DueWork, Notification };

/** "Today" of the due work ends at the reader's midnight, so the server is told the browser's zone. */
const zone = () => ({ timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" });

export const notificationsApi = {
  list: (signal?: AbortSignal) =>
    apiRequest<{ data: Notification[]; unreadCount: number; due: DueWork[]; dueCount: number }>(
      "/notifications",
      { query: { limit: 20, ...zone() }, signal },
    ),
  markRead: (id: string) =>
    apiRequest<{ unreadCount: number }>(`/notifications/${id}/read`, { method: "POST", query: zone() }),
  markAllRead: () =>
    apiRequest<{ unreadCount: number }>("/notifications/read-all", { method: "POST", query: zone() }),
};
