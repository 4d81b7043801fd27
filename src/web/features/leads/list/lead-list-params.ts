import { FUNNEL_STEPS, type FunnelStep } from "@domain/reports/funnel";
import {
  isCustomFieldSort,
  type KeyedReader,
  readCustomFieldFilters,
} from "@web/features/custom-fields/custom-field-list-filters";
import {
  dayBoundary,
  type FilterReader,
  listParam,
  NO_OWNER,
  type RecordFilters,
  readRecordFilters,
  recordFilterParams,
} from "@web/features/records/filters/record-filters";
import {
  isLeadSource,
  isLeadStatus,
  isLifecycleStage,
  type LeadSource,
  type LeadStatus,
  type LifecycleStage,
} from "../lead-model";
import type { LeadQuery } from "../leads-api";

export { NO_OWNER };

export const LEAD_SORT_FIELDS = [
  "name",
  "companyName",
  "score",
  "estimatedValue",
  "createdAt",
  "updatedAt",
] as const;
export type LeadSortField = (typeof LEAD_SORT_FIELDS)[number];
export interface LeadSort {
  /** A lead field or a custom field (`cf.<key>`). */
  field: LeadSortField | `cf.${string}`;
  descending: boolean;
}
export const DEFAULT_SORT: LeadSort = { field: "createdAt", descending: true };

/** The list's filters, the shape the URL, saved views and the API query are made from. */
export interface LeadFilters extends RecordFilters {
  q: string;
  status: LeadStatus[];
  lifecycleStage: LifecycleStage[];
  source: LeadSource[];
  /** Exactly this source detail (a form's name, a campaign); "" for any. */
  sourceDetail: string;
  mine: boolean;
  bantQualified: boolean | null;
  scoreMin: number | null;
  scoreMax: number | null;
  /** Admins only: the deleted leads instead of the live ones, to restore them. */
  deleted: boolean;
  /** Leads that reached this funnel step (a report's link, #18). */
  funnelStep: FunnelStep | null;
  /** Custom field filters as the API takes them (`cf.size[gte]` → "50"). */
  cf: Record<string, string>;
}

export const EMPTY_FILTERS: LeadFilters = {
  q: "",
  status: [],
  lifecycleStage: [],
  source: [],
  sourceDetail: "",
  ownerId: [],
  teamId: [],
  tags: [],
  mine: false,
  createdFrom: null,
  createdTo: null,
  bantQualified: null,
  scoreMin: null,
  scoreMax: null,
  deleted: false,
  funnelStep: null,
  cf: {},
};

type Reader = FilterReader & Pick<KeyedReader, "keys">;
const list = listParam;
const score = (value: string | null) => {
  const n = value === null || value === "" ? Number.NaN : Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 100 ? n : null;
};
const bool = (value: string | null) => (value === "true" ? true : value === "false" ? false : null);

/** Reads filters from the URL (or a saved view); unknown values are dropped, not sent to the API. */
export function readFilters(read: Reader): LeadFilters {
  return {
    q: read("q") ?? "",
    status: list(read, "status").filter(isLeadStatus),
    lifecycleStage: list(read, "lifecycleStage").filter(isLifecycleStage),
    source: list(read, "source").filter(isLeadSource),
    sourceDetail: (read("sourceDetail") ?? "").slice(0, 200),
    ...readRecordFilters(read),
    mine: read("mine") === "true",
    bantQualified: bool(read("bantQualified")),
    scoreMin: score(read("scoreMin")),
    scoreMax: score(read("scoreMax")),
    deleted: read("deleted") === "true",
    funnelStep: FUNNEL_STEPS.find((step) => step === read("funnelStep")) ?? null,
    cf: readCustomFieldFilters(read),
  };
}

export function readSort(value: string | null | undefined): LeadSort {
  const descending = value?.startsWith("-") ?? false;
  const raw = descending ? value?.slice(1) : (value ?? undefined);
  if (isCustomFieldSort(raw)) return { field: raw, descending };
  const field = LEAD_SORT_FIELDS.find((f) => f === raw);
  return field ? { field, descending } : DEFAULT_SORT;
}

export const sortParam = (sort: LeadSort) => `${sort.descending ? "-" : ""}${sort.field}`;

/** Filters as flat strings: the URL query and a saved view's `filters` both use this form. */
export function filterParams(filters: LeadFilters): Record<string, string> {
  const entries: [string, string | null][] = [
    ["q", filters.q.trim() || null],
    ["status", filters.status.join(",") || null],
    ["lifecycleStage", filters.lifecycleStage.join(",") || null],
    ["source", filters.source.join(",") || null],
    ["sourceDetail", filters.sourceDetail.trim() || null],
    ...Object.entries(recordFilterParams(filters)),
    ["mine", filters.mine ? "true" : null],
    ["bantQualified", filters.bantQualified === null ? null : String(filters.bantQualified)],
    ["scoreMin", filters.scoreMin === null ? null : String(filters.scoreMin)],
    ["scoreMax", filters.scoreMax === null ? null : String(filters.scoreMax)],
    ["deleted", filters.deleted ? "true" : null],
    ["funnelStep", filters.funnelStep],
    ...Object.entries(filters.cf),
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== null));
}

/** The query for GET /leads and the CSV export. */
export function apiQuery(filters: LeadFilters, sort: LeadSort): LeadQuery {
  const params: LeadQuery = { ...filterParams(filters), sort: sortParam(sort) };
  if (filters.createdFrom) params.createdFrom = dayBoundary(filters.createdFrom, false);
  if (filters.createdTo) params.createdTo = dayBoundary(filters.createdTo, true);
  return params;
}

/** How many filters beyond the search are set, for the filter button's badge. */
export function activeFilterCount(filters: LeadFilters): number {
  const { q: _q, ...rest } = filterParams(filters);
  const keys = Object.keys(rest);
  // A score range is one filter, and so is a date range.
  const pairs = [
    ["scoreMin", "scoreMax"],
    ["createdFrom", "createdTo"],
  ].filter(([a = "", b = ""]) => keys.includes(a) && keys.includes(b)).length;
  return keys.length - pairs;
}
