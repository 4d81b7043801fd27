import { useSearchParamsUpdate } from "@web/components/use-search-params-update";
import { isCustomFieldParam } from "@web/features/custom-fields/custom-field-list-filters";
import { useMemo } from "react";
import { type RecordFilters, readRecordFilters, recordFilterParams } from "./record-filters";

const FILTER_KEYS = ["ownerId", "teamId", "tags", "createdFrom", "createdTo"] as const;
/** URL parameters a saved view of a record list may set. */
export const VIEW_KEYS: readonly string[] = ["q", "mine", ...FILTER_KEYS];

/**
 * The record filters kept in the URL (so a reload or a shared link shows the same list); writes
 * replace the history entry and build on the URL as it is then, so two quick changes both stay.
 */
export function useRecordFilterParams() {
  const [params, update] = useSearchParamsUpdate();
  const filters = useMemo(() => readRecordFilters((key) => params.get(key)), [params]);
  const setFilters = (patch: Partial<RecordFilters>) =>
    update((next) => {
      const merged = { ...readRecordFilters((key) => next.get(key)), ...patch };
      for (const key of FILTER_KEYS) next.delete(key);
      for (const [key, value] of Object.entries(recordFilterParams(merged))) next.set(key, value);
    });
  return { filters, setFilters };
}

/** A saved view's filters and sort as URL parameters; unknown keys are dropped, custom field ones kept. */
export function viewSearchParams(view: {
  filters: Record<string, unknown>;
  sort?: string | null | undefined;
}) {
  const next = new URLSearchParams();
  for (const key of [...VIEW_KEYS, ...Object.keys(view.filters).filter(isCustomFieldParam)]) {
    const value = view.filters[key];
    const text = Array.isArray(value) ? value.join(",") : typeof value === "string" ? value : "";
    if (text) next.set(key, text);
  }
  if (view.sort) next.set("sort", view.sort);
  return next;
}
