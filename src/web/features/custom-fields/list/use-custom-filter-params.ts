import { useSearchParamsUpdate } from "@web/components/use-search-params-update";
import { useMemo } from "react";
import { isCustomFieldParam, readCustomFieldFilters } from "../custom-field-list-filters";

/**
 * The custom field filters (`cf.<key>…`) of a list whose other filters sit in the URL one by one
 * (contacts, companies): read from the URL, and written back as a change on the URL as it is then
 * (two quick changes both stay).
 */
export function useCustomFilterParams() {
  const [params, update] = useSearchParamsUpdate();
  const cf = useMemo(
    () =>
      readCustomFieldFilters(
        Object.assign((key: string) => params.get(key), { keys: () => [...params.keys()] }),
      ),
    [params],
  );
  // Only what this change differs in from the filters it started from is written: a second input
  // changed before the URL caught up with the first must not drop the first.
  const setCf = (next: Record<string, string>) =>
    update((url) => {
      for (const key of Object.keys(cf)) if (!(key in next)) url.delete(key);
      for (const [key, value] of Object.entries(next))
        if (isCustomFieldParam(key) && cf[key] !== value) url.set(key, value);
    });
  return { cf, setCf };
}
