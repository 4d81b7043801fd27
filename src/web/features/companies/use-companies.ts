import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import {
  type CompanyMergeRequest,
  type CompanyQuery,
  type CreateCompanyRequest,
  companiesApi,
  type UpdateCompanyRequest,
} from "./companies-api";

const PAGE_SIZE = 50;
const PICKER_SIZE = 20;

export const companyKeys = {
  all: ["companies"] as const,
  lists: ["companies", "list"] as const,
  list: (query: CompanyQuery) => ["companies", "list", query] as const,
  detail: (id: string) => ["companies", "detail", id] as const,
  file: (id: string) => ["companies", "file", id] as const,
};

export function useCompanyList(query: CompanyQuery) {
  return useInfiniteQuery({
    queryKey: companyKeys.list(query),
    queryFn: ({ pageParam, signal }) =>
      companiesApi.list({ ...query, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Companies whose name matches, for pickers; by name so the best-known ones come first. */
export function useCompanySearch(q: string) {
  const query = { q: q.trim() || undefined, sort: "name", limit: PICKER_SIZE };
  return useQuery({
    queryKey: companyKeys.list(query),
    queryFn: async ({ signal }) => (await companiesApi.list(query, signal)).data,
    placeholderData: keepPreviousData,
  });
}

/** One company; asks only when there is an id (a picker's current value, a lead's link). */
export function useCompany(id: string | null) {
  return useQuery({
    queryKey: companyKeys.detail(id ?? ""),
    queryFn: ({ signal }) => companiesApi.get(id ?? "", signal),
    enabled: id !== null,
    staleTime: 60_000,
  });
}

export function useCompanyFile(id: string) {
  return useQuery({ queryKey: companyKeys.file(id), queryFn: ({ signal }) => companiesApi.file(id, signal) });
}

export function useCreateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCompanyRequest) => companiesApi.create(body),
    onSuccess: (company) => {
      queryClient.setQueryData(companyKeys.detail(company.id), company);
      return queryClient.invalidateQueries({ queryKey: companyKeys.lists });
    },
  });
}

/** PATCHes a company; the caller sends the version it read, so a stale edit is a 409. */
export function useUpdateCompany(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCompanyRequest) => companiesApi.update(id, body),
    onSuccess: (company) => {
      queryClient.setQueryData(companyKeys.detail(company.id), company);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: companyKeys.lists }),
        queryClient.invalidateQueries({ queryKey: companyKeys.file(id) }),
      ]);
    },
  });
}

export function useCompanyDuplicates(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...companyKeys.detail(id), "duplicates"],
    queryFn: ({ signal }) => companiesApi.duplicates(id, signal),
    enabled,
  });
}

export function useMergeCompanies() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CompanyMergeRequest) => companiesApi.merge(body),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
