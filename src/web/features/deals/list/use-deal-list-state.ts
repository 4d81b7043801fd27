import { useLocalStorage } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useLocation, useNavigate, useNavigationType, useSearchParams } from "react-router";
import { DEFAULT_COLUMNS, type DealColumn, normalizeColumns } from "./deal-columns";
import {
  DEFAULT_SORT,
  type DealFilters,
  type DealSort,
  filterParams,
  readFilters,
  readSort,
  sortParam,
} from "./deal-list-params";

const COLUMNS_STORAGE_KEY = "leadwerk.deals.columns";

/** A query string that keeps commas readable (ownerId=a,b), for links people share. */
export function readableQuery(params: Record<string, string>): string {
  const pairs = Object.entries(params).map(
    ([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value).replaceAll("%2C", ",")}`,
  );
  return pairs.length > 0 ? `?${pairs.join("&")}` : "";
}

interface ListState {
  filters: DealFilters;
  sort: DealSort;
}

/**
 * Filters and sort live in the URL (a reload or a shared link shows the same list), the column
 * choice in localStorage. Like the lead list, the screen reads its own state written together with
 * the URL, so two quick changes don't build on a URL the router has not landed yet.
 */
export function useDealListState() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const navigationType = useNavigationType();
  const fromUrl = (): ListState => ({
    filters: readFilters((key) => searchParams.get(key)),
    sort: readSort(searchParams.get("sort")),
  });
  const [state, setState] = useState(fromUrl);
  const [seenLocation, setSeenLocation] = useState(location.key);
  if (seenLocation !== location.key) {
    setSeenLocation(location.key);
    if (navigationType !== "REPLACE") setState(fromUrl());
  }

  const [storedColumns, setStoredColumns] = useLocalStorage<string[]>({
    key: COLUMNS_STORAGE_KEY,
    defaultValue: [...DEFAULT_COLUMNS],
    getInitialValueInEffect: false,
  });
  const columns = useMemo(() => normalizeColumns(storedColumns), [storedColumns]);

  const write = (next: ListState) => {
    setState(next);
    const params = filterParams(next.filters);
    if (sortParam(next.sort) !== sortParam(DEFAULT_SORT)) params.sort = sortParam(next.sort);
    void navigate({ search: readableQuery(params) }, { replace: true });
  };
  const { filters, sort } = state;

  return {
    filters,
    sort,
    columns,
    setFilters: (patch: Partial<DealFilters>) => write({ filters: { ...filters, ...patch }, sort }),
    setSort: (next: DealSort) => write({ filters, sort: next }),
    setColumns: (next: readonly DealColumn[]) => setStoredColumns(normalizeColumns(next)),
  };
}
