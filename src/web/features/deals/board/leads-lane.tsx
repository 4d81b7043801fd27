import { useDraggable } from "@dnd-kit/core";
import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { useLocalStorage } from "@mantine/hooks";
import { IconChevronLeft, IconChevronRight, IconGripVertical } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { BantIndicator } from "@web/components/bant-indicator";
import { type Lead, leadDisplayName } from "@web/features/leads/lead-model";
import { type LeadQuery, leadsApi } from "@web/features/leads/leads-api";
import { leadKeys } from "@web/features/leads/use-leads";
import { useFormat } from "@web/i18n/use-format";
import { type HTMLAttributes, type KeyboardEvent, memo, type PointerEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { BOARD_BODY_HEIGHT } from "./board-column";
import { formatDealMoney } from "./board-format";

/** Sales-qualified leads that are still being worked: the ones ready to become deals. */
export const LANE_QUERY: LeadQuery = {
  lifecycleStage: "sql",
  status: "new,assigned,in_process,recycled",
  sort: "-score",
};
const LANE_PAGE = 30;
export const LANE_WIDTH = 216;
export const leadDragId = (leadId: string) => `lead:${leadId}`;

export function useLaneLeads() {
  return useInfiniteQuery({
    queryKey: leadKeys.list(LANE_QUERY),
    queryFn: ({ pageParam, signal }) =>
      leadsApi.list({ ...LANE_QUERY, cursor: pageParam, limit: LANE_PAGE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

/**
 * The collapsible lane left of the stages: qualified leads to drag into a stage, which converts them
 * into a deal there (after a short confirm). Open or closed is remembered per browser. Memoised: a
 * drop on the board changes the board, not the lane.
 */
export const LeadsLane = memo(function LeadsLane({ tabbableId }: { tabbableId: string | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useLocalStorage({
    key: "leadwerk.board.leadsLane",
    defaultValue: true,
    getInitialValueInEffect: false,
  });
  const leads = useLaneLeads();
  const list = leads.data?.pages.flatMap((page) => page.data) ?? [];
  const headingId = "board-leads-lane";

  if (!open) {
    return (
      <Paper withBorder radius="md" p={4} style={{ flex: "0 0 auto" }}>
        <Tooltip label={t("dealBoard.lane.show")} withArrow>
          <ActionIcon
            variant="subtle"
            aria-label={t("dealBoard.lane.show")}
            aria-expanded={false}
            onClick={() => setOpen(true)}
          >
            <IconChevronRight size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Text size="xs" fw={600} mt="xs" style={{ writingMode: "vertical-rl" }}>
          {t("dealBoard.lane.title")} ({list.length}
          {leads.hasNextPage ? "+" : ""})
        </Text>
      </Paper>
    );
  }

  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      data-board-column
      withBorder
      radius="md"
      style={{ width: LANE_WIDTH, flex: `0 0 ${LANE_WIDTH}px`, display: "flex", flexDirection: "column" }}
      bg="var(--mantine-color-body)"
    >
      <Box p="xs" pb={6} style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Group gap={6} wrap="nowrap">
            <Title order={2} size="h6" id={headingId}>
              {t("dealBoard.lane.title")}
            </Title>
            {/* Never shortened beside the long German title ("2." for "25+", issue #15). */}
            <Badge
              variant="light"
              color="violet"
              size="sm"
              style={{ flexShrink: 0, minWidth: "max-content" }}
            >
              {list.length}
              {leads.hasNextPage ? "+" : ""}
            </Badge>
          </Group>
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={t("dealBoard.lane.hide")}
            aria-expanded
            onClick={() => setOpen(false)}
          >
            <IconChevronLeft size={16} aria-hidden />
          </ActionIcon>
        </Group>
        <Text size="xs" c="dimmed" mt={2}>
          {t("dealBoard.lane.hint")}
        </Text>
      </Box>
      <Stack gap={6} p={6} style={{ flex: 1, maxHeight: BOARD_BODY_HEIGHT, overflowY: "auto" }}>
        {leads.isSuccess && list.length === 0 && (
          <Text size="xs" c="dimmed" ta="center" py="lg">
            {t("dealBoard.lane.empty")}
          </Text>
        )}
        {list.map((lead) => (
          <LaneLeadCard key={lead.id} lead={lead} tabbable={leadDragId(lead.id) === tabbableId} />
        ))}
        {leads.hasNextPage && (
          <Button
            variant="subtle"
            size="xs"
            loading={leads.isFetchingNextPage}
            onClick={() => void leads.fetchNextPage()}
          >
            {t("common.loadMore")}
          </Button>
        )}
      </Stack>
    </Paper>
  );
});

export function LeadCardView({ lead, lifted }: { lead: Lead; lifted?: boolean }) {
  return <LeadCardBody lead={lead} lifted={lifted} />;
}

function LaneLeadCard({ lead, tabbable }: { lead: Lead; tabbable: boolean }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: leadDragId(lead.id),
    data: { type: "lead", lead },
  });
  const onKeyDown = listeners?.onKeyDown;
  const onPointerDown = listeners?.onPointerDown;
  return (
    <LeadCardBody
      lead={lead}
      nodeRef={setNodeRef}
      handleRef={setActivatorNodeRef}
      tabbable={tabbable}
      handleProps={{
        ...attributes,
        tabIndex: tabbable ? 0 : -1,
        onKeyDown: typeof onKeyDown === "function" ? (event: KeyboardEvent) => onKeyDown(event) : undefined,
      }}
      onPointerDown={
        typeof onPointerDown === "function" ? (event: PointerEvent) => onPointerDown(event) : undefined
      }
      faded={isDragging}
    />
  );
}

interface LeadCardBodyProps {
  lead: Lead;
  lifted?: boolean;
  faded?: boolean;
  nodeRef?: (element: HTMLElement | null) => void;
  handleRef?: (element: HTMLElement | null) => void;
  handleProps?: HTMLAttributes<HTMLButtonElement>;
  onPointerDown?: (event: PointerEvent) => void;
  /** The board's one tab stop (roving tabindex); cards in the drag overlay are never tabbable. */
  tabbable?: boolean;
}

function LeadCardBody({
  lead,
  lifted,
  faded,
  nodeRef,
  handleRef,
  handleProps,
  onPointerDown,
  tabbable = false,
}: LeadCardBodyProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = leadDisplayName(lead) || t("leads.unnamed");
  const value = formatDealMoney(format, lead.estimatedValue ?? null);
  return (
    <Paper
      ref={nodeRef}
      component="article"
      aria-label={name}
      withBorder
      radius="md"
      p="xs"
      shadow={lifted ? "lg" : "xs"}
      onPointerDown={onPointerDown}
      style={{
        cursor: "grab",
        opacity: faded ? 0.4 : undefined,
        borderLeft: "3px solid var(--mantine-color-violet-filled)",
      }}
    >
      <Group gap={4} wrap="nowrap" align="flex-start">
        <ActionIcon
          ref={handleRef}
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={t("dealBoard.lane.move", { name })}
          data-board-item={handleProps ? leadDragId(lead.id) : undefined}
          {...handleProps}
        >
          <IconGripVertical size={14} aria-hidden />
        </ActionIcon>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Anchor
            component={Link}
            to={`/leads/${lead.id}`}
            tabIndex={tabbable ? 0 : -1}
            fw={600}
            size="sm"
            lineClamp={2}
            c="var(--mantine-color-text)"
          >
            {name}
          </Anchor>
          {lead.companyName && lead.companyName !== name && (
            <Text size="xs" c="dimmed" truncate>
              {lead.companyName}
            </Text>
          )}
        </Stack>
      </Group>
      <Group justify="space-between" gap="xs" mt={6} wrap="nowrap">
        <Text size="xs" fw={600}>
          {value ?? ""}
        </Text>
        <BantIndicator bant={lead.bant} size="sm" />
      </Group>
    </Paper>
  );
}
