import { useColumnChoice } from "@web/components/use-column-choice";
import { useState } from "react";
import { useLocation, useNavigate, useNavigationType, useSearchParams } from "react-router";
import { DEFAULT_COLUMNS, LEAD_COLUMNS, type LeadColumn } from "./lead-columns";
import {
  DEFAULT_SORT,
  filterParams,
  type LeadFilters,
  type LeadSort,
  readFilters,
  readSort,
  sortParam,
} from "./lead-list-params";

const COLUMNS_STORAGE_KEY = "leadwerk.leads.columns";

/** A query string that keeps commas readable (status=new,in_process), for links people share. */
function readableQuery(params: Record<string, string>): string {
  const pairs = Object.entries(params).map(
    ([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value).replaceAll("%2C", ",")}`,
  );
  return pairs.length > 0 ? `?${pairs.join("&")}` : "";
}

interface ListState {
  filters: LeadFilters;
  sort: LeadSort;
}

/**
 * Filters and sort live in the URL, so a reload or a shared link shows the same list; the column
 * choice is personal and stays in localStorage (and in saved views).
 *
 * The screen reads them from its own state, written together with the URL: a router navigation
 * lands a moment later, and a second click meanwhile (another status in the filter) would otherwise
 * build on the old values and drop the first.
 */
export function useLeadListState() {
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
    // Our own writes replace the entry; a link or back/forward brings filters of its own.
    if (navigationType !== "REPLACE") setState(fromUrl());
  }

  const [columns, setColumns] = useColumnChoice(COLUMNS_STORAGE_KEY, LEAD_COLUMNS, DEFAULT_COLUMNS);

  const write = (next: ListState) => {
    setState(next);
    const params = filterParams(next.filters);
    if (sortParam(next.sort) !== sortParam(DEFAULT_SORT)) params.sort = sortParam(next.sort);
    // Replace, not push: typing in the search box must not fill the back button's history.
    void navigate({ search: readableQuery(params) }, { replace: true });
  };
  const { filters, sort } = state;

  return {
    filters,
    sort,
    columns,
    setFilters: (patch: Partial<LeadFilters>) => write({ filters: { ...filters, ...patch }, sort }),
    replaceFilters: (next: LeadFilters) => write({ filters: next, sort }),
    setSort: (next: LeadSort) => write({ filters, sort: next }),
    setColumns: (next: readonly LeadColumn[]) => setColumns(next),
    /** Applies a saved view: its filters, sort and (if it has them) columns. */
    applyView: (view: {
      filters: Record<string, unknown>;
      sort: string | null;
      columns: string[] | null;
    }) => {
      const read = (key: string) => {
        const value = view.filters[key];
        if (Array.isArray(value)) return value.join(",");
        return value === undefined || value === null ? null : String(value);
      };
      write({ filters: readFilters(read), sort: readSort(view.sort) });
      if (view.columns) setColumns(view.columns);
    },
  };
}
