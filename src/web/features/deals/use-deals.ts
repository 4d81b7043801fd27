import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import {
  type CreateDealRequest,
  type Deal,
  type DealQuery,
  dealsApi,
  type UpdateDealRequest,
} from "./deals-api";

const PAGE_SIZE = 50;

/**
 * Query keys of everything about deals. The board keeps its own queries under `dealKeys.all`
 * (e.g. `["deals", "board", …]`), so invalidating `dealKeys.all` after a change refreshes every view.
 */
export const dealKeys = {
  all: ["deals"] as const,
  lists: ["deals", "list"] as const,
  list: (query: DealQuery) => ["deals", "list", query] as const,
  details: ["deals", "detail"] as const,
  detail: (id: string) => ["deals", "detail", id] as const,
  stageHistory: (id: string) => ["deals", "stage-history", id] as const,
};

export function useDealList(query: DealQuery) {
  return useInfiniteQuery({
    queryKey: dealKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      dealsApi.list({ ...query, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });
}

const RELATED_SIZE = 100;

/** The newest deals a contact takes part in, for its page (issue #15: a contact's page lists its deals). */
export function useRelatedDeals(filter: { contactId: string }) {
  const query: DealQuery = { ...filter, sort: "-createdAt", limit: RELATED_SIZE };
  return useQuery({
    queryKey: dealKeys.list(query),
    queryFn: ({ signal }) => dealsApi.list(query, signal),
  });
}

export function useDeal(id: string) {
  return useQuery({ queryKey: dealKeys.detail(id), queryFn: ({ signal }) => dealsApi.get(id, signal) });
}

export function useStageHistory(id: string) {
  return useQuery({
    queryKey: dealKeys.stageHistory(id),
    queryFn: ({ signal }) => dealsApi.stageHistory(id, signal),
  });
}

/** After any change to a deal: the fresh deal into its detail cache, every list, board and history refetched. */
function useDealChanged() {
  const queryClient = useQueryClient();
  return (deal: Deal) => {
    queryClient.setQueryData(dealKeys.detail(deal.id), deal);
    return queryClient.invalidateQueries({
      queryKey: dealKeys.all,
      predicate: (query) => !(query.queryKey[1] === "detail" && query.queryKey[2] === deal.id),
    });
  };
}

export function useCreateDeal() {
  const changed = useDealChanged();
  return useMutation({ mutationFn: (body: CreateDealRequest) => dealsApi.create(body), onSuccess: changed });
}

export function useUpdateDeal(id: string) {
  const changed = useDealChanged();
  return useMutation({
    mutationFn: (body: UpdateDealRequest) => dealsApi.update(id, body),
    onSuccess: changed,
  });
}

export function useMoveDeal(id: string) {
  const changed = useDealChanged();
  return useMutation({
    mutationFn: (body: { stageId: string; version?: number }) => dealsApi.move(id, body),
    onSuccess: changed,
  });
}

/** Reopens a won or lost deal (managers and admins; the server checks). Won and lost: `deal-outcome.tsx`. */
export function useReopenDeal(id: string) {
  const changed = useDealChanged();
  return useMutation({ mutationFn: (version?: number) => dealsApi.reopen(id, version), onSuccess: changed });
}

export function useDeleteDeal(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => dealsApi.remove(id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: dealKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: dealKeys.all });
    },
  });
}
