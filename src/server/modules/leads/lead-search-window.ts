import type { VisiblePart } from "@server/access/permission-gate";
import type { CursorValue } from "@server/db/keyset";
import { leads } from "@server/db/schema";
import { and, or, type SQL, sql } from "drizzle-orm";

/**
 * A newest-first lead search (issue #21 point 2) in at most two statements, whatever the word's
 * frequency and however many non-matching leads an import put in front of the matches.
 *
 * 1. The walk (walkPageIds): the newest `max(limit × WALK_PER_ROW, WALK_MIN)` leads of the walked
 *    part (a salesperson's team, everyone's for a manager) along its index, which covers search_text.
 *    A word in 2 % of them or more fills the page there at the cost of a few index pages, and the walk
 *    stops as soon as it has. It answers rows only when it found a full page.
 * 2. Otherwise (a rare word, or an import in front of the matches) windows of creation weeks, newest
 *    first, as a LATERAL over the windows under one LIMIT (windowPageIds). The trigram index also holds
 *    each lead's week (f_search_weeks, migration 20261207102741_lead_search_weeks), so GIN intersects
 *    the word's postings with the window's weeks and only the matches created in those weeks are read
 *    from the table and sorted. The executor stops at the first window that completes the page.
 *
 * Why only two windows (WINDOW_ENDS): each window is one GIN scan, and a GIN scan costs about the
 * reading of the word's trigram postings, whatever the weeks (EXPLAIN at 1M leads, a rare word: 340
 * to 408 buffers per window against 317 to 371 for the whole index; nine doubling windows took 9×).
 * A frequent word behind an import fills the first one (the last two weeks); a rare word costs two
 * scans. The price: a word with thousands of matches but less than a page of them in the last two
 * weeks reads all of its older matches from the table.
 *
 * The few parts of the gate (what a salesperson owns outside their team) are read whole, filtered
 * and merged in, as everywhere in the list.
 */

/** How many of the newest leads the walk reads per page row wanted (a frequent word fills it). */
export const WALK_PER_ROW = 50;
/** Fewest leads the walk reads: a global search wants 5 leads, and 250 index entries tell too little. */
export const WALK_MIN = 1000;
/**
 * The windows, in weeks back from the anchor's week: the first is the last two weeks (and everything
 * newer); after the last end, one window of everything older. More ends, more (cheaper to sort but
 * not to find) windows.
 */
export const WINDOW_ENDS: readonly number[] = [2];

export interface WindowedSearch {
  /** The gate in parts (permission-gate.ts visibleParts). */
  parts: VisiblePart[];
  search: SQL;
  /** The keyset condition of the cursor (rows after it), if any. */
  after: SQL | undefined;
  cursor: CursorValue[] | null;
  orderBy: SQL;
  limit: number;
}

/** How many leads the walk reads for a page of `limit`. */
export const walkLength = (limit: number) => Math.max(limit * WALK_PER_ROW, WALK_MIN);

/**
 * The walk: the page's ids when the walked part's newest `walkLength` leads hold a full page (merged
 * with the few parts, which are read whole); no rows otherwise.
 */
export function walkPageIds(opts: WindowedSearch): SQL {
  const main = mainPart(opts);
  const { limit, search, after } = opts;
  const walk = sql`(select "id", "created_at" from (select ${leads.id}, ${leads.createdAt}, ${leads.searchText} from ${leads}
    where ${and(main, after)} order by ${opts.orderBy} limit ${walkLength(limit)}) as "leads"
    where ${search} order by "created_at" desc, "id" desc limit ${limit})`;
  return sql`with "walked" as materialized ${walk}
    select "id" from (select "id", "created_at" from "walked"${fewParts(opts)}) as page
    where (select count(*) from "walked") >= ${limit}
    order by "created_at" desc, "id" desc limit ${limit}`;
}

/**
 * One walk for two searches (the global search's matches anywhere and, among them, those where a word
 * starts with the query): `within` must only hold rows `search` holds. `ctes` are the WITH entries
 * "walked" (the walk's matches of `search`, each flagged `narrow` when it also matches `within`) and
 * "walked_few" (the few parts' matches, flagged alike); `page(narrow)` is the newest `limit` ids of
 * either search, or no rows when the walk found less than a page of it (as walkPageIds).
 */
export function walkTwoPages(
  opts: WindowedSearch,
  within: SQL,
): { ctes: SQL; page: (narrow: boolean) => SQL } {
  const { limit, search, after } = opts;
  const walked = sql`"walked" as materialized (select "id", "created_at", ${within} as "narrow"
    from (select ${leads.id}, ${leads.createdAt}, ${leads.searchText} from ${leads}
    where ${and(mainPart(opts), after)} order by ${opts.orderBy} limit ${walkLength(limit)}) as "leads" where ${search})`;
  const fewReads = opts.parts
    .filter((part) => part.few)
    .map(
      (part) =>
        sql`(select "id", "created_at", ${within} as "narrow" from (select ${leads.id}, ${leads.createdAt}, ${leads.searchText} from ${leads} where ${and(part.where, after)} offset 0) as "leads" where ${search})`,
    );
  // Without few parts, an empty relation of the same columns.
  const few =
    fewReads.length > 0
      ? sql`"walked_few" as materialized (${sql.join(fewReads, sql` union all `)})`
      : sql`"walked_few" as (select "id", "created_at", "narrow" from "walked" where false)`;
  const page = (narrow: boolean) => {
    const only = narrow ? sql`where "narrow"` : sql``;
    return sql`select "id" from (select "id", "created_at" from "walked" ${only}
      union all select "id", "created_at" from "walked_few" ${only}) as "page"
      where (select count(*) from "walked" ${only}) >= ${limit}
      order by "created_at" desc, "id" desc limit ${limit}`;
  };
  return { ctes: sql`${walked}, ${few}`, page };
}

