import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { type ContactQuery, type CreateContactRequest, contactsApi } from "./contacts-api";

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
