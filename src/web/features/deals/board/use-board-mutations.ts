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

export function useBoardMove(queryKey: QueryKey) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const board = useOptimisticBoard(queryKey);
  const mutation = useMutation({
    mutationFn: ({
      deal,
      stageId,
      afterDealId,
    }: MoveVariables & { previous: Board | undefined; afterDealId: string | null }) =>
      dealsApi.move(deal.id, { stageId, afterDealId, version: deal.version }),
    onSuccess: (deal) => {
      queryClient.setQueryData<Board>(queryKey, (current) =>
        current ? replaceDealInBoard(current, deal) : current,
      );
      queryClient.setQueryData(dealKeys.detail(deal.id), deal);
    },
    onError: (error, { deal, previous }) =>
      board.fail(error, previous, t("dealBoard.moveFailed", { title: deal.title })),
    // The server's order and sums (other cards may have shifted); lists and the deal's history too.
    onSettled: () => queryClient.invalidateQueries({ queryKey: dealKeys.all }),
  });
  return (variables: MoveVariables) => {
    const previous = board.apply((current) =>
      moveDealInBoard(current, variables.deal.id, variables.stageId, variables.index),
    );
    // The card it lands after, not the index: under a filter the server's column holds cards the
    // board does not show, and an index would land among those.
    const target = previous?.columns.find((column) => column.stage.id === variables.stageId);
    const others = target?.deals.filter((d) => d.id !== variables.deal.id) ?? [];
    const afterDealId = others[variables.index - 1]?.id ?? null;
    mutation.mutate({ ...variables, previous, afterDealId });
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
