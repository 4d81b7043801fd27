import type { Db } from "@server/db/client";
import { type CursorValue, keysetClauses, parseSort, type SortKey } from "@server/db/keyset";
import { searchPattern } from "@server/db/like";
import { type PageRow, pageColumns, selectPageRows } from "@server/db/page-rows";
import { leads } from "@server/db/schema";
import type { LeadListQuery } from "@shared/schemas/lead";
import {
  and,
  arrayOverlaps,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNull,
  lte,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { LEAD_UNMAPPED_COLUMNS, type LeadMapperRow } from "./lead.mapper";

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
  name: {
    expr: sql`lower(coalesce(${leads.lastName}, '') || ' ' || coalesce(${leads.firstName}, ''))`,
    cast: "text",
  },
  companyName: { expr: sql`lower(coalesce(${leads.companyName}, ''))`, cast: "text" },
};

export function leadFilters(query: LeadListQuery, actorId: string): SQL[] {
  const where: (SQL | undefined)[] = [];
  if (query.status?.length) where.push(inArray(leads.status, query.status));
  if (query.lifecycleStage?.length) where.push(inArray(leads.lifecycleStage, query.lifecycleStage));
  if (query.source?.length) where.push(inArray(leads.source, query.source));
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
  if (query.q) where.push(sql`${leads.searchText} like ${searchPattern(query.q)}`);
  return where.filter((w): w is SQL => w !== undefined);
}

/**
 * What a list page reads: the columns the mapper shows, not search_text, custom_fields or the other
 * internal ones (less to send, parse and map per row), through the fast page path of page-rows.ts.
 */
const unmapped: ReadonlySet<string> = new Set(LEAD_UNMAPPED_COLUMNS);
const LIST_COLUMNS = pageColumns(
  leads,
  Object.keys(getTableColumns(leads)).filter((name) => !unmapped.has(name)),
);

export type LeadPageRow = PageRow<LeadMapperRow> & { sortKey: string };

export async function listLeadRows(
  db: Db,
  opts: {
    /** Who may see what: the whole condition (visibleWhere) and the same in parts (visibleParts). */
    visible: { all: SQL; parts: SQL[] };
    filters: SQL[];
    sort: string;
    cursor: CursorValue[] | null;
    limit: number;
    search: boolean;
  },
): Promise<LeadPageRow[]> {
  const { field, direction } = parseSort(opts.sort);
  const sortDef = SORTS[field as SortField] ?? SORTS.createdAt;
  if (!sortDef) throw new Error("no sort definition");
  const { after, orderBy } = keysetClauses(sortDef, leads.id, direction, opts.cursor);
  const where = (visible: SQL | undefined) => and(visible, ...opts.filters, after) ?? sql`true`;
  const select = sql`select ${LIST_COLUMNS.select}, (${sortDef.expr})::text as "sortKey" from ${leads}`;
  const limit = opts.limit + 1;
  if (!opts.search || sortDef !== SORTS.createdAt) {
    return selectPageRows<LeadPageRow>(
      db,
      sql`${select} where ${where(opts.visible.all)} order by ${orderBy} limit ${limit}`,
      LIST_COLUMNS,
    );
  }
  // A search, newest first: a frequent word ("muller") is found by walking back along created_at until
  // a page is full, past thousands of rows. So first the page's ids, by index-only scans (the indexes
  // on created_at, team and owner INCLUDE search_text), then just those rows (BENCHMARKS.md). With
  // several visibility parts (a salesperson: the team's leads, their own), each part walks its own
  // index, (team_id, created_at) or (owner_id, created_at), and the pages are merged: a walk over
  // everyone's leads would pass four invisible rows for each visible one.
  const walk = (visible: SQL | undefined) =>
    sql`select ${leads.id}, ${leads.createdAt} from ${leads} where ${where(visible)} order by ${orderBy} limit ${limit}`;
  const { parts } = opts.visible;
  const pageIds =
    parts.length < 2
      ? sql`select ${leads.id} from ${leads} where ${where(opts.visible.all)} order by ${orderBy} limit ${limit}`
      : sql`select "id" from (${sql.join(
          parts.map((part) => sql`(${walk(part)})`),
          sql` union `,
        )}) as page order by "created_at" ${sql.raw(direction)}, "id" ${sql.raw(direction)} limit ${limit}`;
  return selectPageRows<LeadPageRow>(
    db,
    sql`${select} where ${leads.id} in (${pageIds}) order by ${orderBy}`,
    LIST_COLUMNS,
  );
}
