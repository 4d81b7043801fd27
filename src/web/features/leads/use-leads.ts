import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { refetchAskedBefore } from "@web/api/query-client";
import { useLiveEvents } from "@web/lib/live-events";
import type { Lead } from "./lead-model";
import {
  type BulkLeadRequest,
  type CreateLeadRequest,
  type LeadDetail,
  type LeadMatchQuery,
  type LeadQuery,
  leadsApi,
  type UpdateLeadRequest,
} from "./leads-api";
import { LEAD_LIST_FIELDS } from "./list/lead-list-fields";

const PAGE_SIZE = 50;
const RELATED_SIZE = 100;

export const leadKeys = {
  all: ["leads"] as const,
  lists: ["leads", "list"] as const,
  list: (query: LeadQuery) => ["leads", "list", query] as const,
  detail: (id: string) => ["leads", "detail", id] as const,
  /** The prefix of RecordTimeline's keys for a lead (features/timeline), to refresh it after a change. */
  timeline: (id: string) => ["leads", "timeline", id] as const,
};

/** A page of the list; with `customFields` too when custom field columns show. */
export function useLeadList(query: LeadQuery, withCustomFields = false) {
  const queryClient = useQueryClient();
  // A lead that came in by itself (a form, a mail, an import) appears without a reload.
  useLiveEvents(
    ["lead.changed"],
    () => void queryClient.invalidateQueries({ queryKey: leadKeys.lists }),
    (openedAt) => refetchAskedBefore({ queryKey: leadKeys.lists }, openedAt),
  );
  return useInfiniteQuery({
    queryKey: leadKeys.list({ ...query, ...(withCustomFields && { fields: "customFields" }) }),
    queryFn: ({ pageParam, signal }) =>
      leadsApi.listFields(
        { ...query, cursor: pageParam, limit: PAGE_SIZE },
        withCustomFields ? [...LEAD_LIST_FIELDS, "customFields"] : LEAD_LIST_FIELDS,
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // Keeps the rows in place while the next filter or search loads.
    placeholderData: keepPreviousData,
  });
}

/** The leads about one contact or company, newest first (a compact list, not paged further). */
export function useRelatedLeads(filter: { contactId: string } | { companyId: string }) {
  const query: LeadQuery = { ...filter, sort: "-createdAt", limit: RELATED_SIZE };
  return useQuery({
    queryKey: leadKeys.list(query),
    queryFn: ({ signal }) => leadsApi.list(query, signal),
  });
}

export function useLead(id: string) {
  return useQuery({ queryKey: leadKeys.detail(id), queryFn: ({ signal }) => leadsApi.get(id, signal) });
}

/** Possible duplicates of what is being typed; asks only when there is something to compare. */
export function useLeadMatches(query: LeadMatchQuery) {
  const enabled = Boolean(query.email || query.phone || query.mobile);
  return useQuery({
    queryKey: ["leads", "matches", query],
    queryFn: async ({ signal }) => (await leadsApi.matches(query, signal)).data,
    enabled,
    staleTime: 60_000,
  });
}

/** A changed lead: the detail takes the server's answer, lists and the timeline load again. */
function useLeadChanged() {
  const queryClient = useQueryClient();
  return (lead: Lead) => {
    // A write answers the lead without its win probability: keep the shown one until the detail
    // loads again with the probability the change may have moved.
    queryClient.setQueryData<LeadDetail>(leadKeys.detail(lead.id), (shown) =>
      shown?.winProbability ? { ...lead, winProbability: shown.winProbability } : lead,
    );
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: leadKeys.detail(lead.id) }),
      queryClient.invalidateQueries({ queryKey: leadKeys.lists }),
      queryClient.invalidateQueries({ queryKey: leadKeys.timeline(lead.id) }),
    ]);
  };
}

export function useCreateLead() {
  const changed = useLeadChanged();
  return useMutation({ mutationFn: (body: CreateLeadRequest) => leadsApi.create(body), onSuccess: changed });
}

export function useUpdateLead(id: string) {
  const changed = useLeadChanged();
  return useMutation({
    mutationFn: (body: UpdateLeadRequest) => leadsApi.update(id, body),
    onSuccess: changed,
  });
}

export function useDeleteLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => leadsApi.remove(id),
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: leadKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: leadKeys.lists });
    },
  });
}

/** Brings back a deleted lead (admins); it leaves the deleted list and returns to the live ones. */
export function useRestoreLead() {
  const changed = useLeadChanged();
  return useMutation({ mutationFn: (id: string) => leadsApi.restore(id), onSuccess: changed });
}

export function useBulkLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkLeadRequest) => leadsApi.bulk(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: leadKeys.all }),
  });
}
