import type { DbOrTx } from "@server/db/client";
import { type CursorValue, keysetClauses, parseSort, type SortKey } from "@server/db/keyset";
import { searchMatch } from "@server/db/like";
import { recordFilters } from "@server/db/record-filters";
import { dealContacts, deals } from "@server/db/schema";
import { customFieldSortedRows } from "@server/modules/custom-fields/custom-field-query";
import type { dealListQuery } from "@shared/schemas/deal";
import { and, eq, exists, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { type DealView, selectDealViews, type ViewGates } from "./deal-view.repository";

export type DealListQuery = z.output<typeof dealListQuery>;

/** Sort keys and their cursor casts; each expression matches an index of schema.ts. */
export const DEAL_SORT_KEYS: Record<string, SortKey> = {
  createdAt: { expr: sql`${deals.createdAt}`, cast: "timestamptz" },
  updatedAt: { expr: sql`${deals.updatedAt}`, cast: "timestamptz" },
  title: { expr: sql`${deals.sortKey}`, cast: "text" },
  amount: { expr: sql`coalesce(${deals.amount}, -1)`, cast: "numeric" },
  // Deals without a date sort last; a NULL would stop the keyset comparison.
  expectedCloseDate: { expr: sql`coalesce(${deals.expectedCloseDate}, '9999-12-31')`, cast: "date" },
  /** Board order within a column (deals_board_idx). */
  position: { expr: sql`${deals.position}`, cast: "double precision" },
};

/** Filters shared by the list and the board (the board adds its pipeline and columns). */
export function dealFilters(
  query: Partial<
    Pick<DealListQuery, "ownerId" | "mine" | "teamId" | "tags" | "createdFrom" | "createdTo">
  > & {
    pipelineId?: string | undefined;
    stageId?: string[] | undefined;
    status?: string[] | undefined;
    companyId?: string | undefined;
    contactId?: string | undefined;
    closeFrom?: string | undefined;
    closeTo?: string | undefined;
    closedFrom?: string | undefined;
    closedTo?: string | undefined;
    q?: string | undefined;
  },
  actorId: string,
): SQL[] {
  const where = recordFilters(deals, query, actorId);
  if (query.pipelineId) where.push(eq(deals.pipelineId, query.pipelineId));
  if (query.stageId?.length) where.push(inArray(deals.stageId, query.stageId));
  if (query.status?.length) where.push(inArray(deals.status, query.status));
  if (query.companyId) where.push(eq(deals.companyId, query.companyId));
  if (query.contactId)
    where.push(
      exists(
        sql`(select 1 from ${dealContacts} where ${dealContacts.dealId} = ${deals.id} and ${dealContacts.contactId} = ${query.contactId})`,
      ),
    );
  if (query.closeFrom) where.push(gte(deals.expectedCloseDate, query.closeFrom));
  if (query.closeTo) where.push(lte(deals.expectedCloseDate, query.closeTo));
  if (query.closedFrom) where.push(gte(deals.closedAt, new Date(query.closedFrom)));
  if (query.closedTo) where.push(lte(deals.closedAt, new Date(query.closedTo)));
  if (query.q) where.push(searchMatch(deals.searchText, query.q));
  return where;
}

export async function listDealViews(
  db: DbOrTx,
  opts: {
    gates: ViewGates;
    where: SQL[];
    sort: string;
    /** A sort by a custom field (custom-field-query.ts), in place of `sort`'s own field. */
    customSort?: SortKey | null;
    cursor: CursorValue[] | null;
    limit: number;
  },
): Promise<DealView[]> {
  const { field, direction } = parseSort(opts.sort);
  const key = opts.customSort ?? DEAL_SORT_KEYS[field] ?? DEAL_SORT_KEYS.createdAt;
  if (!key) throw new Error("no sort key");
  const page = (where: SQL | undefined, orderBy: SQL, limit: number) =>
    selectDealViews(db, opts.gates, key.expr)
      .where(and(opts.gates.deal, ...opts.where, where))
      .orderBy(orderBy)
      .limit(limit);
  if (opts.customSort)
    return customFieldSortedRows(opts.customSort, deals.id, direction, opts.cursor, opts.limit, page);
  const { after, orderBy } = keysetClauses(key, deals.id, direction, opts.cursor);
  return page(after, orderBy, opts.limit + 1);
}
