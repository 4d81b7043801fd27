import type { VisiblePart } from "@server/access/permission-gate";
import type { CursorValue } from "@server/db/keyset";
import { leads } from "@server/db/schema";
import { and, type SQL, sql } from "drizzle-orm";

/**
 * A newest-first lead search (issue #21 point 2), independent of how many non-matching leads are
 * newer than the matches. Walking the newest leads until a page of matches is found passes every newer
 * lead without the word: after an import of 100,000 leads into a team, a salesperson's "muller" walked
 * 100,000 index entries (0.3 s). The trigram index instead finds all matches of a word, in no order:
 * for "muller" thousands of table rows to read and sort.
 *
 * So, when a short walk along the newest leads (walkPageIds) does not fill the page, the matches are
 * read in windows of creation weeks, newest first: the trigram index also holds
 * each lead's week (f_search_weeks, migration 20261207102741_lead_search_weeks), GIN intersects the
 * word's postings with the window's weeks, and only the matches created in those weeks are read from
 * the table and sorted. A window that holds a full page answers exactly (everything outside it is
 * older); otherwise a wider one is read, and from WHOLE_HISTORY_WEEKS on the plain search of all matches.
 * A frequent word fills the first window (two weeks), a rare one goes straight to all matches (which
 * are few), whatever an import put in front of them.
 */
export const FIRST_WINDOW_WEEKS = 2;
/**
 * From this width on the plain search of all matches instead: each week of a window is one more GIN
 * entry to merge, and a word that half a year of leads holds less than a page of is rare enough for
 * the planner's trigram bitmap over all of its matches.
 */
const WHOLE_HISTORY_WEEKS = 32;

/** How many weeks the next window spans after `weeks` found `found` of the `limit` rows wanted. */
export function nextWindowWeeks(weeks: number, found: number, limit: number): number {
  // Matches spread evenly would fill a page in weeks × limit / found; half again as much for margin,
  // and at least four times the last window so that a page costs a handful of reads at most.
  const needed = found === 0 ? Number.POSITIVE_INFINITY : Math.ceil((weeks * limit * 1.5) / found);
  return Math.max(weeks * 4, needed);
}

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

/**
 * The statement of one window (`weeks`, or all matches when null): each part of the gate with the
 * search, the parts merged newest first. A salesperson's team part is read through the trigram index
 * and sorted (OFFSET 0 keeps the planner from walking the team's index instead, which the LIMIT would
 * otherwise tempt it to); the few own leads outside the team are read whole and filtered, as before.
 * Without a window, each part is planned as the planner sees fit (a walk for a frequent word).
 */
export function windowPageIds(opts: WindowedSearch, weeks: number | null): SQL {
  const window = weeks === null ? undefined : inWeeks(weeks, opts.cursor);
  const match = and(opts.search, window);
  const read = (part: VisiblePart) => {
    if (part.few) {
      return sql`(select "id", "created_at" from (select ${leads.id}, ${leads.createdAt}, ${leads.searchText} from ${leads} where ${and(part.where, opts.after)} offset 0) as "leads" where ${match})`;
    }
    if (window === undefined) {
      return sql`(select ${leads.id}, ${leads.createdAt} from ${leads} where ${and(part.where, opts.search, opts.after)} order by ${opts.orderBy} limit ${opts.limit})`;
    }
    return sql`(select "id", "created_at" from (select ${leads.id}, ${leads.createdAt} from ${leads} where ${and(part.where, match, opts.after)} offset 0) as "leads" order by "created_at" desc, "id" desc limit ${opts.limit})`;
  };
  return sql`select "id" from (${sql.join(opts.parts.map(read), sql` union all `)}) as page order by "created_at" desc, "id" desc limit ${opts.limit}`;
}

/**
 * Created in the `weeks` weeks up to the cursor's time (or now), or later: the newest leads' week is
 * included however far ahead it lies, so no lead is left out of the window it belongs to. Both arrays
 * are computed once per statement (uncorrelated subqueries).
 */
function inWeeks(weeks: number, cursor: CursorValue[] | null): SQL {
  const anchor = typeof cursor?.[0] === "string" ? sql`${cursor[0]}::timestamptz` : sql`now()`;
  const newest = sql`greatest(now(), (select max("newest"."created_at") from ${leads} as "newest" where "newest"."deleted_at" is null))`;
  return sql`f_search_weeks(${leads.createdAt}) && array(select generate_series(
    (f_search_weeks(${anchor} - ${weeks - 1} * interval '1 week'))[1], (f_search_weeks(${newest}))[1]))`;
}

/** How many of the newest leads the first read walks per page row wanted (a frequent word fills it). */
const WALK_PER_ROW = 50;

/**
 * The first read: the newest `limit × WALK_PER_ROW` leads of the walked part (a salesperson's team,
 * everyone's for a manager) along its index, which covers search_text. A word in 2 % of them or more
 * fills the page there at the cost of a few index pages, far less than a window's table rows (EXPLAIN
 * at 1M leads: 55 buffers for "muller" against 1,600). The page is exact only when the walked part
 * alone found a full page (the few parts are read whole), so otherwise it answers no rows at all.
 */
export function walkPageIds(opts: WindowedSearch): SQL | null {
  const walked = opts.parts.filter((part) => !part.few);
  const [main] = walked;
  if (!main || walked.length > 1) return null;
  const newest = sql`(select "id", "created_at" from (select ${leads.id}, ${leads.createdAt}, ${leads.searchText} from ${leads} where ${and(main.where, opts.after)} order by ${opts.orderBy} limit ${opts.limit * WALK_PER_ROW}) as "leads" where ${opts.search} order by "created_at" desc, "id" desc limit ${opts.limit})`;
  const few = opts.parts
    .filter((part) => part.few)
    .map(
      (part) =>
        sql` union all (select "id", "created_at" from (select ${leads.id}, ${leads.createdAt}, ${leads.searchText} from ${leads} where ${and(part.where, opts.after)} offset 0) as "leads" where ${opts.search})`,
    );
  return sql`with "walked" as materialized ${newest}
    select "id" from (select "id", "created_at" from "walked"${sql.join(few, sql``)}) as page
    where (select count(*) from "walked") >= ${opts.limit}
    order by "created_at" desc, "id" desc limit ${opts.limit}`;
}

/**
 * The short walk first; then windows of growing width until one holds a page, or all matches have
 * been searched.
 */
export async function searchInWindows<R>(
  opts: WindowedSearch,
  rowsOf: (pageIds: SQL) => Promise<R[]>,
): Promise<R[]> {
  const walk = walkPageIds(opts);
  if (walk) {
    const rows = await rowsOf(walk);
    if (rows.length >= opts.limit) return rows;
  }
  let weeks = FIRST_WINDOW_WEEKS;
  while (weeks < WHOLE_HISTORY_WEEKS) {
    const rows = await rowsOf(windowPageIds(opts, weeks));
    if (rows.length >= opts.limit) return rows;
    weeks = nextWindowWeeks(weeks, rows.length, opts.limit);
  }
  return rowsOf(windowPageIds(opts, null));
}
