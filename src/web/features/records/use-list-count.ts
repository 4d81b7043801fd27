import type { ListCount } from "@shared/schemas/list-count";
import { useQuery } from "@tanstack/react-query";
import { apiRequest, type RequestOptions } from "@web/api/api-client";

type ListQuery = NonNullable<RequestOptions["query"]>;

/**
 * The total of a list (`GET /api/v1/<things>/count` with the list's filters), asked beside the list's
 * own query so the rows never wait for it. The key sits under the list's keys (`[things, "list"]`),
 * so whatever refreshes the list refreshes its total; sort, cursor and page size do not change it.
 */
export function useListCount(things: "leads" | "contacts" | "companies" | "deals", query: ListQuery) {
  const { sort: _sort, cursor: _cursor, limit: _limit, fields: _fields, ...filters } = query;
  return useQuery({
    queryKey: [things, "list", "count", filters] as const,
    queryFn: ({ signal }) => apiRequest<ListCount>(`/${things}/count`, { query: filters, signal }),
    staleTime: 30_000,
  });
}
