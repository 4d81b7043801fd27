import type { DraggableAttributes, DraggableSyntheticListeners } from "@dnd-kit/core";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { isOverdue, titleWithoutCompany } from "@domain/deals/card-attention";
import { ActionIcon, Anchor, Group, Menu, Paper, Stack, Text, VisuallyHidden } from "@mantine/core";
import type { Deal, Stage } from "@shared/schemas/deal";
import {
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
import { type KeyboardEvent, memo, type PointerEvent, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { BoardDensity } from "./board-density";
import { formatDealMoney, formatShortDate } from "./board-format";
import { CardAttention } from "./card-attention";
import classes from "./deal-card.module.css";

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
  density?: BoardDensity;
  /** The board's one tab stop (roving tabindex): only this card's controls are reached by Tab. */
  tabbable?: boolean;
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
  const {
    deal,
    stage,
    format,
    handle,
    lifted,
    onWon,
    onLost,
    medianDaysInStage = null,
    density = "comfortable",
    tabbable = true,
  } = props;
  const { t } = useTranslation();
  const amount = formatDealMoney(format, deal.amount);
  const bant = sourceBant(deal);
  const next = deal.nextActivity;
  const overdue = isOverdue(next?.at, new Date());
  const compact = density === "compact";
  const tabIndex = tabbable ? 0 : -1;
  // The company has its own line; the title does not say it a second time (#23 point 2).
  const title = titleWithoutCompany(deal.title, deal.companyName);
  const grip = (
    <ActionIcon
      ref={handle?.ref}
      variant="subtle"
      color="gray"
      size="sm"
      aria-label={t("dealBoard.card.move", { title: deal.title })}
      {...handle?.attributes}
      tabIndex={tabIndex}
      data-board-item={handle ? deal.id : undefined}
      onKeyDown={listener<KeyboardEvent<HTMLButtonElement>>(handle?.listeners, "onKeyDown")}
    >
      <IconGripVertical size={14} aria-hidden />
    </ActionIcon>
  );
  const titleLink = (
    <Anchor
      component={Link}
      to={`/deals/${deal.id}`}
      tabIndex={tabIndex}
      fw={600}
      size="sm"
      lineClamp={compact ? 1 : 2}
      title={compact ? deal.title : undefined}
      c="var(--mantine-color-text)"
      style={{ minWidth: 0 }}
    >
      {title}
    </Anchor>
  );
  const menu = <CardMenu deal={deal} onWon={onWon} onLost={onLost} tabIndex={tabIndex} />;
  // Compact: on the company line; comfortable: on the amount line, leaving the title its width.
  const attention = (
    <CardAttention
      deal={deal}
      stage={stage}
      medianDaysInStage={medianDaysInStage}
      format={format}
      tabbable={tabbable}
    />
  );

  return (
    <Paper
      component="article"
      aria-label={deal.title}
      data-density={density}
      withBorder
      radius="md"
      p={compact ? 6 : "xs"}
      shadow={lifted ? "lg" : "xs"}
    >
      {compact ? (
        <Group gap={4} wrap="nowrap" align="flex-start">
          {grip}
          <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
            <Group gap={6} wrap="nowrap" justify="space-between">
              {titleLink}
              <Text size="xs" fw={600} style={{ whiteSpace: "nowrap" }}>
                {amount ?? ""}
              </Text>
            </Group>
            <Group gap={4} wrap="nowrap">
              <Text size="xs" c="dimmed" truncate style={{ flex: 1 }}>
                {deal.companyName ?? ""}
              </Text>
              {next?.at && (
                <Text
                  size="xs"
                  className={overdue ? classes.overdue : undefined}
                  data-overdue={overdue || undefined}
                  c={overdue ? undefined : "dimmed"}
                  fw={overdue ? 600 : undefined}
                  title={next.subject}
                  style={{ whiteSpace: "nowrap" }}
                >
                  {formatShortDate(format, next.at)}
                </Text>
              )}
              {attention}
              {menu}
            </Group>
          </Stack>
        </Group>
      ) : (
        <Group gap={4} wrap="nowrap" align="flex-start">
          {grip}
          <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
            {titleLink}
            {deal.companyName && (
              <Text size="xs" c="dimmed" truncate>
                {deal.companyName}
              </Text>
            )}
          </Stack>
          {menu}
        </Group>
      )}

      {!compact && (
        <>
          <Group justify="space-between" gap="xs" mt={6} wrap="nowrap">
            <Text size="sm" fw={600}>
              {amount ?? (
                <Text span size="xs" c="dimmed">
                  {t("dealBoard.card.noAmount")}
                </Text>
              )}
            </Text>
            <Group gap={4} wrap="nowrap">
              {attention}
              {bant && <BantIndicator bant={bant} size="sm" />}
            </Group>
          </Group>

          <Group gap={6} mt={4} wrap="nowrap">
            <IconCalendarEvent size={14} aria-hidden style={{ flexShrink: 0 }} />
            {next ? (
              <Text size="xs" truncate title={next.subject}>
                {next.at && (
                  <Text
                    span
                    inherit
                    className={overdue ? classes.overdue : undefined}
                    data-overdue={overdue || undefined}
                    fw={overdue ? 600 : undefined}
                  >
                    {format.date(next.at)}
                    {overdue && <VisuallyHidden> ({t("dealBoard.card.overdue")})</VisuallyHidden>}
                  </Text>
                )}
                {next.at ? " · " : ""}
                {next.subject}
              </Text>
            ) : (
              <Text size="xs" c="dimmed">
                {t("dealBoard.card.noNextActivity")}
              </Text>
            )}
          </Group>

          <Group justify="space-between" gap="xs" mt={4} wrap="nowrap">
            <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
              <IconUser size={14} aria-hidden style={{ flexShrink: 0 }} />
              <Text size="xs" c="dimmed" truncate title={deal.ownerName ?? undefined}>
                {deal.ownerName ?? t("dealBoard.card.noOwner")}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
              {t("dealBoard.card.daysInStage", { count: deal.daysInStage })}
            </Text>
          </Group>
        </>
      )}
    </Paper>
  );
});

