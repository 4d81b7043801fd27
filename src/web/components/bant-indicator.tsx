import { BANT_CRITERIA, type BantCriterion, type BantState } from "@domain/leads/bant";
import { Box, Group, Tooltip } from "@mantine/core";
import type { CSSProperties } from "react";
import { useTranslation } from "react-i18next";

export { BANT_CRITERIA };
export type BantCriterionKey = BantCriterion;
export type BantStateKey = BantState;

/** The part of a lead's (or deal's) BANT object the indicator reads. */
export type BantStates = Record<BantCriterionKey, { state: BantStateKey }>;

interface BantIndicatorProps {
  bant: BantStates;
  size?: "sm" | "md";
}

const SIZES = { sm: { box: 18, font: 10 }, md: { box: 24, font: 12 } } as const;

/**
 * Met, not met and unknown differ in shape as well as colour (filled, solid outline, dashed outline),
 * so the indicator reads without colour vision too.
 */
function segmentStyle(state: BantStateKey, size: number, font: number): CSSProperties {
  const base: CSSProperties = {
    width: size,
    height: size,
    borderRadius: 4,
    display: "inline-flex",
    alignItems: "center",
    justifyContent: "center",
    fontSize: font,
    fontWeight: 700,
    lineHeight: 1,
    borderWidth: 1,
  };
  switch (state) {
    case "met":
      return {
        ...base,
        background: "var(--mantine-color-teal-filled)",
        color: "var(--mantine-color-white)",
        borderStyle: "solid",
        borderColor: "var(--mantine-color-teal-filled)",
      };
    case "not_met":
      return {
        ...base,
        background: "var(--mantine-color-red-light)",
        color: "var(--mantine-color-red-light-color)",
        borderStyle: "solid",
        borderColor: "var(--mantine-color-red-light-color)",
      };
    case "unknown":
      return {
        ...base,
        background: "transparent",
        color: "var(--mantine-color-dimmed)",
        borderStyle: "dashed",
        borderColor: "var(--mantine-color-default-border)",
      };
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

/** Four segments B · A · N · T showing each BANT criterion as met, not met or unknown. */
export function BantIndicator({ bant, size = "sm" }: BantIndicatorProps) {
  const { t } = useTranslation();
  const { box, font } = SIZES[size];
  const lines = BANT_CRITERIA.map((criterion) =>
    t("bant.criterionState", {
      criterion: t(`bant.criterion.${criterion}`),
      state: t(`bant.state.${bant[criterion].state}`),
    }),
  );
  const label = t("bant.indicatorLabel", { details: lines.join(", ") });

  return (
    <Tooltip label={lines.map((line) => <div key={line}>{line}</div>)} withArrow>
      <Group gap={3} wrap="nowrap" role="img" aria-label={label} display="inline-flex">
        {BANT_CRITERIA.map((criterion) => (
          <Box key={criterion} aria-hidden style={segmentStyle(bant[criterion].state, box, font)}>
            {t(`bant.letter.${criterion}`)}
          </Box>
        ))}
      </Group>
    </Tooltip>
  );
}
