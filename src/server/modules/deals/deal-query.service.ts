import { columnTotals } from "@domain/deals/money";
import { roundDays } from "@domain/reports/funnel";
import { MIN_STAYS } from "@domain/reports/health";
import type { ServiceContext } from "@server/context";
import { decodeCursor, decodeSortedCursor, encodeCursor, toPage } from "@server/db/keyset";
import { countListRows } from "@server/db/list-count";
import { deals } from "@server/db/schema";
import { customFieldListQuery } from "@server/modules/custom-fields/custom-field-query";
import {
  readerStayScope,
  type StayFigure,
  stageStays,
} from "@server/modules/reports/stage-stay-stats.repository";
import type { Board, boardQuery, Pipeline } from "@shared/schemas/deal";
import type { z } from "zod";
import * as board from "./board.repository";
import { toDeal } from "./deal.mapper";
import * as repo from "./deal.repository";
import { getDeal } from "./deal.service";
import { dealGates } from "./deal-gates";
import { type DealListQuery, dealFilters, listDealViews } from "./deal-list.repository";

export type BoardQuery = z.output<typeof boardQuery>;
const BOARD_SORT = "position";

/**
 * A cursor from the board (`sort` "position") continues a column in board order whatever `sort`
 * says, so "load more" needs only the column's filters and the cursor.
 */
function cursorAndSort(query: DealListQuery) {
  if (!query.cursor) return { sort: query.sort as string, cursor: null };
  const [sort] = decodeCursor(query.cursor, 3);
  const effective = sort === BOARD_SORT ? BOARD_SORT : query.sort;
  return { sort: effective, cursor: decodeSortedCursor(query.cursor, effective) };
}

function stageMedian(stays: StayFigure[], stageId: string): number | null {
  const stay = stays.find((s) => s.stageId === stageId);
  return stay && stay.stays >= MIN_STAYS ? roundDays(stay.median) : null;
}

export async function listDeals(ctx: ServiceContext, query: DealListQuery) {
  const { sort, cursor } = cursorAndSort(query);
  const custom = await customFieldListQuery(ctx, "deal", query);
  const rows = await listDealViews(ctx.db, {
    gates: dealGates(ctx.actor),
    where: [...dealFilters(query, ctx.actor.id), ...custom.filters],
    sort,
    // A board column's cursor pages in board order, whatever `sort` says.
    customSort: sort === query.sort ? custom.sort : null,
    cursor,
    limit: query.limit,
  });
  const now = new Date();
  const page = toPage(rows, query.limit, (r) => [sort, r.sortKey, r.row.id]);
  return { data: page.data.map((r) => toDeal(r, ctx.actor, now)), nextCursor: page.nextCursor };
}

/** The list's total under the same gate and filters as `listDeals` (`GET /deals/count`). */
export async function countDeals(ctx: ServiceContext, query: DealListQuery) {
  const custom = await customFieldListQuery(ctx, "deal", query);
  return countListRows(ctx.db, deals, [
    dealGates(ctx.actor).deal,
    ...dealFilters(query, ctx.actor.id),
    ...custom.filters,
  ]);
}

/**
 * The board of one pipeline: per stage the first `perColumn` open deals in board order, the count,
 * sum and weighted sum per currency over all matching open deals, and a cursor for the rest. Three
 * queries whatever the number of columns and cards.
 */
export async function getBoard(ctx: ServiceContext, pipeline: Pipeline, query: BoardQuery): Promise<Board> {
  const pipelineId = pipeline.id;
  const gates = dealGates(ctx.actor);
  const where = [gates.deal, ...dealFilters(query, ctx.actor.id)];
  const [totals, ids, stays] = await Promise.all([
    board.boardTotals(ctx.db, pipelineId, where),
    board.firstCardIds(ctx.db, pipelineId, where, query.perColumn),
    // The health flag "stuck" on the cards (#18): the stages' usual stay over the deals the reader sees.
    readerStayScope(ctx.db, ctx.actor).then((scope) =>
      stageStays(ctx.db, { stageIds: pipeline.stages.map((s) => s.id), where: [gates.deal], scope }),
    ),
  ]);
  const views = await board.cardViews(ctx.db, gates, ids);
  const now = new Date();
  return {
    pipeline,
    columns: pipeline.stages.map((stage) => {
      const cards = views.filter((v) => v.row.stageId === stage.id);
      const shown = cards.slice(0, query.perColumn);
      const last = shown.at(-1);
      const stageTotals = totals.filter((t) => t.stageId === stage.id);
      const money = columnTotals(stageTotals.filter((t) => t.withAmount > 0));
      return {
        stage,
        deals: shown.map((v) => toDeal(v, ctx.actor, now)),
        count: stageTotals.reduce((n, t) => n + t.count, 0),
        sum: money.sum,
        weightedSum: money.weightedSum,
        medianDaysInStage: stageMedian(stays, stage.id),
        nextCursor:
          cards.length > query.perColumn && last
            ? encodeCursor([BOARD_SORT, last.sortKey, last.row.id])
            : null,
      };
    }),
  };
}

export async function getStageHistory(ctx: ServiceContext, dealId: string) {
  await getDeal(ctx, dealId);
  const rows = await repo.stageHistoryOf(ctx.db, dealId);
  return {
    data: rows.map((r) => ({
      ...r,
      enteredAt: r.enteredAt.toISOString(),
      leftAt: r.leftAt?.toISOString() ?? null,
    })),
  };
}
