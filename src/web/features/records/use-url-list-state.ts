import { useState } from "react";
import { useLocation, useNavigate, useNavigationType, useSearchParams } from "react-router";

/** A query string that keeps commas readable (status=new,in_process), for links people share. */
export function readableQuery(params: Record<string, string>): string {
  const pairs = Object.entries(params).map(
    ([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value).replaceAll("%2C", ",")}`,
  );
  return pairs.length > 0 ? `?${pairs.join("&")}` : "";
}

/**
 * A list's state (filters, sort) that lives in the URL, so a reload or a shared link shows the same
 * list. The screen reads it from its own state, written together with the URL: a router navigation
 * lands a moment later, and a second click meanwhile (another status in the filter) would otherwise
 * build on the old values and drop the first.
 */
export function useUrlListState<S>(
  read: (get: (key: string) => string | null) => S,
  toParams: (state: S) => Record<string, string>,
) {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const navigationType = useNavigationType();
  // The reader lists its keys too: custom field filters (`cf.<key>`) are not known ahead.
  const fromUrl = () =>
    read(Object.assign((key: string) => searchParams.get(key), { keys: () => [...searchParams.keys()] }));
  const [state, setState] = useState(fromUrl);
  const [seenLocation, setSeenLocation] = useState(location.key);
  if (seenLocation !== location.key) {
    setSeenLocation(location.key);
    // Our own writes replace the entry; a link or back/forward brings a state of its own.
    if (navigationType !== "REPLACE") setState(fromUrl());
  }
  const write = (next: S) => {
    setState(next);
    // Replace, not push: typing in the search box must not fill the back button's history.
    void navigate({ search: readableQuery(toParams(next)) }, { replace: true });
  };
  return [state, write] as const;
}

/** How one list reads its filters and sort from the URL and writes them back. */
export interface ListParams<F, S> {
  readFilters: (get: (key: string) => string | null) => F;
  readSort: (raw: string | null) => S;
  filterParams: (filters: F) => Record<string, string>;
  sortParam: (sort: S) => string;
  /** Left out of the URL. */
  defaultSort: S;
}

/** A list's filters and sort in the URL (see useUrlListState), with the ways to change them. */
export function useFilterSortState<F, S>(params: ListParams<F, S>) {
  const [state, write] = useUrlListState(
    (get) => ({ filters: params.readFilters(get), sort: params.readSort(get("sort")) }),
    (next) => {
      const query = params.filterParams(next.filters);
      const sort = params.sortParam(next.sort);
      if (sort !== params.sortParam(params.defaultSort)) query.sort = sort;
      return query;
    },
  );
  const { filters, sort } = state;
  return {
    filters,
    sort,
    setFilters: (patch: Partial<F>) => write({ filters: { ...filters, ...patch }, sort }),
    replaceFilters: (next: F) => write({ filters: next, sort }),
    setSort: (next: S) => write({ filters, sort: next }),
    /** Replaces filters and sort at once, read from elsewhere (a saved view). */
    replaceAll: (get: (key: string) => string | null, rawSort: string | null) =>
      write({ filters: params.readFilters(get), sort: params.readSort(rawSort) }),
  };
}

/** What applying a saved view changes in a list. */
export interface SavedViewState {
  filters: Record<string, unknown>;
  sort: string | null;
  columns: string[] | null;
}

/** Reads a saved view's filters like URL parameters, keys listed (custom field filters are not known ahead). */
export function viewReader(filters: Record<string, unknown>) {
  const read = (key: string) => {
    const value = filters[key];
    if (Array.isArray(value)) return value.join(",");
    return value === undefined || value === null ? null : String(value);
  };
  return Object.assign(read, { keys: () => Object.keys(filters) });
}
