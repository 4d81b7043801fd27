import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { ActionIcon, Badge, Box, Button, Group, Paper, Stack, Text, Title, Tooltip } from "@mantine/core";
import type { Board, Deal } from "@shared/schemas/deal";
import { IconPlus } from "@tabler/icons-react";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { useFormat } from "@web/i18n/use-format";
import { memo, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BoardDensity } from "./board-density";
import { formatSums } from "./board-format";
import { ColumnCards } from "./column-cards";
import type { CardActions } from "./deal-card";

type Column = Board["columns"][number];

/**
 * Columns share the board's width between these bounds, so at 1440 px the leads lane and the four
 * or five stages of a usual pipeline stand whole side by side (#23 point 2); more stages scroll,
 * with the stage strip above the board to jump to them.
 */
export const COLUMN_MIN_WIDTH = 204;
export const COLUMN_MAX_WIDTH = 320;
/** Below the header, the filter row and a column's own header, the cards scroll within the screen. */
export const BOARD_BODY_HEIGHT = "calc(100dvh - 300px)";
export const stageDropId = (stageId: string) => `stage:${stageId}`;

interface BoardColumnProps extends CardActions {
  column: Column;
  /** The card ids in display order (during a drag: where the cards are right now). */
  dealIds: readonly string[];
  /** Any loaded deal by id (a stable function: the column re-renders when its own cards change). */
  getDeal: (id: string) => Deal | undefined;
  loadingMore: boolean;
  onLoadMore: (stageId: string, cursor: string) => void;
  onCreate: (stageId: string) => void;
  /** A lead from the lane is being dragged: the column shows that a drop converts it. */
  acceptsLead: boolean;
  density: BoardDensity;
  /** The card that holds the board's one tab stop (roving tabindex), if it is in this column. */
  tabbableId: string | null;
  /** The card being dragged, if any. */
  activeId: string | null;
}

/**
 * One stage: header with count and sums (the server's figures for the whole column, however few
 * cards are loaded), its cards in order (virtualised), and more cards as the column scrolls.
 * Memoised: during a drag only the columns whose card lists change render again.
 */
export const BoardColumn = memo(function BoardColumn(props: BoardColumnProps) {
  const { column, dealIds, getDeal, loadingMore, onLoadMore, onCreate, acceptsLead, onWon, onLost } = props;
  const { density, tabbableId, activeId } = props;
  const mayCreate = useCurrentUser().permissions.deal.create;
  const { t } = useTranslation();
  const format = useFormat();
  const { stage } = column;
  const { setNodeRef, isOver } = useDroppable({ id: stageDropId(stage.id), data: { type: "stage" } });
  const headingId = `board-stage-${stage.id}`;
  const hidden = column.count - column.deals.length;
  const cursor = column.nextCursor;
  // State, not a ref: the cards' virtualiser needs the element, and a ref is attached only after
  // the cards' own layout effects ran, so they render once more when it is there.
  const [body, setBody] = useState<HTMLDivElement | null>(null);
  const bodyRef = useCallback(
    (element: HTMLDivElement | null) => {
      setBody(element);
      setNodeRef(element);
    },
    [setNodeRef],
  );
  const loadNext = useCallback(() => {
    if (cursor && !loadingMore) onLoadMore(stage.id, cursor);
  }, [cursor, loadingMore, onLoadMore, stage.id]);

  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      withBorder
      radius="md"
      bg="var(--mantine-color-default-hover)"
      data-board-column
      style={{
        flex: `1 1 ${COLUMN_MIN_WIDTH}px`,
        minWidth: COLUMN_MIN_WIDTH,
        maxWidth: COLUMN_MAX_WIDTH,
        display: "flex",
        flexDirection: "column",
      }}
    >
      <Box px={8} py={6} style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }} align="flex-start">
            {/* A long stage name wraps onto a second line rather than being cut ("Angebot vers…"). */}
            <Title order={2} size="h6" id={headingId} lineClamp={2} style={{ overflowWrap: "anywhere" }}>
              {stage.name}
            </Title>
            <Badge
              variant="light"
              color="gray"
              size="sm"
              style={{ flexShrink: 0, minWidth: "max-content" }}
              aria-label={t("dealBoard.column.countLabel", {
                count: column.count,
                value: format.number(column.count),
              })}
            >
              {format.number(column.count)}
            </Badge>
          </Group>
          {mayCreate && (
            <Tooltip label={t("dealBoard.column.create", { stage: stage.name })} withArrow>
              <ActionIcon
                variant="subtle"
                size="sm"
                aria-label={t("dealBoard.column.create", { stage: stage.name })}
                onClick={() => onCreate(stage.id)}
              >
                <IconPlus size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
        <Text size="xs" c="dimmed" mt={2}>
          {t("dealBoard.column.sum", { value: formatSums(format, column.sum) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t("dealBoard.column.weighted", {
            value: formatSums(format, column.weightedSum),
            probability: stage.probability,
          })}
        </Text>
      </Box>
      <SortableContext
        id={stageDropId(stage.id)}
        items={dealIds as string[]}
        strategy={verticalListSortingStrategy}
      >
        <Stack
          ref={bodyRef}
          gap={density === "compact" ? 4 : 6}
          p={6}
          data-stage-id={stage.id}
          style={{
            flex: 1,
            minHeight: 120,
            maxHeight: BOARD_BODY_HEIGHT,
            overflowY: "auto",
            outline: isOver ? "2px dashed var(--mantine-primary-color-filled)" : undefined,
            outlineOffset: -4,
            borderRadius: "var(--mantine-radius-md)",
          }}
        >
          <ColumnCards
            scrollElement={body}
            dealIds={dealIds}
            getDeal={getDeal}
            stage={stage}
            medianDaysInStage={column.medianDaysInStage}
            format={format}
            onWon={onWon}
            onLost={onLost}
            density={density}
            tabbableId={tabbableId}
            activeId={activeId}
            onNearEnd={loadNext}
          />
          {dealIds.length === 0 && (
            <Text size="xs" c="dimmed" ta="center" py="lg">
              {acceptsLead ? t("dealBoard.column.dropLead") : t("dealBoard.column.empty")}
            </Text>
          )}
          {cursor && (
            <LoadMore
              label={t("dealBoard.column.loadMore", { count: hidden, value: format.number(hidden) })}
              loading={loadingMore}
              onLoad={loadNext}
            />
          )}
        </Stack>
      </SortableContext>
    </Paper>
  );
});

/** The next page of a column by hand (keyboard, or a click); scrolling loads it by itself. */
function LoadMore({ label, loading, onLoad }: { label: string; loading: boolean; onLoad: () => void }) {
  return (
    <Button variant="subtle" size="xs" loading={loading} onClick={onLoad} style={{ flexShrink: 0 }}>
      {label}
    </Button>
  );
}
