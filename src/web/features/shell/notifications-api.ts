import type { Notification } from "@shared/schemas/notification";
import { apiRequest } from "@web/api/api-client";

export type { Notification };

export const notificationsApi = {
  list: (signal?: AbortSignal) =>
    apiRequest<{ data: Notification[]; unreadCount: number }>("/notifications", {
      query: { limit: 20 },
      signal,
    }),
  markRead: (id: string) =>
    apiRequest<{ unreadCount: number }>(`/notifications/${id}/read`, { method: "POST" }),
  markAllRead: () => apiRequest<{ unreadCount: number }>("/notifications/read-all", { method: "POST" }),
};
