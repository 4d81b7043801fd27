import type { DraggableAttributes, DraggableSyntheticListeners } from "@dnd-kit/core";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { healthFlags } from "@domain/reports/health";
import { ActionIcon, Anchor, Badge, Group, Menu, Paper, Stack, Text, Tooltip } from "@mantine/core";
import type { Deal, Stage } from "@shared/schemas/deal";
import {
  IconAlertTriangle,
  IconCalendarEvent,
  IconDots,
  IconExternalLink,
  IconGripVertical,
  IconThumbDown,
  IconTrophy,
  IconUser,
} from "@tabler/icons-react";
import { BantIndicator, type BantStates } from "@web/components/bant-indicator";
import type { Formatters } from "@web/i18n/use-format";
import dayjs from "dayjs";
import { type KeyboardEvent, memo, type PointerEvent, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDealMoney } from "./board-format";

export interface CardActions {
  onWon: (deal: Deal) => void;
  onLost: (deal: Deal) => void;
}

interface DealCardViewProps extends CardActions {
  deal: Deal;
  stage: Stage | undefined;
  /** The stage's usual stay in days (the board column's), for the "stuck" flag. */
  medianDaysInStage?: number | null;
  /** The user's formats, made once per column rather than once per card. */
  format: Formatters;
  /** dnd-kit's handle props (stable between renders, so the memoised card skips re-rendering during drags). */
  handle?: {
    attributes: DraggableAttributes;
    listeners: DraggableSyntheticListeners;
    ref: (element: HTMLElement | null) => void;
  };
  lifted?: boolean;
}

function sourceBant(deal: Deal): BantStates | null {
  const bant = deal.sourceLeadBant;
  if (!bant) return null;
  return {
    budget: { state: bant.budget },
    authority: { state: bant.authority },
    need: { state: bant.need },
    timeline: { state: bant.timeline },
  };
}

/** One deal on the board: what a rep needs to decide the next step without opening it. */
export const DealCardView = memo(function DealCardView(props: DealCardViewProps) {
  const { deal, stage, format, handle, lifted, onWon, onLost, medianDaysInStage = null } = props;
  const { t } = useTranslation();
  const amount = formatDealMoney(format, deal.amount);
  const bant = sourceBant(deal);
  const next = deal.nextActivity;

  return (
    <Paper
      component="article"
      aria-label={deal.title}
      withBorder
      radius="md"
      p="xs"
      shadow={lifted ? "lg" : "xs"}
      style={{
        borderLeft: deal.rotting ? "3px solid var(--mantine-color-red-filled)" : undefined,
      }}
    >
      <Group gap={4} wrap="nowrap" align="flex-start">
        <ActionIcon
          ref={handle?.ref}
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={t("dealBoard.card.move", { title: deal.title })}
          {...handle?.attributes}
          onKeyDown={listener<KeyboardEvent<HTMLButtonElement>>(handle?.listeners, "onKeyDown")}
        >
          <IconGripVertical size={14} aria-hidden />
        </ActionIcon>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Anchor
            component={Link}
            to={`/deals/${deal.id}`}
            fw={600}
            size="sm"
            lineClamp={2}
            c="var(--mantine-color-text)"
          >
            {deal.title}
          </Anchor>
          {deal.companyName && (
            <Text size="xs" c="dimmed" truncate>
              {deal.companyName}
            </Text>
          )}
        </Stack>
        <CardMenu deal={deal} onWon={onWon} onLost={onLost} />
      </Group>

      <Group justify="space-between" gap="xs" mt={6} wrap="nowrap">
        <Text size="sm" fw={600}>
          {amount ?? (
            <Text span size="xs" c="dimmed">
              {t("dealBoard.card.noAmount")}
            </Text>
          )}
        </Text>
        {bant && <BantIndicator bant={bant} size="sm" />}
      </Group>

      <Group gap={6} mt={4} wrap="nowrap">
        <IconCalendarEvent size={14} aria-hidden style={{ flexShrink: 0 }} />
        {next ? (
          <Text size="xs" truncate title={next.subject}>
            {next.at ? `${format.date(next.at)} · ` : ""}
            {next.subject}
          </Text>
        ) : (
          <Text size="xs" c="orange">
            {t("dealBoard.card.noNextActivity")}
          </Text>
        )}
      </Group>

      <Group justify="space-between" gap="xs" mt={4} wrap="nowrap">
        <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
          <IconUser size={14} aria-hidden style={{ flexShrink: 0 }} />
          <Text size="xs" c="dimmed" truncate>
            {deal.ownerName ?? t("dealBoard.card.noOwner")}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
          {t("dealBoard.card.daysInStage", { count: deal.daysInStage })}
        </Text>
      </Group>

      <HealthBadges deal={deal} medianDaysInStage={medianDaysInStage} format={format} />
      {deal.rotting && (
        <Tooltip label={t("dealBoard.card.rottingHint", { count: stage?.rottingDays ?? 0 })} withArrow>
          <Badge
            mt={6}
            color="red"
            variant="light"
            size="sm"
            leftSection={<IconAlertTriangle size={12} aria-hidden />}
          >
            {t("dealBoard.card.rotting")}
          </Badge>
        </Tooltip>
      )}
    </Paper>
  );
});

