import {
  type GlobalSearchQuery,
  SEARCH_MIN_LENGTH,
  type SearchHit,
  type SearchType,
} from "@shared/schemas/search";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { apiRequest } from "@web/api/api-client";

/** Hits the palette asks for: five per type at most (the server's rule: a fifth of the limit). */
const LIMIT = 25;

export const globalSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ["global-search", q],
    queryFn: ({ signal }) =>
      apiRequest<{ data: SearchHit[] }>("/search", {
        query: { q, limit: LIMIT } satisfies GlobalSearchQuery,
        signal,
      }),
    enabled: q.length >= SEARCH_MIN_LENGTH,
    // While the next letters are on their way, the hits of the last query stay in view.
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

/** Where a hit opens: the record's page; a user in the users directory, searched for by name. */
export function hitPath({ type, id, title }: SearchHit): string {
  const pages: Record<Exclude<SearchType, "user">, string> = {
    lead: "/leads",
    contact: "/contacts",
    company: "/companies",
    deal: "/deals",
  };
  if (type === "user") return `/settings/users?q=${encodeURIComponent(title)}`;
  return `${pages[type]}/${encodeURIComponent(id)}`;
}

/** The hits grouped by type, the groups in the order of their best hit (the list comes ranked). */
export function groupHits(hits: SearchHit[]): { type: SearchType; hits: SearchHit[] }[] {
  const groups = new Map<SearchType, SearchHit[]>();
  for (const hit of hits) groups.set(hit.type, [...(groups.get(hit.type) ?? []), hit]);
  return [...groups].map(([type, list]) => ({ type, hits: list }));
}
