import type { Activity, createActivityBody } from "@shared/schemas/activity";
import { apiRequest } from "@web/api/api-client";
import type { z } from "zod";

export type { Activity };
export type ActivityType = Activity["type"];
export type CreateActivityRequest = z.input<typeof createActivityBody>;

export const activitiesApi = {
  create: (body: CreateActivityRequest) => apiRequest<Activity>("/activities", { method: "POST", body }),
};
