import { apiRequest, apiSend } from "@web/api/api-client";

export interface FeedStatus {
  active: boolean;
  createdAt: string | null;
}
export interface FeedCreated {
  token: string;
  path: string;
  createdAt: string;
}

export const calendarFeedApi = {
  status: (signal?: AbortSignal) => apiRequest<FeedStatus>("/calendar/feed", { signal }),
  rotate: () => apiRequest<FeedCreated>("/calendar/feed", { method: "POST" }),
  revoke: () => apiSend("/calendar/feed", { method: "DELETE" }),
};
