import type { Page } from "@shared/schemas/common";
import type { Board, Deal } from "@shared/schemas/deal";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@web/api/api-client";
import { useCallback, useRef, useState } from "react";
import { dealsApi } from "../deals-api";
import { dealKeys } from "../use-deals";
import { appendColumnPage, largestColumn, mergeColumnTotals } from "./board-cache";
import type { BoardQuery } from "./board-params";

/**
 * Cards per column in the first answer and per further page: more than a tall screen shows, few
 * enough that a board of many stages renders at once (the rest comes in as the column scrolls).
 */
export const PER_COLUMN = 25;
const MAX_PER_COLUMN = 500;

export const boardKeys = {
  all: [...dealKeys.all, "board"] as const,
  board: (pipelineId: string | null, params: BoardQuery) =>
    [...dealKeys.all, "board", pipelineId, params] as const,
};
export function fetchBoard(pipelineId: string, query: BoardQuery, signal?: AbortSignal) {
  return apiRequest<Board>(`/pipelines/${encodeURIComponent(pipelineId)}/board`, { query, signal });
}

/**
 * The board of one pipeline with its filters. A refetch (after a move, or a live event) asks for as
 * many cards per column as the user has already loaded, so "load more" is not undone by an update.
 */
export function useBoard(pipelineId: string | null, params: BoardQuery) {
  const queryClient = useQueryClient();
  const queryKey = boardKeys.board(pipelineId, params);
  return useQuery({
    queryKey,
    queryFn: ({ signal }) => {
      const loaded = largestColumn(queryClient.getQueryData<Board>(queryKey));
      const perColumn = Math.min(MAX_PER_COLUMN, Math.max(PER_COLUMN, loaded));
      return fetchBoard(pipelineId ?? "", { ...params, perColumn }, signal);
    },
    enabled: pipelineId !== null,
    // Keeps the columns in place while another filter loads, but not across pipelines (other columns).
    placeholderData: (previous) =>
      previous?.pipeline.id === pipelineId ? keepPreviousData(previous) : undefined,
  });
}

/**
 * The whole-column figures after a change of our own (a drop): a board answer with one card per
 * column is enough for counts and sums, and merged into the cache it leaves the loaded cards alone,
 * so a drop on a 10,000-deal board costs no refetch of every loaded card (#21 point 3).
 */
export function useRefreshBoardTotals(pipelineId: string | null, params: BoardQuery) {
  const queryClient = useQueryClient();
  const queryKey = boardKeys.board(pipelineId, params);
  const latest = useRef({ queryKey, pipelineId, params });
  latest.current = { queryKey, pipelineId, params };
  return useCallback(async () => {
    const { queryKey: key, pipelineId: id, params: query } = latest.current;
    if (!id) return;
    const totals = await fetchBoard(id, { ...query, perColumn: 1 });
    queryClient.setQueryData<Board>(key, (board) =>
      board && board.pipeline.id === totals.pipeline.id ? mergeColumnTotals(board, totals) : board,
    );
  }, [queryClient]);
}

/** "Load more" of one column: the next page from GET /deals, appended to the board in the cache. */
export function useLoadMoreColumn(pipelineId: string | null, params: BoardQuery) {
  const queryClient = useQueryClient();
  const [loading, setLoading] = useState<ReadonlySet<string>>(new Set());
  // The state above is for the spinner; this one is current at once, so a scroll event and the
  // button in the same moment ask for a page only once.
  const inFlight = useRef(new Set<string>());
  const queryKey = boardKeys.board(pipelineId, params);

  const loadMore = async (stageId: string, cursor: string) => {
    if (inFlight.current.has(stageId)) return;
    inFlight.current.add(stageId);
    setLoading((current) => new Set(current).add(stageId));
    try {
      const page: Page<Deal> = await dealsApi.list({
        ...params,
        pipelineId: pipelineId ?? undefined,
        stageId,
        status: "open",
        cursor,
        limit: PER_COLUMN,
      });
      queryClient.setQueryData<Board>(queryKey, (board) =>
        board ? appendColumnPage(board, stageId, page.data, page.nextCursor) : board,
      );
    } finally {
      inFlight.current.delete(stageId);
      setLoading((current) => {
        const next = new Set(current);
        next.delete(stageId);
        return next;
      });
    }
  };
  return { loadMore, loading };
}
