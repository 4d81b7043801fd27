import { Button, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import type { Lead } from "@web/features/leads/lead-model";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { defaultPipeline, usePipelines } from "@web/features/pipelines/use-pipelines";
import { useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useBoardDensity } from "./board/board-density";
import { BoardDensitySwitch } from "./board/board-density-switch";
import { BoardEmptyNotice, NoPipelineState } from "./board/board-empty-state";
import { BoardKeysHint } from "./board/board-keys-hint";
import {
  activeBoardFilterCount,
  type BoardFilters,
  boardFilterParams,
  EMPTY_BOARD_FILTERS,
} from "./board/board-params";
import { BoardToolbar } from "./board/board-toolbar";
import { BoardViewSwitch } from "./board/board-view-switch";
import { DealBoard } from "./board/deal-board";
import { LeadConvertDialog } from "./board/lead-convert-dialog";
import { boardKeys, useBoard, useLoadMoreColumn, useRefreshBoardTotals } from "./board/use-board";
import { useBoardFilters } from "./board/use-board-filters";
import { DealCreateModal } from "./deal-create-modal";

/** /deals: the deal board of one pipeline, with its filters, the leads lane and the create dialog. */
export function DealsPage() {
  const { t } = useTranslation();
  const state = useBoardFilters();
  const pipelines = usePipelines();
  const owners = useOwnerOptions();
  const mayCreate = useCurrentUser().permissions.deal.create;
  const [createOpened, createModal] = useDisclosure(false);
  const [createStage, setCreateStage] = useState<string | undefined>(undefined);
  const [converting, setConverting] = useState<{ lead: Lead; stageId: string } | null>(null);

  // The remembered pipeline, unless it is gone (deleted, or not visible to this user). Until the
  // list is there the board of the remembered one already loads, so both requests run side by side.
  const pipeline =
    pipelines.data?.find((p) => p.id === state.pipelineId) ?? defaultPipeline(pipelines.data) ?? null;
  const pipelineId = pipelines.data ? (pipeline?.id ?? null) : state.pipelineId;
  const params = useMemo(() => boardFilterParams(state.filters), [state.filters]);
  const board = useBoard(pipelineId, params);
  const columns = useLoadMoreColumn(pipelineId, params);
  const refreshTotals = useRefreshBoardTotals(pipelineId, params);
  const [density, setDensity] = useBoardDensity();
  const filtered = activeBoardFilterCount(state.filters) > 0 || state.filters.q !== "";

  const openCreate = useCallback(
    (stageId?: string) => {
      setCreateStage(stageId);
      createModal.open();
    },
    [createModal.open],
  );
  // A drop or a further page changes the board's data, which renders this page again: the header
  // and the filter row (selects, date inputs) are kept as they were, since nothing of theirs changed.
  const latest = useRef(state);
  latest.current = state;
  const setPipelineId = useCallback((id: string) => latest.current.setPipelineId(id), []);
  const setFilters = useCallback((patch: Partial<BoardFilters>) => latest.current.setFilters(patch), []);
  const header = useMemo(
    () => (
      <PageHeader
        title={t("dealBoard.title")}
        actions={
          <>
            <BoardDensitySwitch value={density} onChange={setDensity} />
            <BoardKeysHint />
            <BoardViewSwitch current="board" />
            {mayCreate && (
              <Button
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => openCreate()}
                disabled={!pipeline}
              >
                {t("dealBoard.newDeal")}
              </Button>
            )}
          </>
        }
      />
    ),
    [t, density, setDensity, mayCreate, openCreate, pipeline],
  );
  const toolbar = useMemo(
    () =>
      pipeline && (
        <BoardToolbar
          pipelines={pipelines.data ?? []}
          pipelineId={pipelineId}
          onPipelineChange={setPipelineId}
          filters={state.filters}
          onFiltersChange={setFilters}
          owners={owners.owners}
        />
      ),
    [pipeline, pipelines.data, pipelineId, setPipelineId, state.filters, setFilters, owners.owners],
  );

  return (
    <>
      {header}
      <Stack gap="sm">
        <QueryStates
          query={pipelines}
          showLoader={!state.pipelineId}
          isEmpty={pipelines.data?.length === 0}
          empty={<NoPipelineState />}
        />
        {toolbar}
        <QueryStates query={board} showLoader={Boolean(pipelineId)} />
        {board.data && board.data.pipeline.id === pipelineId && (
          <>
            {board.data.columns.every((column) => column.count === 0) && (
              <BoardEmptyNotice
                filtered={filtered}
                onCreate={() => openCreate()}
                onReset={() => state.replaceFilters(EMPTY_BOARD_FILTERS)}
              />
            )}
            <DealBoard
              board={board.data}
              queryKey={boardKeys.board(pipelineId, params)}
              loadingMore={columns.loading}
              onLoadMore={(stageId, cursor) => void columns.loadMore(stageId, cursor)}
              onCreate={openCreate}
              onConvertLead={(lead, stageId) => setConverting({ lead, stageId })}
              refreshTotals={refreshTotals}
              showLeadsLane
              density={density}
            />
          </>
        )}
      </Stack>
      <DealCreateModal
        opened={createOpened}
        onClose={createModal.close}
        defaults={{ pipelineId: pipelineId ?? undefined, stageId: createStage }}
      />
      {pipelineId && (
        <LeadConvertDialog
          lead={converting?.lead ?? null}
          pipelineId={pipelineId}
          stageId={converting?.stageId ?? null}
          onClose={() => setConverting(null)}
        />
      )}
    </>
  );
}
