import type { ActivityType } from "@shared/schemas/activity";
import type { TimelineItem } from "@shared/schemas/timeline";
import { apiRequest } from "@web/api/api-client";

export type { TimelineItem };
export type TimelineEntity = "lead" | "contact" | "company" | "deal";

/** The collection path of each entity, also the first part of its query keys. */
export const ENTITY_PATH: Record<TimelineEntity, "leads" | "contacts" | "companies" | "deals"> = {
  lead: "leads",
  contact: "contacts",
  company: "companies",
  deal: "deals",
};

/** "all", only history, or only activities of one type. */
export type TimelineFilter = "all" | "history" | ActivityType;

export const PAGE_SIZE = 30;

export function fetchTimeline(
  entity: TimelineEntity,
  id: string,
  filter: TimelineFilter,
  cursor: string | null,
  signal?: AbortSignal,
) {
  const narrowing = filter === "all" ? {} : filter === "history" ? { kind: "history" } : { type: filter };
  return apiRequest<{ data: TimelineItem[]; nextCursor: string | null }>(
    `/${ENTITY_PATH[entity]}/${id}/timeline`,
    { query: { cursor, limit: PAGE_SIZE, ...narrowing }, signal },
  );
}
