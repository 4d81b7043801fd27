import { DEAL_SORTS, DEAL_STATUSES } from "@shared/schemas/deal";
import {
  customFilterCount,
  isCustomFieldSort,
  type KeyedReader,
  readCustomFieldFilters,
} from "@web/features/custom-fields/custom-field-list-filters";
import { dayBoundary } from "@web/features/records/filters/record-filters";
import type { DealQuery, DealStatus } from "../deals-api";

export type DealSortField = (typeof DEAL_SORTS)[number];
export interface DealSort {
  /** A deal field or a custom field (`cf.<key>`). */
  field: DealSortField | `cf.${string}`;
  descending: boolean;
}
export const DEFAULT_SORT: DealSort = { field: "createdAt", descending: true };

/** "all" or one status; the list starts with the open deals, like the board. */
export type DealStatusFilter = DealStatus | "all";
export const STATUS_FILTERS: readonly DealStatusFilter[] = ["open", "won", "lost", "all"];

/**
 * The list's filters. URL names follow the board's (`pipeline`, `ownerId`, `mine`, `closeFrom`, …),
 * so switching between board and list keeps them.
 */
export interface DealFilters {
  q: string;
  pipelineId: string | null;
  stageId: string[];
  status: DealStatusFilter;
  ownerId: string[];
  teamId: string[];
  mine: boolean;
  closeFrom: string | null;
  closeTo: string | null;
  /** Won or lost in this range of days (a report's link, #18). */
  closedFrom: string | null;
  closedTo: string | null;
  /** Custom field filters as the API takes them (`cf.size[gte]` → "50"). */
  cf: Record<string, string>;
}

export const EMPTY_FILTERS: DealFilters = {
  q: "",
  pipelineId: null,
  stageId: [],
  status: "open",
  ownerId: [],
  teamId: [],
  mine: false,
  closeFrom: null,
  closeTo: null,
  closedFrom: null,
  closedTo: null,
  cf: {},
};

type Reader = KeyedReader;
const list = (read: Reader, key: string) => (read(key) ?? "").split(",").filter(Boolean);
const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
const isStatusFilter = (value: string | null): value is DealStatusFilter =>
  value === "all" || DEAL_STATUSES.some((s) => s === value);

export function readFilters(read: Reader): DealFilters {
  const status = read("status");
  return {
    q: read("q") ?? "",
    pipelineId: read("pipeline") || null,
    stageId: list(read, "stageId"),
    status: isStatusFilter(status) ? status : "open",
    ownerId: list(read, "ownerId"),
    teamId: list(read, "teamId"),
    mine: read("mine") === "true",
    closeFrom: day(read("closeFrom")),
    closeTo: day(read("closeTo")),
    closedFrom: day(read("closedFrom")),
    closedTo: day(read("closedTo")),
    cf: readCustomFieldFilters(read),
  };
}

export function readSort(raw: string | null): DealSort {
  const descending = raw?.startsWith("-") ?? false;
  const name = descending ? raw?.slice(1) : (raw ?? undefined);
  if (isCustomFieldSort(name)) return { field: name, descending };
  const field = DEAL_SORTS.find((f) => f === name);
  return field ? { field, descending } : DEFAULT_SORT;
}

export const sortParam = (sort: DealSort) => `${sort.descending ? "-" : ""}${sort.field}`;

/** Filters as URL parameters; defaults are left out so a plain /deals/list stays plain. */
export function filterParams(filters: DealFilters): Record<string, string> {
  const entries: [string, string | null][] = [
    ["pipeline", filters.pipelineId],
    ["q", filters.q.trim() || null],
    ["status", filters.status === "open" ? null : filters.status],
    ["stageId", filters.stageId.join(",") || null],
    ["ownerId", filters.ownerId.join(",") || null],
    ["teamId", filters.teamId.join(",") || null],
    ["mine", filters.mine ? "true" : null],
    ["closeFrom", filters.closeFrom],
    ["closeTo", filters.closeTo],
    ["closedFrom", filters.closedFrom],
    ["closedTo", filters.closedTo],
    ...Object.entries(filters.cf),
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== null));
}

/** The GET /deals query for the filters and sort. */
export function dealQuery(filters: DealFilters, sort: DealSort): DealQuery {
  return {
    q: filters.q.trim() || undefined,
    pipelineId: filters.pipelineId ?? undefined,
    stageId: filters.stageId.join(",") || undefined,
    status: filters.status === "all" ? undefined : filters.status,
    ownerId: filters.ownerId.join(",") || undefined,
    teamId: filters.teamId.join(",") || undefined,
    mine: filters.mine ? "true" : undefined,
    closeFrom: filters.closeFrom ?? undefined,
    closeTo: filters.closeTo ?? undefined,
    closedFrom: filters.closedFrom ? dayBoundary(filters.closedFrom, false) : undefined,
    closedTo: filters.closedTo ? dayBoundary(filters.closedTo, true) : undefined,
    ...filters.cf,
    sort: sortParam(sort),
  };
}

/** Filters behind the drawer button (the toolbar shows the others itself). */
export function drawerFilterCount(filters: DealFilters): number {
  return (
    [
      filters.stageId.length > 0,
      filters.ownerId.length > 0,
      filters.teamId.length > 0,
      filters.closeFrom !== null || filters.closeTo !== null,
      filters.closedFrom !== null || filters.closedTo !== null,
    ].filter(Boolean).length + customFilterCount(filters.cf)
  );
}
