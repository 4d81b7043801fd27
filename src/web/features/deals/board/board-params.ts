import type { RequestOptions } from "@web/api/api-client";

/** The board's filters: the URL query and the board request are both made from this shape. */
export interface BoardFilters {
  q: string;
  ownerId: string[];
  teamId: string[];
  mine: boolean;
  /** Expected close range, calendar days (YYYY-MM-DD). */
  closeFrom: string | null;
  closeTo: string | null;
}

export const EMPTY_BOARD_FILTERS: BoardFilters = {
  q: "",
  ownerId: [],
  teamId: [],
  mine: false,
  closeFrom: null,
  closeTo: null,
};

type Reader = (key: string) => string | null;
export type BoardQuery = NonNullable<RequestOptions["query"]>;

const list = (read: Reader, key: string) => (read(key) ?? "").split(",").filter(Boolean);
const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);

/** Reads the filters from the URL; malformed values are dropped rather than sent to the API. */
export function readBoardFilters(read: Reader): BoardFilters {
  return {
    q: read("q") ?? "",
    ownerId: list(read, "ownerId"),
    teamId: list(read, "teamId"),
    mine: read("mine") === "true",
    closeFrom: day(read("closeFrom")),
    closeTo: day(read("closeTo")),
  };
}

/** Filters as flat strings, for the URL and for the board and column requests (same names as the API). */
export function boardFilterParams(filters: BoardFilters): Record<string, string> {
  const entries: [string, string | null][] = [
    ["q", filters.q.trim() || null],
    ["ownerId", filters.ownerId.join(",") || null],
    ["teamId", filters.teamId.join(",") || null],
    ["mine", filters.mine ? "true" : null],
    ["closeFrom", filters.closeFrom],
    ["closeTo", filters.closeTo],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== null));
}

export function activeBoardFilterCount(filters: BoardFilters): number {
  return Object.keys(boardFilterParams(filters)).filter((key) => key !== "q").length;
}
