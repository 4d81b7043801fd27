import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { timelineKey } from "@web/components/timeline/use-record-timeline";
import {
  type ContactMergeRequest,
  type ContactQuery,
  type CreateContactRequest,
  contactsApi,
  type UpdateContactRequest,
} from "./contacts-api";

const PAGE_SIZE = 50;
const PICKER_SIZE = 20;

export const contactKeys = {
  all: ["contacts"] as const,
  lists: ["contacts", "list"] as const,
  list: (query: ContactQuery) => ["contacts", "list", query] as const,
  detail: (id: string) => ["contacts", "detail", id] as const,
};

export function useContactList(query: ContactQuery) {
  return useInfiniteQuery({
    queryKey: contactKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      contactsApi.list({ ...query, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Contacts matching a search, for pickers. */
export function useContactSearch(q: string) {
  const query = { q: q.trim() || undefined, sort: "name", limit: PICKER_SIZE };
  return useQuery({
    queryKey: contactKeys.list(query),
    queryFn: async ({ signal }) => (await contactsApi.list(query, signal)).data,
    placeholderData: keepPreviousData,
  });
}

/** One contact; asks only when there is an id. */
export function useContact(id: string | null) {
  return useQuery({
    queryKey: contactKeys.detail(id ?? ""),
    queryFn: ({ signal }) => contactsApi.get(id ?? "", signal),
    enabled: id !== null,
  });
}

export function useCreateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateContactRequest) => contactsApi.create(body),
    onSuccess: (contact) => {
      queryClient.setQueryData(contactKeys.detail(contact.id), contact);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: contactKeys.lists }),
        // The company file lists the company's contacts.
        queryClient.invalidateQueries({ queryKey: ["companies", "file"] }),
      ]);
    },
  });
}

/** PATCHes a contact; the caller sends the version it read, so a stale edit is a 409. */
export function useUpdateContact(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateContactRequest) => contactsApi.update(id, body),
    onSuccess: (contact) => {
      queryClient.setQueryData(contactKeys.detail(contact.id), contact);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: contactKeys.lists }),
        queryClient.invalidateQueries({ queryKey: ["companies", "file"] }),
        queryClient.invalidateQueries({ queryKey: timelineKey("contact", id) }),
      ]);
    },
  });
}

export function useContactDuplicates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...contactKeys.detail(id), "duplicates"],
    queryFn: ({ signal }) => contactsApi.duplicates(id, signal),
    enabled,
  });
}

/** Existing contacts like the one being typed in; asks once there is something to compare. */
export function useContactMatches(query: ContactQuery) {
  const enabled = Object.values(query).some((v) => typeof v === "string" && v.trim().length >= 3);
  return useQuery({
    queryKey: ["contacts", "matches", query],
    queryFn: ({ signal }) => contactsApi.matches(query, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useMergeContacts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactMergeRequest) => contactsApi.merge(body),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
