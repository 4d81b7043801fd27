import type { DbOrTx } from "@server/db/client";
import { deals, stages } from "@server/db/schema";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type DealView, selectDealViews, type ViewGates } from "./deal-view.repository";

/**
 * Per column and currency: count, sum and weighted sum (amount × effective probability, in currency
 * units × percent) over ALL matching open deals, summed exactly as numeric by PostgreSQL.
 */
export async function boardTotals(db: DbOrTx, pipelineId: string, where: SQL[]) {
  return db
    .select({
      stageId: deals.stageId,
      currency: deals.currency,
      count: sql<number>`count(*)::int`,
      withAmount: sql<number>`count(${deals.amount})::int`,
      sum: sql<string>`coalesce(sum(${deals.amount}), 0)::text`,
      weighted: sql<string>`coalesce(sum(${deals.amount} * coalesce(${deals.probability}, ${stages.probability})), 0)::text`,
    })
    .from(deals)
    .innerJoin(stages, eq(stages.id, deals.stageId))
    .where(and(eq(deals.pipelineId, pipelineId), eq(deals.status, "open"), ...where))
    .groupBy(deals.stageId, deals.currency);
}

/**
 * The first `limit` + 1 cards of every column of a pipeline, in board order: one lateral subquery
 * per stage walks deals_board_idx, so the cost follows the cards shown, not the deals in the pipeline.
 */
export async function firstCardIds(
  db: DbOrTx,
  pipelineId: string,
  where: SQL[],
  limit: number,
): Promise<string[]> {
  const column = db
    .select({ id: deals.id })
    .from(deals)
    .where(
      and(eq(deals.pipelineId, pipelineId), eq(deals.stageId, stages.id), eq(deals.status, "open"), ...where),
    )
    .orderBy(asc(deals.position), asc(deals.id))
    .limit(limit + 1)
    .as("card");
  const rows = await db
    .select({ id: column.id })
    .from(stages)
    .innerJoinLateral(column, sql`true`)
    .where(eq(stages.pipelineId, pipelineId));
  return rows.map((r) => r.id);
}

export async function cardViews(db: DbOrTx, gates: ViewGates, ids: string[]): Promise<DealView[]> {
  if (ids.length === 0) return [];
  return selectDealViews(db, gates, sql`${deals.position}`)
    .where(inArray(deals.id, ids))
    .orderBy(asc(deals.stageId), asc(deals.position), asc(deals.id));
}
