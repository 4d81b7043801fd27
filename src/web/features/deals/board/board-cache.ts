import { weightedAmount } from "@domain/deals/probability";
import type { Board, Deal } from "@shared/schemas/deal";

type Column = Board["columns"][number];
type Money = Column["sum"][number];

/** Adds `sign ×` an amount to a per-currency sum list (display only: the server's sums replace it on refetch). */
function addMoney(sums: Money[], value: Money, sign: 1 | -1): Money[] {
  const delta = sign * Number(value.amount);
  if (!Number.isFinite(delta) || delta === 0) return sums;
  const existing = sums.find((sum) => sum.currency === value.currency);
  if (!existing) return [...sums, { currency: value.currency, amount: delta.toFixed(2) }];
  return sums.map((sum) =>
    sum === existing ? { ...sum, amount: (Number(sum.amount) + delta).toFixed(2) } : sum,
  );
}

/** Only open deals sit on the board, so every card's weight belongs to its column's weighted sum. */
function weighted(deal: Deal): Money | null {
  return deal.status === "open" ? weightedAmount(deal) : null;
}

function withoutDeal(column: Column, deal: Deal): Column {
  const amount = deal.amount;
  const weight = weighted(deal);
  return {
    ...column,
    deals: column.deals.filter((d) => d.id !== deal.id),
    count: Math.max(0, column.count - 1),
    sum: amount ? addMoney(column.sum, amount, -1) : column.sum,
    weightedSum: weight ? addMoney(column.weightedSum, weight, -1) : column.weightedSum,
  };
}

function withDeal(column: Column, deal: Deal, index: number): Column {
  const deals = [...column.deals];
  deals.splice(Math.min(Math.max(index, 0), deals.length), 0, deal);
  const amount = deal.amount;
  const weight = weighted(deal);
  return {
    ...column,
    deals,
    count: column.count + 1,
    sum: amount ? addMoney(column.sum, amount, 1) : column.sum,
    weightedSum: weight ? addMoney(column.weightedSum, weight, 1) : column.weightedSum,
  };
}

export function findDeal(
  board: Board,
  dealId: string,
): { deal: Deal; stageId: string; index: number } | null {
  for (const column of board.columns) {
    const index = column.deals.findIndex((deal) => deal.id === dealId);
    const deal = column.deals[index];
    if (deal) return { deal, stageId: column.stage.id, index };
  }
  return null;
}

/**
 * The board as it will look after a move: the card leaves its column and enters the target at
 * `index`, counts and sums follow, and the probability follows the stage unless it is overridden.
 */
export function moveDealInBoard(board: Board, dealId: string, stageId: string, index: number): Board {
  const found = findDeal(board, dealId);
  const target = board.columns.find((column) => column.stage.id === stageId);
  if (!found || !target) return board;
  const changesStage = found.stageId !== stageId;
  const moved: Deal = changesStage
    ? {
        ...found.deal,
        stageId,
        probability: found.deal.probabilityOverride ?? target.stage.probability,
        daysInStage: 0,
        stageEnteredAt: new Date().toISOString(),
        rotting: false,
      }
    : found.deal;
  return {
    ...board,
    columns: board.columns.map((column) => {
      let next = column;
      if (column.stage.id === found.stageId) next = withoutDeal(next, found.deal);
      if (column.stage.id === stageId) next = withDeal(next, moved, index);
      return next;
    }),
  };
}

/** The board without a deal (it was won, lost or deleted). */
export function removeDealFromBoard(board: Board, dealId: string): Board {
  const found = findDeal(board, dealId);
  if (!found) return board;
  return {
    ...board,
    columns: board.columns.map((column) =>
      column.stage.id === found.stageId ? withoutDeal(column, found.deal) : column,
    ),
  };
}

/**
 * Puts the server's answer for a deal in place of the card (new version, new position). Only the
 * column that holds the card changes: the others keep their objects, so their memoised columns do
 * not render again when a drop is committed.
 */
export function replaceDealInBoard(board: Board, deal: Deal): Board {
  const found = findDeal(board, deal.id);
  if (!found) return board;
  return {
    ...board,
    columns: board.columns.map((column) =>
      column.stage.id === found.stageId
        ? { ...column, deals: column.deals.map((d) => (d.id === deal.id ? deal : d)) }
        : column,
    ),
  };
}

const sameMoney = (a: readonly Money[], b: readonly Money[]) =>
  a.length === b.length && a.every((m, i) => m.currency === b[i]?.currency && m.amount === b[i]?.amount);

/**
 * The server's whole-column figures (count, sums, usual stay) from a light board answer put over the
 * cached board, whose loaded cards and cursors stay as they are. A column whose figures did not
 * change keeps its object (and its memoised column does not render).
 */
export function mergeColumnTotals(board: Board, totals: Board): Board {
  const byStage = new Map(totals.columns.map((column) => [column.stage.id, column]));
  return {
    ...board,
    columns: board.columns.map((column) => {
      const fresh = byStage.get(column.stage.id);
      if (
        !fresh ||
        (fresh.count === column.count &&
          fresh.medianDaysInStage === column.medianDaysInStage &&
          sameMoney(fresh.sum, column.sum) &&
          sameMoney(fresh.weightedSum, column.weightedSum))
      ) {
        return column;
      }
      const { count, sum, weightedSum, medianDaysInStage } = fresh;
      return { ...column, count, sum, weightedSum, medianDaysInStage };
    }),
  };
}

/** A further page of one column, appended below the cards it already shows. */
export function appendColumnPage(
  board: Board,
  stageId: string,
  deals: Deal[],
  nextCursor: string | null,
): Board {
  return {
    ...board,
    columns: board.columns.map((column) => {
      if (column.stage.id !== stageId) return column;
      const known = new Set(column.deals.map((deal) => deal.id));
      return { ...column, deals: [...column.deals, ...deals.filter((d) => !known.has(d.id))], nextCursor };
    }),
  };
}

/** The most cards any column shows, so a refetch can ask for as many as the user has loaded. */
export function largestColumn(board: Board | undefined): number {
  return Math.max(0, ...(board?.columns.map((column) => column.deals.length) ?? []));
}
