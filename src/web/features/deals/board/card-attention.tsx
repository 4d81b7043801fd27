import { type AttentionReason, attentionReasons } from "@domain/deals/card-attention";
import { List, Text, Tooltip, UnstyledButton } from "@mantine/core";
import type { Deal, Stage } from "@shared/schemas/deal";
import { IconAlertCircle } from "@tabler/icons-react";
import type { Formatters } from "@web/i18n/use-format";
import dayjs from "dayjs";
import type { TFunction } from "i18next";
import { useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import classes from "./deal-card.module.css";

interface CardAttentionProps {
  deal: Deal;
  stage: Stage | undefined;
  medianDaysInStage: number | null;
  format: Formatters;
  /** Part of the board's one tab stop: only the card that has it is reachable by Tab. */
  tabbable: boolean;
}

function reasonText(
  t: TFunction,
  reason: AttentionReason,
  { deal, stage, medianDaysInStage, format }: Omit<CardAttentionProps, "tabbable">,
): string {
  switch (reason) {
    case "overdue_activity":
      return t("dealBoard.attention.overdue_activity", {
        date: deal.nextActivity?.at ? format.dateTime(deal.nextActivity.at) : "",
      });
    case "no_next_activity":
      return t("dealBoard.attention.no_next_activity");
    case "rotting":
      return t("dealBoard.card.rottingHint", { count: stage?.rottingDays ?? 0 });
    case "close_date_passed":
      return t("dealBoard.attention.close_date_passed", {
        date: deal.expectedCloseDate ? format.date(deal.expectedCloseDate) : "",
      });
    case "stuck":
      return t("dealBoard.attention.stuck", {
        count: deal.daysInStage,
        median: format.number(medianDaysInStage ?? 0, { maximumFractionDigits: 1 }),
      });
    default: {
      const unknown: never = reason;
      return unknown;
    }
  }
}

/**
 * The card's one quiet "needs attention" signal (#23 point 2): an amber icon whose tooltip, on hover
 * and on keyboard focus, lists every reason; nothing when the deal is fine. Mantine's Tooltip (its
 * floating-position and interaction hooks) mounts only when the pointer or the focus first comes to
 * the icon: on a big board most cards carry the signal, and a tooltip each slowed every render
 * (#21 point 3).
 */
export function CardAttention(props: CardAttentionProps) {
  const { deal, tabbable } = props;
  const { t } = useTranslation();
  // Whether the tooltip is mounted yet, and whether it shows (on hover and on focus, as Mantine's own).
  const [armed, setArmed] = useState(false);
  const [opened, setOpened] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  // Mounting the tooltip puts a new button in place of the focused one: it takes the focus over.
  useLayoutEffect(() => {
    if (armed && refocus.current) {
      refocus.current = false;
      button.current?.focus();
    }
  }, [armed]);
  const show = (byFocus: boolean) => {
    if (!armed) refocus.current = byFocus;
    setArmed(true);
    setOpened(true);
  };
  const reasons = attentionReasons({
    status: deal.status,
    rotting: deal.rotting,
    nextActivityAt: deal.nextActivity ? deal.nextActivity.at : undefined,
    expectedCloseDate: deal.expectedCloseDate,
    today: dayjs().format("YYYY-MM-DD"),
    daysInStage: deal.daysInStage,
    medianDaysInStage: props.medianDaysInStage,
    now: new Date(),
  });
  if (reasons.length === 0) return null;
  const texts = reasons.map((reason) => reasonText(t, reason, props));
  const signal = (
    <UnstyledButton
      ref={button}
      className={classes.attention}
      style={{ display: "flex", padding: 3, borderRadius: "var(--mantine-radius-sm)" }}
      tabIndex={tabbable ? 0 : -1}
      aria-label={`${t("dealBoard.attention.title")}: ${texts.join("; ")}`}
      onPointerEnter={() => show(false)}
      onPointerLeave={() => setOpened(false)}
      onFocus={() => show(true)}
      onBlur={() => setOpened(false)}
    >
      <IconAlertCircle size={16} aria-hidden />
    </UnstyledButton>
  );
  if (!armed) return signal;
  return (
    <Tooltip
      withArrow
      multiline
      maw={260}
      opened={opened}
      label={
        <>
          <Text size="xs" fw={600}>
            {t("dealBoard.attention.title")}
          </Text>
          <List size="xs" c="inherit">
            {texts.map((text) => (
              <List.Item key={text}>{text}</List.Item>
            ))}
          </List>
        </>
      }
    >
      {signal}
    </Tooltip>
  );
}