/** The windows' page: the main part's newest matches window by window, merged with the few parts. */
export function windowPageIds(opts: WindowedSearch): SQL {
  return sql`select "id" from ((${windows(mainPart(opts), opts)})${fewParts(opts)}) as page
    order by "created_at" desc, "id" desc limit ${opts.limit}`;
}

/** The walked parts of the gate in one condition (visibleParts gives one). */
const mainPart = (opts: WindowedSearch) =>
  or(...opts.parts.filter((part) => !part.few).map((part) => part.where)) ?? sql`false`;

/** ` union all` the matches of each few part, read whole and filtered. */
function fewParts(opts: WindowedSearch): SQL {
  const reads = opts.parts
    .filter((part) => part.few)
    .map(
      (part) =>
        sql` union all (select "id", "created_at" from (select ${leads.id}, ${leads.createdAt}, ${leads.searchText} from ${leads} where ${and(part.where, opts.after)} offset 0) as "leads" where ${opts.search})`,
    );
  return sql.join(reads, sql``);
}

/**
 * The newest `limit` matches of `main` (fewer when there are fewer), window by window. Window 0 is
 * the weeks from the anchor's (the cursor's time, or now) back to WINDOW_ENDS[0] and everything
 * newer, so a lead dated ahead is not left out; window i the weeks [anchor − WINDOW_ENDS[i] + 1,
 * anchor − WINDOW_ENDS[i − 1]]; the last one all older leads (the trigram index alone). Inside a window
 * the search runs as GIN's intersection of the word and the weeks (OFFSET 0 keeps the planner from
 * walking the team's index in order instead, which the LIMIT would otherwise tempt it to), then sorts
 * the window's matches. The windows are disjoint and read newest first, and the LIMIT above the
 * nested loop stops after the one that completes the page; the caller's ORDER BY sorts the page.
 */
function windows(main: SQL, opts: WindowedSearch): SQL {
  const anchor = typeof opts.cursor?.[0] === "string" ? sql`${opts.cursor[0]}::timestamptz` : sql`now()`;
  const newest = sql`greatest(now(), (select max("newest"."created_at") from ${leads} as "newest" where "newest"."deleted_at" is null))`;
  const week = (at: SQL) => sql`(f_search_weeks(${at}))[1]`;
  const matches = and(main, opts.search, opts.after);
  const last = sql.raw(String(WINDOW_ENDS.length));
  const ends = sql.raw(`array[0, ${WINDOW_ENDS.join(", ")}]`);
  // Window i: the weeks a − WINDOW_ENDS[i] + 1 … a − WINDOW_ENDS[i − 1] (with a 0 in front; SQL arrays
  // count from 1), window 0 up to the newest lead.
  const from = sql`"bounds"."a" - (${ends})["win"."i" + 2] + 1`;
  const to = sql`case when "win"."i" = 0 then greatest("bounds"."a", "bounds"."n") else "bounds"."a" - (${ends})["win"."i" + 1] end`;
  const inWeeks = sql`f_search_weeks(${leads.createdAt}) && array(select generate_series(${from}, ${to}))`;
  const older = sql`${leads.createdAt} < to_timestamp((("bounds"."a" - ${sql.raw(String(WINDOW_ENDS.at(-1)))} + 1) * 604800)::float8)`;
  return sql`select "hit"."id", "hit"."created_at"
    from (select ${week(anchor)} as "a", ${week(newest)} as "n") as "bounds"
    cross join generate_series(0, ${last}) as "win"("i")
    cross join lateral (
      select "id", "created_at" from (
        (select ${leads.id}, ${leads.createdAt} from ${leads} where ${and(matches, inWeeks)} and "win"."i" < ${last} offset 0)
        union all
        (select ${leads.id}, ${leads.createdAt} from ${leads} where ${and(matches, older)} and "win"."i" = ${last} offset 0)
      ) as "leads" order by "created_at" desc, "id" desc limit ${opts.limit}
    ) as "hit"
    limit ${opts.limit}`;
}

/**
 * The walk first (one small statement to plan, enough for a frequent word); the windows only when it
 * found less than a page.
 */
export async function searchInWindows<R>(
  opts: WindowedSearch,
  rowsOf: (pageIds: SQL) => Promise<R[]>,
): Promise<R[]> {
  const walked = await rowsOf(walkPageIds(opts));
  if (walked.length >= opts.limit) return walked;
  return rowsOf(windowPageIds(opts));
}
