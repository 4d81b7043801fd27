import { notifications } from "@mantine/notifications";
import type { Board, Deal } from "@shared/schemas/deal";
import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { isApiError } from "@web/api/api-client";
import { notifyError, notifySuccess } from "@web/components/notify";
import { useTranslation } from "react-i18next";
import { useMarkDealLost, useMarkDealWon } from "../deal-outcome";
import { dealsApi } from "../deals-api";
import { dealKeys } from "../use-deals";
import { moveDealInBoard, removeDealFromBoard, replaceDealInBoard } from "./board-cache";
import { boardKeys } from "./use-board";

interface MoveVariables {
  deal: Deal;
  stageId: string;
  index: number;
}

/**
 * Changes the cached board at once (the card stays where it was dropped), sends the change, and puts
 * the board back with a message if the server refuses. A 409 means someone else changed the deal
 * meanwhile: the board is loaded fresh so the user sees the current state and can move it again.
 */
function useOptimisticBoard(queryKey: QueryKey) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const apply = (change: (board: Board) => Board): Board | undefined => {
    void queryClient.cancelQueries({ queryKey });
    const previous = queryClient.getQueryData<Board>(queryKey);
    if (previous) queryClient.setQueryData<Board>(queryKey, change(previous));
    return previous;
  };
  const fail = (error: unknown, previous: Board | undefined, what: string) => {
    if (previous) queryClient.setQueryData<Board>(queryKey, previous);
    if (isApiError(error, 409)) {
      notifications.show({
        color: "yellow",
        title: t("dealBoard.conflictTitle"),
        message: t("dealBoard.conflict"),
      });
    } else {
      notifyError(error, [what]);
    }
    void queryClient.invalidateQueries({ queryKey: boardKeys.all });
  };
  return { apply, fail };
}

/** A User Timing mark when the server has confirmed a move (the e2e board test reads it, #21 point 3). */
export const MOVE_COMMITTED_MARK = "leadwerk:board-move-committed";

/** Deals this tab moved a moment ago: their own live event need not reload the board. */
export type OwnMoves = Map<string, number>;
/** How long after its request a move's own live event is expected. */
const OWN_MOVE_MS = 5_000;

/** Whether a live event about this deal is the echo of this tab's own move (and forgets it if so). */
export function isOwnMove(ownMoves: OwnMoves, dealId: string): boolean {
  const at = ownMoves.get(dealId);
  if (at === undefined) return false;
  ownMoves.delete(dealId);
  return Date.now() - at < OWN_MOVE_MS;
}

/** Every query of deals but the boards (lists, detail, history): the board holds the move already. */
const notBoard = (query: { queryKey: QueryKey }) => query.queryKey[1] !== boardKeys.all[1];

interface BoardMoveOptions {
  /** Fetches the server's whole-column figures (count, sums) after the move. */
  refreshTotals: () => Promise<void>;
  ownMoves: OwnMoves;
}

/**
 * A drop: the card lands at once (optimistic cache), the request leaves in the drop's own event, and
 * the server's answer is the committed state, put in place of the card alone. Counts and sums come
 * from a light board answer afterwards; the loaded cards are not fetched again (#21 point 3).
 */
export function useBoardMove(queryKey: QueryKey, { refreshTotals, ownMoves }: BoardMoveOptions) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const board = useOptimisticBoard(queryKey);
  const mutation = useMutation({
    mutationFn: ({ request }: MoveVariables & { previous: Board | undefined; request: Promise<Deal> }) =>
      request,
    onSuccess: (deal) => {
      queryClient.setQueryData<Board>(queryKey, (current) =>
        current ? replaceDealInBoard(current, deal) : current,
      );
      queryClient.setQueryData(dealKeys.detail(deal.id), deal);
      performance.mark(MOVE_COMMITTED_MARK, { detail: { dealId: deal.id } });
      // The server's figures (other users' changes included) and the lists and history elsewhere.
      void refreshTotals().catch(() => queryClient.invalidateQueries({ queryKey: boardKeys.all }));
      void queryClient.invalidateQueries({ queryKey: dealKeys.all, predicate: notBoard });
    },
    onError: (error, { deal, previous }) =>
      board.fail(error, previous, t("dealBoard.moveFailed", { title: deal.title })),
  });
  return (variables: MoveVariables) => {
    const { deal, stageId, index } = variables;
    // The card it lands after, not the index: under a filter the server's column holds cards the
    // board does not show, and an index would land among those.
    const current = queryClient.getQueryData<Board>(queryKey);
    const target = current?.columns.find((column) => column.stage.id === stageId);
    const others = target?.deals.filter((d) => d.id !== deal.id) ?? [];
    const afterDealId = others[index - 1]?.id ?? null;
    // The request leaves first, in the drop's own event: the optimistic board below makes React
    // render before the mutation's own (asynchronous) start, and the server need not wait for that.
    const request = dealsApi.move(deal.id, { stageId, afterDealId, version: deal.version });
    // Its live event may come before its answer.
    ownMoves.set(deal.id, Date.now());
    // Its failure is handled by the mutation (onError); this only keeps it from counting as unhandled
    // in the moment before the mutation takes it up.
    request.catch(() => undefined);
    const previous = board.apply((board) => moveDealInBoard(board, deal.id, stageId, index));
    mutation.mutate({ ...variables, previous, request });
  };
}

/** Won and lost from the board: the card leaves at once and comes back if the server refuses. */
export function useBoardOutcome(queryKey: QueryKey) {
  const { t } = useTranslation();
  const board = useOptimisticBoard(queryKey);
  const won = useMarkDealWon();
  const lost = useMarkDealLost();
  return {
    markWon: async (deal: Deal) => {
      const previous = board.apply((current) => removeDealFromBoard(current, deal.id));
      try {
        await won.mutateAsync({ id: deal.id, version: deal.version });
        notifySuccess(t("dealOutcome.markedWon", { title: deal.title }));
      } catch (error) {
        board.fail(error, previous, t("dealOutcome.wonFailed", { title: deal.title }));
      }
    },
    /** Throws on failure (but a 409, which reloads the board), so the reason dialog stays open with the user's text and the field error. */
    markLost: async (deal: Deal, reason: string) => {
      const previous = board.apply((current) => removeDealFromBoard(current, deal.id));
      try {
        await lost.mutateAsync({ id: deal.id, reason, version: deal.version });
        notifySuccess(t("dealOutcome.markedLost", { title: deal.title }));
      } catch (error) {
        if (isApiError(error, 409)) {
          board.fail(error, previous, "");
          return;
        }
        if (previous) board.apply(() => previous);
        throw error;
      }
    },
  };
}
