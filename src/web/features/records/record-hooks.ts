import {
  keepPreviousData,
  type QueryKey,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { RecordApi, RecordQuery, RecordTypes } from "./record-api";

const PAGE_SIZE = 50;
const PICKER_SIZE = 20;

interface RecordHooksOptions {
  /** Extra options of the one-record query, e.g. a longer staleTime for records shown as links. */
  detail?: { staleTime: number };
  /** Other queries that show a record created or edited here (a company file lists its contacts). */
  alsoRefresh?: {
    create?: () => QueryKey[];
    update?: (id: string) => QueryKey[];
  };
}

/** The query keys of one record kind; everything of a kind sits under its first part. */
export function recordKeys<K extends string>(key: K) {
  return {
    all: [key] as const,
    lists: [key, "list"] as const,
    list: (query: RecordQuery) => [key, "list", query] as const,
    detail: (id: string) => [key, "detail", id] as const,
  };
}

interface PickerSetup<T, Q> {
  keys: { list: (query: Q) => QueryKey; detail: (id: string) => QueryKey };
  list: (query: Q, signal?: AbortSignal) => Promise<{ data: T[] }>;
  get: (id: string, signal?: AbortSignal) => Promise<T>;
  /** The list query of a search: its sort (the search text and the picker's page size are added). */
  searchQuery: (q: string | undefined) => Omit<Q, "limit">;
  detail?: { staleTime: number } | undefined;
}

/**
 * A record picker's two hooks over a list API (see RecordPicker): the records matching a search,
 * and one record, asked only when there is an id, so the chosen one shows even when the search
 * does not find it.
 */
export function pickerHooks<T, Q extends { limit?: number }>(setup: PickerSetup<T, Q>) {
  return {
    useSearch(q: string) {
      const query = { ...setup.searchQuery(q.trim() || undefined), limit: PICKER_SIZE } as Q;
      return useQuery({
        queryKey: setup.keys.list(query),
        queryFn: async ({ signal }) => (await setup.list(query, signal)).data,
        placeholderData: keepPreviousData,
      });
    },
    useRecord(id: string | null) {
      return useQuery({
        queryKey: setup.keys.detail(id ?? ""),
        queryFn: ({ signal }) => setup.get(id ?? "", signal),
        enabled: id !== null,
        ...setup.detail,
      });
    },
  };
}

/**
 * The TanStack Query hooks contacts and companies share, over their record API: the keyset list,
 * a picker's search, one record, create, update (with the version read), duplicates, live matches
 * while typing, and merge.
 */
export function recordHooks<R extends RecordTypes, K extends string>(
  api: RecordApi<R>,
  key: K,
  options: RecordHooksOptions = {},
) {
  const keys = recordKeys(key);
  return {
    keys,
    useList(query: RecordQuery) {
      return useInfiniteQuery({
        queryKey: keys.list(query),
        queryFn: ({ pageParam, signal }) =>
          api.list({ ...query, cursor: pageParam, limit: PAGE_SIZE }, signal),
        initialPageParam: null as string | null,
        getNextPageParam: (lastPage) => lastPage.nextCursor,
        placeholderData: keepPreviousData,
      });
    },
    ...pickerHooks({
      keys,
      list: (query: RecordQuery, signal?: AbortSignal) => api.list(query, signal),
      get: (id: string, signal?: AbortSignal) => api.get(id, signal),
      // By name, so the best-known ones come first.
      searchQuery: (q) => ({ q, sort: "name" }),
      detail: options.detail,
    }),
    useCreate() {
      const queryClient = useQueryClient();
      return useMutation({
        mutationFn: (body: R["create"]) => api.create(body),
        onSuccess: (record) => {
          queryClient.setQueryData(keys.detail(record.id), record);
          const refresh = [keys.lists, ...(options.alsoRefresh?.create?.() ?? [])];
          return Promise.all(refresh.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
        },
      });
    },
    /** PATCHes a record; the caller sends the version it read, so a stale edit is a 409. */
    useUpdate(id: string) {
      const queryClient = useQueryClient();
      return useMutation({
        mutationFn: (body: R["update"]) => api.update(id, body),
        onSuccess: (record) => {
          queryClient.setQueryData(keys.detail(record.id), record);
          const refresh = [keys.lists, ...(options.alsoRefresh?.update?.(id) ?? [])];
          return Promise.all(refresh.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
        },
      });
    },
    useDuplicates(id: string, enabled: boolean) {
      return useQuery({
        queryKey: [...keys.detail(id), "duplicates"],
        queryFn: ({ signal }) => api.duplicates(id, signal),
        enabled,
      });
    },
    /** Existing records like the one being typed in; the caller says when there is enough to compare. */
    useMatches(query: RecordQuery, enabled: boolean) {
      return useQuery({
        queryKey: [key, "matches", query],
        queryFn: ({ signal }) => api.matches(query, signal),
        enabled,
        placeholderData: keepPreviousData,
      });
    },
    useMerge() {
      const queryClient = useQueryClient();
      return useMutation({
        mutationFn: (body: R["merge"]) => api.merge(body),
        // A merge moves leads, deals, activities and contacts: every list may have changed.
        onSuccess: () => queryClient.invalidateQueries(),
      });
    },
  };
}
