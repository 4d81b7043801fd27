import { useInfiniteQuery } from "@tanstack/react-query";
import { ENTITY_PATH, fetchTimeline, type TimelineEntity, type TimelineFilter } from "./timeline-api";

/**
 * Keyed under the record (["leads", "timeline", id, filter]), so whatever refreshes a record's
 * queries (an edit, a conversion, a new activity) refreshes its timeline too.
 */
export const timelineKey = (entity: TimelineEntity, id: string, filter?: TimelineFilter) =>
  filter
    ? ([ENTITY_PATH[entity], "timeline", id, filter] as const)
    : ([ENTITY_PATH[entity], "timeline", id] as const);

export function useRecordTimeline(entity: TimelineEntity, id: string, filter: TimelineFilter) {
  return useInfiniteQuery({
    queryKey: timelineKey(entity, id, filter),
    queryFn: ({ pageParam, signal }) => fetchTimeline(entity, id, filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
