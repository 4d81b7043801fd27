import { Badge, type BadgeProps, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type LeadStatus, LIFECYCLE_COLORS, type LifecycleStage, STATUS_COLORS } from "./lead-model";

type Size = BadgeProps["size"];

interface BadgeOptions {
  size?: Size;
  /** Never shortened, e.g. in a table column that would otherwise squeeze it. */
  fit?: boolean;
}

const fitStyle = (fit?: boolean) => ({ flexShrink: 0, minWidth: fit ? "max-content" : undefined });

export function LeadStatusBadge({ status, size = "sm", fit }: BadgeOptions & { status: LeadStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} size={size} tt="none" style={fitStyle(fit)}>
      {t(`leads.status.${status}`)}
    </Badge>
  );
}

/** The short stage name (MQL) with the spelled-out one for the curious and for screen readers. */
export function LifecycleBadge({ stage, size = "sm", fit }: BadgeOptions & { stage: LifecycleStage }) {
  const { t } = useTranslation();
  const name = t(`leads.lifecycleName.${stage}`);
  return (
    <Tooltip label={name} withArrow>
      <Badge
        variant="outline"
        color={LIFECYCLE_COLORS[stage]}
        size={size}
        aria-label={`${t(`leads.lifecycle.${stage}`)} (${name})`}
        style={fitStyle(fit)}
      >
        {t(`leads.lifecycle.${stage}`)}
      </Badge>
    </Tooltip>
  );
}

export const scoreColor = (score: number) => (score >= 70 ? "teal" : score >= 40 ? "yellow" : "gray");

export function ScoreBadge({ score, size = "sm" }: { score: number; size?: Size }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={scoreColor(score)}
      size={size}
      radius="sm"
      aria-label={t("leads.score.label", { score })}
      style={{ fontVariantNumeric: "tabular-nums" }}
    >
      {score}
    </Badge>
  );
}
