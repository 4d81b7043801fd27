import { type AttentionReason, attentionReasons } from "@domain/deals/card-attention";
import { List, Text, Tooltip, UnstyledButton } from "@mantine/core";
import type { Deal, Stage } from "@shared/schemas/deal";
import { IconAlertCircle } from "@tabler/icons-react";
import type { Formatters } from "@web/i18n/use-format";
import dayjs from "dayjs";
import type { TFunction } from "i18next";
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
 * and on keyboard focus, lists every reason; nothing when the deal is fine.
 */
export function CardAttention(props: CardAttentionProps) {
  const { deal, tabbable } = props;
  const { t } = useTranslation();
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
  return (
    <Tooltip
      withArrow
      multiline
      maw={260}
      events={{ hover: true, focus: true, touch: true }}
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
      <UnstyledButton
        className={classes.attention}
        style={{ display: "flex", padding: 3, borderRadius: "var(--mantine-radius-sm)" }}
        tabIndex={tabbable ? 0 : -1}
        aria-label={`${t("dealBoard.attention.title")}: ${texts.join("; ")}`}
      >
        <IconAlertCircle size={16} aria-hidden />
      </UnstyledButton>
    </Tooltip>
  );
}
