import { type Query, QueryClient, type QueryFilters } from "@tanstack/react-query";
import { isApiError } from "./api-client";

const MAX_RETRIES = 2;

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not change by asking again; only network trouble and 5xx are worth a retry.
      retry: (failureCount, error) =>
        failureCount < MAX_RETRIES && !(isApiError(error) && error.status < 500),
    },
    mutations: { retry: false },
  },
});

/**
 * When each query last asked the server (`performance.now()`), for `refetchAskedBefore`. A refetch
 * that replaces one in flight keeps the earlier time: at worst one refetch too many, never one missed.
 */
const askedAt = new WeakMap<Query, number>();
queryClient.getQueryCache().subscribe((event) => {
  if (event.type === "updated" && event.action.type === "fetch") askedAt.set(event.query, performance.now());
});

/** Whether a query holds (or awaits) an answer that the server gave before `since`. */
function askedBefore(query: Query, since: number): boolean {
  const at = askedAt.get(query);
  if (at !== undefined) return at < since;
  // Never fetched here: data put in by hand is of unknown age; no data at all will be asked for later.
  return query.state.dataUpdatedAt > 0 || query.state.fetchStatus !== "idle";
}

/**
 * Refetches the queries matching `filters` that asked the server before `since` (the live stream's
 * opening, lib/live-events.ts), so a change made before the stream listened is not missed; a query
 * asked later holds it already and costs no request. A first answer still on its way is refetched
 * when it arrives (refetching at once would only join that request). Inactive queries are marked
 * stale, as `invalidateQueries` does.
 */
export function refetchAskedBefore(filters: QueryFilters, since: number): void {
  const cache = queryClient.getQueryCache();
  for (const query of cache.findAll(filters)) {
    if (!askedBefore(query, since)) continue;
    const invalidate = () => void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
    if (query.state.data !== undefined || query.state.fetchStatus === "idle") {
      invalidate();
      continue;
    }
    const unsubscribe = cache.subscribe((event) => {
      if (event.query !== query) return;
      if (event.type === "removed" || query.state.fetchStatus === "idle") unsubscribe();
      if (event.type !== "removed" && query.state.fetchStatus === "idle") invalidate();
    });
  }
}
