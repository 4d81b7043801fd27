import type { VisiblePart } from "@server/access/permission-gate";
import type { CursorValue } from "@server/db/keyset";
import { leads } from "@server/db/schema";
import { and, or, type SQL, sql } from "drizzle-orm";

/**
 * A newest-first lead search (issue #21 point 2) in ONE statement, whatever the word's frequency and
 * however many non-matching leads an import put in front of the matches.
 *
 * 1. The walk: the newest `limit × WALK_PER_ROW` leads of the walked part (a salesperson's team,
 *    everyone's for a manager) along its index, which covers search_text. A word in 2 % of them or
 *    more fills the page there at the cost of a few index pages and stops as soon as it has.
 * 2. Only when the walk did not fill the page (a rare word, or an import in front of the matches):
 *    windows of creation weeks, newest first, as a LATERAL over a series of windows under one LIMIT.
 *    The trigram index also holds each lead's week (f_search_weeks, migration
 *    20261207102741_lead_search_weeks), so GIN intersects the word's postings with the window's
 *    weeks and only the matches created in those weeks are read from the table and sorted. The
 *    windows double in width (the newest week, then 1, 2, 4 … weeks further back), the last one is
 *    everything older (the trigram index alone: a word that got that far is rare). The executor
 *    stops at the first window that completes the page, so a frequent word behind an import reads
 *    one week's matches and a rare word all of its few matches, without a round trip per window
 *    (the statement per window of the first version cost global search 82 → 180 ms, BENCHMARKS.md).
 *
 * The few parts of the gate (what a salesperson owns outside their team) are read whole, filtered
 * and merged in, as everywhere in the list.
 */

/** How many of the newest leads the walk reads per page row wanted (a frequent word fills it). */
export const WALK_PER_ROW = 50;
/** Fewest leads the walk reads: a global search wants 6 leads, and 300 index entries are too few to tell. */
export const WALK_MIN = 1000;
/**
 * Windows 1 … DOUBLING_WINDOWS reach 2^DOUBLING_WINDOWS weeks back (128: two and a half years); the
 * window after them is everything older.
 */
export const DOUBLING_WINDOWS = 7;

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
 * The page's ids: the walk, or the windows when it found less than a page, merged with the few parts.
 * Each branch is gated by a one-time filter on the walk's count, so only one of them runs.
 */
export function windowedPageIds(opts: WindowedSearch): SQL {
  const walked = opts.parts.filter((part) => !part.few);
  const main = or(...walked.map((part) => part.where)) ?? sql`false`;
  const { limit, search, after } = opts;
  const walk = sql`(select "id", "created_at" from (select ${leads.id}, ${leads.createdAt}, ${leads.searchText} from ${leads}
    where ${and(main, after)} order by ${opts.orderBy} limit ${walkLength(limit)}) as "leads"
    where ${search} order by "created_at" desc, "id" desc limit ${limit})`;
  const few = opts.parts
    .filter((part) => part.few)
    .map(
      (part) =>
        sql` union all (select "id", "created_at" from (select ${leads.id}, ${leads.createdAt}, ${leads.searchText} from ${leads} where ${and(part.where, after)} offset 0) as "leads" where ${search})`,
    );
  const full = sql`(select count(*) from "walked") >= ${limit}`;
  return sql`with "walked" as materialized ${walk}
    select "id" from (
      select "id", "created_at" from "walked" where ${full}
      union all (select "id", "created_at" from (${windows(main, opts)}) as "windowed" where not ${full})
      ${sql.join(few, sql``)}
    ) as page order by "created_at" desc, "id" desc limit ${limit}`;
}

/**
 * The newest `limit` matches of `main` (fewer when there are fewer), window by window. Window 0 is
 * the anchor's week (the cursor's time, or now) and everything newer, so a lead dated ahead is not
 * left out; window i (1 … DOUBLING_WINDOWS) the weeks [anchor − 2^i + 1, anchor − 2^(i−1)]; the last
 * one all older leads. Inside a window the search runs as GIN's intersection of the word and the weeks
 * (OFFSET 0 keeps the planner from walking the team's index in order instead, which the LIMIT would
 * otherwise tempt it to), then sorts the window's matches. The windows are disjoint and read newest
 * first, and the LIMIT above the nested loop stops after the one that completes the page; the rows'
 * order inside the page is the caller's ORDER BY.
 */
function windows(main: SQL, opts: WindowedSearch): SQL {
  const anchor = typeof opts.cursor?.[0] === "string" ? sql`${opts.cursor[0]}::timestamptz` : sql`now()`;
  const newest = sql`greatest(now(), (select max("newest"."created_at") from ${leads} as "newest" where "newest"."deleted_at" is null))`;
  const week = (at: SQL) => sql`(f_search_weeks(${at}))[1]`;
  const matches = and(main, opts.search, opts.after);
  const last = DOUBLING_WINDOWS + 1;
  // Window i's weeks: from a − 2^i + 1 to a − 2^(i−1), window 0 from a to the newest lead's week.
  const from = sql`"bounds"."a" - (1 << "win"."i") + 1`;
  const to = sql`case when "win"."i" = 0 then greatest("bounds"."a", "bounds"."n") else "bounds"."a" - (1 << ("win"."i" - 1)) end`;
  const inWeeks = sql`f_search_weeks(${leads.createdAt}) && array(select generate_series(${from}, ${to}))`;
  const older = sql`${leads.createdAt} < to_timestamp((("bounds"."a" - (1 << ${DOUBLING_WINDOWS}) + 1) * 604800)::float8)`;
  return sql`select "hit"."id", "hit"."created_at"
    from (select ${week(anchor)} as "a", ${week(newest)} as "n") as "bounds"
    cross join generate_series(0, ${sql.raw(String(last))}) as "win"("i")
    cross join lateral (
      select "id", "created_at" from (
        (select ${leads.id}, ${leads.createdAt} from ${leads} where ${and(matches, inWeeks)} and "win"."i" < ${sql.raw(String(last))} offset 0)
        union all
        (select ${leads.id}, ${leads.createdAt} from ${leads} where ${and(matches, older)} and "win"."i" = ${sql.raw(String(last))} offset 0)
      ) as "leads" order by "created_at" desc, "id" desc limit ${opts.limit}
    ) as "hit"
    limit ${opts.limit}`;
}

/** The page's rows: one statement (windowedPageIds) for the ids, read by `rowsOf`. */
export function searchInWindows<R>(
  opts: WindowedSearch,
  rowsOf: (pageIds: SQL) => Promise<R[]>,
): Promise<R[]> {
  return rowsOf(windowedPageIds(opts));
}