/** dnd-kit types its listeners as plain `Function`s; they are React event handlers of the named event. */
function listener<E>(
  listeners: Record<string, unknown> | undefined,
  name: string,
): ((event: E) => void) | undefined {
  const handler = listeners?.[name];
  return typeof handler === "function" ? (event: E) => handler(event) : undefined;
}

/**
 * The card's actions. Mantine's Menu (a Popover with its position hooks and outside-click
 * listeners) on every card was a large part of rendering and dropping on a big board (#21 point 3),
 * so the card shows a plain button and the menu mounts, open, on its first click.
 */
function CardMenu({ deal, onWon, onLost, tabIndex }: CardActions & { deal: Deal; tabIndex: number }) {
  const { t } = useTranslation();
  const [armed, setArmed] = useState(false);
  const label = t("dealBoard.card.actions", { title: deal.title });
  if (!armed) {
    return (
      <ActionIcon
        variant="subtle"
        color="gray"
        size="sm"
        tabIndex={tabIndex}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={false}
        onClick={() => setArmed(true)}
      >
        <IconDots size={14} aria-hidden />
      </ActionIcon>
    );
  }
  return (
    <Menu position="bottom-end" withinPortal defaultOpened>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="sm" tabIndex={tabIndex} aria-label={label}>
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
  density: BoardDensity;
  tabbable: boolean;
}

/**
 * A card that can be dragged with the pointer (from anywhere on it) or picked up from its handle with
 * the keyboard. The wrapper takes dnd-kit's per-frame transform; the card inside re-renders only
 * when its deal changes.
 */
export const SortableDealCard = memo(function SortableDealCard({
  deal,
  stage,
  format,
  onWon,
  onLost,
  medianDaysInStage = null,
  density,
  tabbable,
}: SortableDealCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: deal.id, data: { type: "deal" } });
  // dnd-kit hands out new listener functions when a drag starts or ends; the card reads the current
  // ones through a ref, so its (memoised) view does not render again for that on every card.
  const latestListeners = useRef(listeners);
  latestListeners.current = listeners;
  const stableListeners = useMemo(
    () => ({
      onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) =>
        listener<KeyboardEvent<HTMLButtonElement>>(latestListeners.current, "onKeyDown")?.(event),
    }),
    [],
  );
  const handle = useMemo(
    () => ({ attributes, listeners: stableListeners, ref: setActivatorNodeRef }),
    [attributes, stableListeners, setActivatorNodeRef],
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
        density={density}
        tabbable={tabbable}
      />
    </div>
  );
});
