import type { LiveEvent } from "@shared/schemas/deal";
import { useQueryClient } from "@tanstack/react-query";
import { refetchAskedBefore } from "@web/api/query-client";
import { leadKeys } from "@web/features/leads/use-leads";
import { pipelineKeys } from "@web/features/pipelines/use-pipelines";
import { useLiveEvents } from "@web/lib/live-events";
import { useCallback, useEffect, useRef } from "react";
import { LANE_QUERY } from "./leads-lane";
import { boardKeys } from "./use-board";
import { isOwnMove, type OwnMoves } from "./use-board-mutations";

const LIVE_TYPES: LiveEvent["type"][] = ["deal.changed", "deal.deleted", "pipeline.changed"];
/** Events come in bursts (a bulk change, a renumbered column): one refetch per burst is enough. */
const COALESCE_MS = 80;

/**
 * Keeps the board current with what other users do: a deal or pipeline event refetches the board
 * (through the permission check, never from the event's payload). While the user drags a card the
 * refetch waits until the drop, so a card does not jump away under the pointer. The echo of this
 * tab's own move is skipped: the board holds that move already (and its figures come with it).
 * When the stream opens, what was asked for before is asked for again (the board is requested while
 * the page's code loads, before the stream listens): a move made in between is not lost.
 */
export function useBoardLive(pipelineId: string | null, dragging: boolean, ownMoves: OwnMoves) {
  const queryClient = useQueryClient();
  const pending = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const draggingRef = useRef(dragging);
  draggingRef.current = dragging;

  const refresh = useCallback(() => {
    if (draggingRef.current) {
      pending.current = true;
      return;
    }
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: boardKeys.all });
      // A new deal may come from a converted lead, which then leaves the lane.
      void queryClient.invalidateQueries({ queryKey: leadKeys.list(LANE_QUERY) });
    }, COALESCE_MS);
  }, [queryClient]);

  useLiveEvents(
    LIVE_TYPES,
    useCallback(
      (event: LiveEvent) => {
        if (event.type === "pipeline.changed") {
          void queryClient.invalidateQueries({ queryKey: pipelineKeys.all });
          if (event.id === pipelineId) refresh();
          return;
        }
        if (event.type === "deal.changed" && isOwnMove(ownMoves, event.id)) return;
        if (!event.pipelineId || event.pipelineId === pipelineId) refresh();
      },
      [pipelineId, queryClient, refresh, ownMoves],
    ),
    // Changes made before the stream listened: what was asked for earlier is asked for again.
    useCallback((openedAt: number) => {
      if (draggingRef.current) {
        pending.current = true;
        return;
      }
      refetchAskedBefore({ queryKey: boardKeys.all }, openedAt);
      refetchAskedBefore({ queryKey: leadKeys.list(LANE_QUERY) }, openedAt);
      refetchAskedBefore({ queryKey: pipelineKeys.all }, openedAt);
    }, []),
  );

  // After the drop: what arrived meanwhile.
  useEffect(() => {
    if (!dragging && pending.current) {
      pending.current = false;
      refresh();
    }
  }, [dragging, refresh]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
}
