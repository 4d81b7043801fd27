import type {
  Activity,
  ActivityListQuery,
  ActivityParticipant,
  createActivityBody,
  updateActivityBody,
} from "@shared/schemas/activity";
import { apiRequest, apiSend, apiUrl } from "@web/api/api-client";
import type { z } from "zod";

export type { Activity, ActivityParticipant };
export type ActivityType = Activity["type"];
export type CreateActivityRequest = z.input<typeof createActivityBody>;
export type UpdateActivityRequest = z.input<typeof updateActivityBody>;
export type ActivityQuery = Partial<Omit<ActivityListQuery, "type" | "ids" | "fields">> & {
  type?: ActivityType[];
};

interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

const toQuery = ({ type, ...query }: ActivityQuery) => ({ ...query, type: type?.join(",") });

export const activitiesApi = {
  list: (query: ActivityQuery, signal?: AbortSignal) =>
    apiRequest<Page<Activity>>("/activities", { query: toQuery(query), signal }),
  get: (id: string, signal?: AbortSignal) => apiRequest<Activity>(`/activities/${id}`, { signal }),
  create: (body: CreateActivityRequest) => apiRequest<Activity>("/activities", { method: "POST", body }),
  update: (id: string, body: UpdateActivityRequest) =>
    apiRequest<Activity>(`/activities/${id}`, { method: "PATCH", body }),
  remove: (id: string) => apiSend(`/activities/${id}`, { method: "DELETE" }),
  /** The appointment as an .ics file (a plain link: the browser downloads it with the session cookie). */
  icsUrl: (id: string) => apiUrl(`/activities/${id}/ics`, {}),
};

/** Every page of a bounded list (a calendar range); stops after `maxPages` to stay bounded. */
export async function listAllActivities(query: ActivityQuery, signal?: AbortSignal, maxPages = 5) {
  const all: Activity[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const result: Page<Activity> = await activitiesApi.list(
      { ...query, limit: 200, ...(cursor ? { cursor } : {}) },
      signal,
    );
    all.push(...result.data);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return all;
}
