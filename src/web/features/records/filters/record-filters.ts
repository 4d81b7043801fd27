/** "Unassigned" in an owner filter, as the API spells it. */
export const NO_OWNER = "none";

/**
 * The filters every CRM record list offers (the API's `recordListFilters`): owner, team, tags and
 * creation time. Lists with more filters (leads) extend this shape.
 */
export interface RecordFilters {
  ownerId: string[];
  teamId: string[];
  tags: string[];
  /** Calendar days (YYYY-MM-DD) in the user's time zone. */
  createdFrom: string | null;
  createdTo: string | null;
}

export const EMPTY_RECORD_FILTERS: RecordFilters = {
  ownerId: [],
  teamId: [],
  tags: [],
  createdFrom: null,
  createdTo: null,
};

/** Reads one parameter of the URL or of a saved view. */
export type FilterReader = (key: string) => string | null;

export const listParam = (read: FilterReader, key: string) => (read(key) ?? "").split(",").filter(Boolean);
export const dayParam = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);

/** Reads the record filters from the URL (or a saved view); malformed dates are dropped. */
export function readRecordFilters(read: FilterReader): RecordFilters {
  return {
    ownerId: listParam(read, "ownerId"),
    teamId: listParam(read, "teamId"),
    tags: listParam(read, "tags"),
    createdFrom: dayParam(read("createdFrom")),
    createdTo: dayParam(read("createdTo")),
  };
}

/** The filters as flat strings, the form of the URL query and of a saved view's `filters`. */
export function recordFilterParams(filters: RecordFilters): Record<string, string> {
  const entries: [string, string | null][] = [
    ["ownerId", filters.ownerId.join(",") || null],
    ["teamId", filters.teamId.join(",") || null],
    ["tags", filters.tags.join(",") || null],
    ["createdFrom", filters.createdFrom],
    ["createdTo", filters.createdTo],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== null));
}

/** Start of the first or end of the last chosen day, in the user's time zone, as the API wants instants. */
export function dayBoundary(value: string, end: boolean): string {
  const [year, month, date] = value.split("-").map(Number);
  const moment = end
    ? new Date(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + 1, 0, 0, 0, -1)
    : new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1);
  return moment.toISOString();
}

/** The filters as API query parameters (days become instants). */
export function recordFilterQuery(filters: RecordFilters): Record<string, string> {
  const params = recordFilterParams(filters);
  if (filters.createdFrom) params.createdFrom = dayBoundary(filters.createdFrom, false);
  if (filters.createdTo) params.createdTo = dayBoundary(filters.createdTo, true);
  return params;
}

/** How many of these filters are set; a date range counts once. */
export function recordFilterCount(filters: RecordFilters): number {
  return [
    filters.ownerId.length > 0,
    filters.teamId.length > 0,
    filters.tags.length > 0,
    filters.createdFrom !== null || filters.createdTo !== null,
  ].filter(Boolean).length;
}
