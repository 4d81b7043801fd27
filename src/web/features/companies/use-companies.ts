import { useQuery } from "@tanstack/react-query";
import type { RecordQuery } from "@web/features/records/record-api";
import { recordHooks } from "@web/features/records/record-hooks";
import { type CompanyTypes, companiesApi } from "./companies-api";

const fileKey = (id: string) => ["companies", "file", id] as const;

const hooks = recordHooks<CompanyTypes, "companies">(companiesApi, "companies", {
  // Shown as a link on leads, deals and pickers: no need to ask again on every mount.
  detail: { staleTime: 60_000 },
  alsoRefresh: { update: (id) => [fileKey(id)] },
});

export const companyKeys = { ...hooks.keys, file: fileKey };
export const useCompanyList = hooks.useList;
/** Companies whose name matches, for pickers; by name so the best-known ones come first. */
export const useCompanySearch = hooks.useSearch;
/** One company; asks only when there is an id (a picker's current value, a lead's link). */
export const useCompany = hooks.useRecord;
export const useCreateCompany = hooks.useCreate;
/** PATCHes a company; the caller sends the version it read, so a stale edit is a 409. */
export const useUpdateCompany = hooks.useUpdate;
export const useCompanyDuplicates = hooks.useDuplicates;
export const useMergeCompanies = hooks.useMerge;

/** Existing companies with the same website or name as the one being typed in. */
export function useCompanyMatches(query: RecordQuery, enabled: boolean) {
  return hooks.useMatches(query, enabled);
}

export function useCompanyFile(id: string) {
  return useQuery({ queryKey: fileKey(id), queryFn: ({ signal }) => companiesApi.file(id, signal) });
}