/**
 * Pipeline health (#18): a passed expected close date and a stay past 1.5× the stage's usual one.
 * (A missing next activity already shows in the card's activity line.)
 */
function HealthBadges({
  deal,
  medianDaysInStage,
  format,
}: {
  deal: Deal;
  medianDaysInStage: number | null;
  format: Formatters;
}) {
  const { t } = useTranslation();
  const flags = healthFlags({
    status: deal.status,
    hasOpenActivity: deal.nextActivity !== null,
    expectedCloseDate: deal.expectedCloseDate,
    today: dayjs().format("YYYY-MM-DD"),
    daysInStage: deal.daysInStage,
    medianDaysInStage,
  }).filter((flag) => flag !== "no_next_activity");
  if (flags.length === 0) return null;
  return (
    <Group gap={4} mt={6}>
      {flags.map((flag) => (
        <Tooltip
          key={flag}
          withArrow
          label={
            flag === "stuck"
              ? t("reports.health.usual", {
                  median: format.number(medianDaysInStage ?? 0, { maximumFractionDigits: 1 }),
                })
              : deal.expectedCloseDate
                ? format.date(deal.expectedCloseDate)
                : ""
          }
        >
          <Badge color={flag === "stuck" ? "orange" : "red"} variant="light" size="sm">
            {t(`reports.health.flag.${flag}`)}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

/** dnd-kit types its listeners as plain `Function`s; they are React event handlers of the named event. */
function listener<E>(
  listeners: Record<string, unknown> | undefined,
  name: string,
): ((event: E) => void) | undefined {
  const handler = listeners?.[name];
  return typeof handler === "function" ? (event: E) => handler(event) : undefined;
}

function CardMenu({ deal, onWon, onLost }: CardActions & { deal: Deal }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={t("dealBoard.card.actions", { title: deal.title })}
        >
          <IconDots size={14} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          component={Link}
          to={`/deals/${deal.id}`}
          leftSection={<IconExternalLink size={14} aria-hidden />}
        >
          {t("dealBoard.card.open")}
        </Menu.Item>
        <Menu.Item
          color="teal"
          leftSection={<IconTrophy size={14} aria-hidden />}
          onClick={() => onWon(deal)}
        >
          {t("dealOutcome.markWon")}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconThumbDown size={14} aria-hidden />}
          onClick={() => onLost(deal)}
        >
          {t("dealOutcome.markLost")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

interface SortableDealCardProps extends CardActions {
  deal: Deal;
  stage: Stage | undefined;
  format: Formatters;
  medianDaysInStage?: number | null;
}

/**
 * A card that can be dragged with the pointer (from anywhere on it) or picked up from its handle with
 * the keyboard. The wrapper takes dnd-kit's per-frame transform; the card inside re-renders only
 * when its deal changes.
 */
export function SortableDealCard({
  deal,
  stage,
  format,
  onWon,
  onLost,
  medianDaysInStage = null,
}: SortableDealCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: deal.id, data: { type: "deal" } });
  const handle = useMemo(
    () => ({ attributes, listeners, ref: setActivatorNodeRef }),
    [attributes, listeners, setActivatorNodeRef],
  );
  return (
    <div
      ref={setNodeRef}
      onPointerDown={listener<PointerEvent<HTMLDivElement>>(listeners, "onPointerDown")}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        opacity: isDragging ? 0.4 : undefined,
        cursor: "grab",
        touchAction: "manipulation",
      }}
    >
      <DealCardView
        deal={deal}
        stage={stage}
        format={format}
        onWon={onWon}
        onLost={onLost}
        handle={handle}
        medianDaysInStage={medianDaysInStage}
      />
    </div>
  );
}
