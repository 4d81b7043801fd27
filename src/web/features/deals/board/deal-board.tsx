import {
  type CollisionDetection,
  closestCenter,
  closestCorners,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { arrayMove, sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { Box, Group } from "@mantine/core";
import type { Board, Deal } from "@shared/schemas/deal";
import type { QueryKey } from "@tanstack/react-query";
import type { Lead } from "@web/features/leads/lead-model";
import { leadDisplayName } from "@web/features/leads/lead-model";
import { useFormat } from "@web/i18n/use-format";
import { useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { LostReasonDialog } from "../deal-outcome";
import { boardAnnouncements, boardInstructions, type DropTargetDescriber } from "./board-announcements";
import { BoardColumn } from "./board-column";
import type { BoardDensity } from "./board-density";
import { DealCardView } from "./deal-card";
import { LeadCardView, LeadsLane } from "./leads-lane";
import { OutcomeZones, outcomeOf } from "./outcome-zones";
import { StageJump, useOverflowing } from "./stage-jump";
import { useBoardKeyboard } from "./use-board-keyboard";
import { useBoardLive } from "./use-board-live";
import { type OwnMoves, useBoardMove, useBoardOutcome } from "./use-board-mutations";

type Items = Record<string, string[]>;
type Active = { type: "deal"; deal: Deal } | { type: "lead"; lead: Lead } | null;

interface DealBoardProps {
  board: Board;
  queryKey: QueryKey;
  loadingMore: ReadonlySet<string>;
  onLoadMore: (stageId: string, cursor: string) => void;
  onCreate: (stageId: string) => void;
  /** A lead dropped on a stage: the caller asks to confirm the conversion. */
  onConvertLead: (lead: Lead, stageId: string) => void;
  /** Fetches the server's whole-column figures after a drop (the loaded cards stay). */
  refreshTotals: () => Promise<void>;
  showLeadsLane: boolean;
  density: BoardDensity;
}

const stageOfDropId = (id: string) => (id.startsWith("stage:") ? id.slice("stage:".length) : null);

/** The column that holds `id` (a card, or a column's own drop area). */
function containerOf(items: Items, id: string): string | null {
  const stage = stageOfDropId(id);
  if (stage !== null) return stage in items ? stage : null;
  for (const [stageId, ids] of Object.entries(items)) if (ids.includes(id)) return stageId;
  return null;
}

/**
 * Pointer: first the few big targets (outcome zones, columns), then only the cards of the column
 * under the pointer (the card under it, else the closest), so a pointer move does not test every
 * card of the board (#21 point 3). Keyboard and pointer outside any target: the closest corners,
 * which suits columns side by side.
 */
const collisionDetection: CollisionDetection = (args) => {
  const { droppableContainers } = args;
  const zones = droppableContainers.filter((container) => {
    const id = String(container.id);
    return outcomeOf(id) !== null || stageOfDropId(id) !== null;
  });
  const hits = pointerWithin({ ...args, droppableContainers: zones });
  const outcome = hits.find((hit) => outcomeOf(String(hit.id)));
  if (outcome) return [outcome];
  const column = hits[0];
  if (column) {
    const cards = droppableContainers.filter(
      (container) => container.data.current?.sortable?.containerId === String(column.id),
    );
    if (cards.length > 0) {
      const within = { ...args, droppableContainers: cards };
      const card = pointerWithin(within)[0] ?? closestCenter(within)[0];
      if (card) return [card];
    }
    return [column];
  }
  return closestCorners(args);
};

/** The columns with drag and drop (pointer and keyboard), the leads lane, outcome zones and dialogs. */
export function DealBoard(props: DealBoardProps) {
  const { board, queryKey, loadingMore, onLoadMore, onCreate, onConvertLead, showLeadsLane, density } = props;
  const { refreshTotals } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const [dragItems, setDragItems] = useState<Items | null>(null);
  const [active, setActive] = useState<Active>(null);
  const [lostDeal, setLostDeal] = useState<Deal | null>(null);
  const [ownMoves] = useState<OwnMoves>(() => new Map());
  const move = useBoardMove(queryKey, { refreshTotals, ownMoves });
  const outcome = useBoardOutcome(queryKey);
  useBoardLive(board.pipeline.id, active !== null, ownMoves);

  // One id list per column, kept while that column's cards stay the same, so the other (memoised)
  // columns do not render again when one column changes.
  const idLists = useRef(new WeakMap<readonly Deal[], string[]>());
  const serverItems = useMemo<Items>(
    () =>
      Object.fromEntries(
        board.columns.map((c) => {
          let ids = idLists.current.get(c.deals);
          if (!ids) {
            ids = c.deals.map((d) => d.id);
            idLists.current.set(c.deals, ids);
          }
          return [c.stage.id, ids];
        }),
      ),
    [board],
  );
  const dealsById = useMemo(
    () => new Map(board.columns.flatMap((c) => c.deals.map((d) => [d.id, d] as const))),
    [board],
  );
  // Stable for the memoised columns: each renders again when its own column or card list changes,
  // which is also when the deals it shows change (the board cache is updated immutably).
  const dealsRef = useRef(dealsById);
  dealsRef.current = dealsById;
  const getDeal = useCallback((id: string) => dealsRef.current.get(id), []);
  const handlers = useRef({ onLoadMore, onCreate });
  handlers.current = { onLoadMore, onCreate };
  const loadMore = useCallback(
    (stageId: string, cursor: string) => handlers.current.onLoadMore(stageId, cursor),
    [],
  );
  const create = useCallback((stageId: string) => handlers.current.onCreate(stageId), []);
  // A drop's own layout, kept until the board it was dropped on changes: the optimistic move reaches
  // the board a task later (React Query notifies asynchronously), and in between the columns would
  // show the card back where it came from, unmounting and mounting cards twice (#21 point 3).
  const [dropped, setDropped] = useState<{ items: Items; board: Board } | null>(null);
  const items = dragItems ?? (dropped?.board === board ? dropped.items : serverItems);
  const container = useRef<HTMLDivElement>(null);
  const overflowing = useOverflowing(container);
  const firstId = board.columns.find((column) => column.deals.length > 0)?.deals[0]?.id ?? null;
  const keyboard = useBoardKeyboard({ container, firstId });
  // Whether the card in hand was picked up by keyboard: then the focus follows it to where it lands.
  const byKeyboard = useRef(false);

  const sensors = useSensors(
    // A few pixels before a drag starts, so a click on the title or the menu still is a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  // Announcements read the latest state through a ref (dnd-kit keeps the first callbacks it gets).
  const latest = useRef({ items, dealsById, board, active });
  latest.current = { items, dealsById, board, active };
  const describer: DropTargetDescriber = useMemo(
    () => ({
      label: (id) => {
        const { dealsById: deals, active: current } = latest.current;
        if (current?.type === "lead") return leadDisplayName(current.lead) || t("leads.unnamed");
        return deals.get(id)?.title ?? "";
      },
      target: (activeId, overId) => {
        const result = outcomeOf(overId);
        if (result) return { kind: "outcome", outcome: t(`dealOutcome.zone.${result}`) };
        const { items: now, board: current } = latest.current;
        const stageId = containerOf(now, overId);
        const column = current.columns.find((c) => c.stage.id === stageId);
        if (!stageId || !column) return null;
        const ids = now[stageId] ?? [];
        const index = ids.indexOf(activeId);
        const position = index >= 0 ? index + 1 : Math.max(ids.indexOf(overId), ids.length) + 1;
        return { kind: "stage", stage: column.stage.name, position, count: Math.max(ids.length, position) };
      },
    }),
    [t],
  );
  const accessibility = useMemo(
    () => ({
      announcements: boardAnnouncements(t, describer),
      screenReaderInstructions: boardInstructions(t),
    }),
    [t, describer],
  );

  // Stable card callbacks, so cards (memoised) do not re-render on every step of a drag.
  const markWon = useRef(outcome.markWon);
  markWon.current = outcome.markWon;
  const onWon = useCallback((deal: Deal) => void markWon.current(deal), []);

  const reset = () => {
    setDragItems(null);
    setActive(null);
  };

  const onDragStart = ({ active: dragged, activatorEvent }: DragStartEvent) => {
    byKeyboard.current = activatorEvent instanceof KeyboardEvent;
    setDropped(null);
    const data = dragged.data.current;
    if (data?.type === "lead") {
      setActive({ type: "lead", lead: data.lead as Lead });
      return;
    }
    const deal = dealsById.get(String(dragged.id));
    if (!deal) return;
    setActive({ type: "deal", deal });
    setDragItems(serverItems);
  };

  // Across columns the card moves into the other column's list while it is dragged, so that column
  // makes room for it; within a column the sortable strategy shows the gap without changing lists.
  const onDragOver = ({ active: dragged, over }: DragOverEvent) => {
    if (!over || active?.type !== "deal") return;
    const activeId = String(dragged.id);
    const overId = String(over.id);
    if (outcomeOf(overId)) return;
    setDragItems((current) => {
      const now = current ?? serverItems;
      const from = containerOf(now, activeId);
      const to = containerOf(now, overId);
      if (!from || !to || from === to) return now;
      const target = now[to] ?? [];
      let index = target.length;
      if (stageOfDropId(overId) === null) {
        const overIndex = target.indexOf(overId);
        const translated = dragged.rect.current.translated;
        const below = translated ? translated.top > over.rect.top + over.rect.height / 2 : false;
        index = overIndex >= 0 ? overIndex + (below ? 1 : 0) : target.length;
      }
      const next = { ...now, [from]: (now[from] ?? []).filter((id) => id !== activeId) };
      next[to] = [...target.slice(0, index), activeId, ...target.slice(index)];
      return next;
    });
  };

  const onDragEnd = ({ active: dragged, over }: DragEndEvent) => {
    const current = active;
    const now = dragItems ?? serverItems;
    reset();
    if (!current || !over) return;
    const overId = String(over.id);

    if (current.type === "lead") {
      const stageId = containerOf(serverItems, overId);
      if (stageId) onConvertLead(current.lead, stageId);
      return;
    }
    const { deal } = current;
    const result = outcomeOf(overId);
    if (result === "won") return void outcome.markWon(deal);
    if (result === "lost") return setLostDeal(deal);

    const activeId = String(dragged.id);
    const to = containerOf(now, overId);
    if (!to) return;
    if (byKeyboard.current) keyboard.focusAfterDrop(deal.id, to);
    let list = now[to] ?? [];
    const from = list.indexOf(activeId);
    const overIndex = list.indexOf(overId);
    if (from >= 0 && overIndex >= 0 && from !== overIndex) list = arrayMove(list, from, overIndex);
    const index = list.indexOf(activeId);
    if (index < 0) return;
    const original = serverItems[deal.stageId]?.indexOf(deal.id) ?? -1;
    if (to === deal.stageId && index === original) return;
    setDropped({ items: { ...now, [to]: list }, board });
    move({ deal, stageId: to, index });
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={({ active: dragged }) => {
        const current = active;
        reset();
        if (byKeyboard.current && current?.type === "deal") {
          keyboard.focusAfterDrop(String(dragged.id), current.deal.stageId);
        }
      }}
      accessibility={accessibility}
    >
      {overflowing && (
        <StageJump
          columns={board.columns}
          format={format}
          onJump={(stageId) => {
            container.current
              ?.querySelector(`[data-stage-id="${CSS.escape(stageId)}"]`)
              ?.closest("section")
              ?.scrollIntoView({ block: "nearest", inline: "center", behavior: "smooth" });
            keyboard.focusColumn(stageId);
          }}
        />
      )}
      <Box ref={container} style={{ overflowX: "auto" }} pb={6} {...keyboard.handlers}>
        <Group align="flex-start" gap={8} wrap="nowrap">
          {showLeadsLane && <LeadsLane tabbableId={keyboard.tabbableId} />}
          {board.columns.map((column) => {
            const dealIds = items[column.stage.id] ?? [];
            // Only the column that holds the card in hand (or the tab stop) gets its id, so picking
            // up and dropping a card renders the columns it leaves and enters, not all of them.
            const activeId =
              active?.type === "deal" && dealIds.includes(active.deal.id) ? active.deal.id : null;
            const tabbableId =
              keyboard.tabbableId !== null && dealIds.includes(keyboard.tabbableId)
                ? keyboard.tabbableId
                : null;
            return (
              <BoardColumn
                key={column.stage.id}
                column={column}
                dealIds={dealIds}
                getDeal={getDeal}
                loadingMore={loadingMore.has(column.stage.id)}
                onLoadMore={loadMore}
                onCreate={create}
                acceptsLead={active?.type === "lead"}
                onWon={onWon}
                onLost={setLostDeal}
                density={density}
                tabbableId={tabbableId}
                activeId={activeId}
              />
            );
          })}
        </Group>
      </Box>
      {active?.type === "deal" && <OutcomeZones />}
      {/* No drop animation: it measured the card's new place (a forced layout) right after the drop,
          while the move's answer waited behind it (#21 point 3); the card simply lands. */}
      <DragOverlay dropAnimation={null}>
        {active?.type === "deal" && (
          <DealCardView
            deal={active.deal}
            format={format}
            stage={board.columns.find((c) => c.stage.id === active.deal.stageId)?.stage}
            onWon={() => undefined}
            onLost={() => undefined}
            density={density}
            tabbable={false}
            lifted
          />
        )}
        {active?.type === "lead" && <LeadCardView lead={active.lead} lifted />}
      </DragOverlay>
      <LostReasonDialog
        deal={lostDeal}
        onClose={() => setLostDeal(null)}
        onSubmitReason={lostDeal ? (reason) => outcome.markLost(lostDeal, reason) : undefined}
      />
    </DndContext>
  );
}
