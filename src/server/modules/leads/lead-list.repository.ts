import type { VisiblePart } from "@server/access/permission-gate";
import type { Db } from "@server/db/client";
import { idIn } from "@server/db/id-list";
import { type CursorValue, keysetClauses, parseSort, type SortKey } from "@server/db/keyset";
import { searchMatch } from "@server/db/like";
import { type PageColumns, type PageRow, pageColumns, selectPageRows } from "@server/db/page-rows";
import { leads } from "@server/db/schema";
import { customFieldSortedRows } from "@server/modules/custom-fields/custom-field-query";
import type { LeadListQuery } from "@shared/schemas/lead";
import { and, arrayOverlaps, eq, gte, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { LeadMapperRow } from "./lead.mapper";
import type { LeadRow } from "./lead.repository";
import { reachedFunnelStep } from "./lead-funnel";
import { searchInWindows } from "./lead-search-window";

type SortField = LeadListQuery["sort"] extends `-${infer F}` | infer F ? F : never;

/**
 * Sort keys and the casts their cursor values need. Each expression matches an index of schema.ts
 * exactly (partial on deleted_at is null), so a page is an index range scan at any depth.
 */
const SORTS: Record<string, SortKey> = {
  createdAt: { expr: sql`${leads.createdAt}`, cast: "timestamptz" },
  updatedAt: { expr: sql`${leads.updatedAt}`, cast: "timestamptz" },
  score: { expr: sql`${leads.score}`, cast: "int" },
  estimatedValue: { expr: sql`coalesce(${leads.estimatedValue}, -1)`, cast: "numeric" },
  // German order (DIN 5007-1): generated sort keys of schema.ts ("Last First", company name).
  name: { expr: sql`${leads.sortKey}`, cast: "text" },
  companyName: { expr: sql`${leads.companySortKey}`, cast: "text" },
};

export function leadFilters(query: LeadListQuery, actorId: string): SQL[] {
  const where: (SQL | undefined)[] = [];
  if (query.ids?.length) where.push(idIn(leads.id, query.ids));
  if (query.externalId !== undefined) where.push(eq(leads.externalId, query.externalId));
  if (query.status?.length) where.push(inArray(leads.status, query.status));
  if (query.lifecycleStage?.length) where.push(inArray(leads.lifecycleStage, query.lifecycleStage));
  if (query.source?.length) where.push(inArray(leads.source, query.source));
  if (query.sourceDetail) where.push(eq(leads.sourceDetail, query.sourceDetail));
  if (query.ownerId?.length) {
    const ids = query.ownerId.filter((o) => o !== "none");
    where.push(
      or(
        ids.length ? inArray(leads.ownerId, ids) : undefined,
        query.ownerId.includes("none") ? isNull(leads.ownerId) : undefined,
      ),
    );
  }
  if (query.mine) where.push(eq(leads.ownerId, actorId));
  if (query.teamId?.length) where.push(inArray(leads.teamId, query.teamId));
  if (query.tags?.length) where.push(arrayOverlaps(leads.tags, query.tags));
  if (query.createdFrom) where.push(gte(leads.createdAt, new Date(query.createdFrom)));
  if (query.createdTo) where.push(lte(leads.createdAt, new Date(query.createdTo)));
  if (query.bantQualified !== undefined) where.push(eq(leads.bantQualified, query.bantQualified));
  if (query.contactId) where.push(eq(leads.contactId, query.contactId));
  if (query.companyId) where.push(eq(leads.companyId, query.companyId));
  if (query.scoreMin !== undefined) where.push(gte(leads.score, query.scoreMin));
  if (query.scoreMax !== undefined) where.push(lte(leads.score, query.scoreMax));
  if (query.funnelStep) where.push(reachedFunnelStep(query.funnelStep));
  return where.filter((w): w is SQL => w !== undefined);
}

/** The search of the list (`q`): accent- and case-folded, over the trigram-indexed search_text. */
export const leadSearch = (query: LeadListQuery): SQL | null =>
  query.q ? searchMatch(leads.searchText, query.q) : null;

/**
 * What a list page reads: the columns of the fields it shows (lead.mapper.ts; custom_fields only when
 * `customFields` is asked), never search_text or the other internal ones (less to send, parse and map
 * per row), through the fast
 * page path of page-rows.ts. Rendered once per projection (projections are made once per field set).
 */
const pageColumnsOf = new WeakMap<LeadColumns, PageColumns>();
function listColumns(projection: LeadColumns): PageColumns {
  let columns = pageColumnsOf.get(projection);
  if (!columns) {
    columns = pageColumns(leads, projection.columns);
    pageColumnsOf.set(projection, columns);
  }
  return columns;
}

export type LeadPageRow = PageRow<LeadMapperRow> & { sortKey: string };

/**
 * The columns a page reads (drizzle property names of leads): a list's projection (lead.mapper.ts) or
 * the export's own set (modules/exports), which takes the rows as they are read. Made once each: the
 * rendered SELECT list is kept per object.
 */
export interface LeadColumns {
  readonly columns: readonly (keyof LeadRow)[];
}

interface PageOptions {
  visible: { all: SQL; parts: VisiblePart[] };
  filters: SQL[];
  search: SQL | null;
  sort: string;
  cursor: CursorValue[] | null;
  limit: number;
}

/** The sort key, keyset condition, order and WHERE of one page under the list's own sorts. */
function keysetPage(opts: Omit<PageOptions, "limit">) {
  const { field, direction } = parseSort(opts.sort);
  const sortDef = SORTS[field as SortField] ?? SORTS.createdAt;
  if (!sortDef) throw new Error("no sort definition");
  const { after, orderBy } = keysetClauses(sortDef, leads.id, direction, opts.cursor);
  const where = (visible: SQL | undefined) =>
    and(visible, ...opts.filters, opts.search ?? undefined, after) ?? sql`true`;
  return { sortDef, after, orderBy, where };
}

/**
 * One page of the list in one statement: `select` (over leads) and the sort key as text ("sortKey",
 * the cursor's value), under the gate, filters and search, in the list's order after the cursor. The
 * list reads its pages with it (but for the windowed search, a plan of the same rows and order) and so
 * does the lead CSV's COPY (modules/exports/csv-copy.ts), whose rows are therefore the list's. Not for
 * a custom-field sort (customFieldSortedRows).
 */
export function leadPageStatement(select: SQL, opts: PageOptions): SQL {
  const { sortDef, orderBy, where } = keysetPage(opts);
  return sql`select ${select}, (${sortDef.expr})::text as "sortKey" from ${leads} where ${where(opts.visible.all)} order by ${orderBy} limit ${opts.limit}`;
}

export async function listLeadRows<R extends { id: string; sortKey: string } = LeadPageRow>(
  db: Db,
  opts: {
    /** Who may see what: the whole condition (visibleWhere) and the same in parts (visibleParts). */
    visible: { all: SQL; parts: VisiblePart[] };
    /** The list's filters but the search. */
    filters: SQL[];
    search: SQL | null;
    sort: string;
    /** A sort by a custom field (custom-field-query.ts), in place of `sort`'s own field. */
    customSort?: SortKey | null;
    cursor: CursorValue[] | null;
    limit: number;
    projection: LeadColumns;
  },
): Promise<R[]> {
  const columns = listColumns(opts.projection);
  const { direction } = parseSort(opts.sort);
  const customSort = opts.customSort;
  if (customSort) {
    const select = sql`select ${columns.select}, (${customSort.expr})::text as "sortKey" from ${leads}`;
    return customFieldSortedRows(
      customSort,
      leads.id,
      direction,
      opts.cursor,
      opts.limit,
      (cond, orderBy, limit) =>
        selectPageRows<R>(
          db,
          sql`${select} where ${and(opts.visible.all, ...opts.filters, opts.search ?? undefined, cond)} order by ${orderBy} limit ${limit}`,
          columns,
        ),
    );
  }
  const { sortDef, after, orderBy, where } = keysetPage(opts);
  const select = sql`select ${columns.select}, (${sortDef.expr})::text as "sortKey" from ${leads}`;
  const limit = opts.limit + 1;
  const rowsOf = (pageIds: SQL) =>
    selectPageRows<R>(db, sql`${select} where ${leads.id} in (${pageIds}) order by ${orderBy}`, columns);
  if (!opts.search || sortDef !== SORTS.createdAt) {
    return selectPageRows<R>(db, leadPageStatement(columns.select, { ...opts, limit }), columns);
  }
  // A search, newest first, with other filters besides it: one query, so the planner may pick the
  // filter's index. First the page's ids by index-only scans (the indexes on created_at, team and owner
  // INCLUDE search_text), then just those rows (BENCHMARKS.md).
  if (opts.filters.length > 0 || direction !== "desc") {
    return rowsOf(
      sql`select ${leads.id} from ${leads} where ${where(opts.visible.all)} order by ${orderBy} limit ${limit}`,
    );
  }
  // The search alone, newest first: in windows of creation weeks (lead-search-window.ts), so that an
  // import of many non-matching leads does not slow it down. Per part of the gate: a salesperson's
  // team is one part and their own leads outside it (few as a rule) are read whole and merged in.
  return searchInWindows(
    { parts: opts.visible.parts, search: opts.search, after, cursor: opts.cursor, orderBy, limit },
    rowsOf,
  );
}
