import { Group, List, Stack, Text } from "@mantine/core";
import type { WinProbability } from "@shared/schemas/win-model";
import { IconTrendingDown, IconTrendingUp } from "@tabler/icons-react";
import { LeadCard } from "@web/features/leads/detail/lead-card";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { winFactorText } from "./win-factor-text";

/**
 * The learned win probability beside the rule score (#20 point 3) and what raised or lowered it.
 * Nothing while no model is published: then the rule score stands alone.
 */
export function LeadWinCard({ win }: { win: WinProbability | null | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!win) return null;
  const percent = format.number(win.probability, { style: "percent", maximumFractionDigits: 0 });
  const factors = (items: WinProbability["raising"], up: boolean) =>
    items.length > 0 && (
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          {up ? t("winModel.lead.raising") : t("winModel.lead.lowering")}
        </Text>
        <List
          size="sm"
          spacing={2}
          center
          icon={
            up ? (
              <IconTrendingUp size={16} color="var(--mantine-color-teal-text)" aria-hidden />
            ) : (
              <IconTrendingDown size={16} color="var(--mantine-color-red-text)" aria-hidden />
            )
          }
        >
          {items.map((factor) => (
            <List.Item key={factor.feature}>{winFactorText(t, factor)}</List.Item>
          ))}
        </List>
      </Stack>
    );
  return (
    <LeadCard title={t("winModel.lead.title")}>
      <Stack gap="sm">
        <Group gap="xs" align="baseline" wrap="nowrap">
          <Text
            fw={700}
            size="xl"
            style={{ fontVariantNumeric: "tabular-nums" }}
            aria-label={t("winModel.lead.label", { percent })}
          >
            {percent}
          </Text>
          <Text size="sm" c="dimmed">
            {t("winModel.lead.learned", { date: format.date(win.trainedAt) })}
          </Text>
        </Group>
        {factors(win.raising, true)}
        {factors(win.lowering, false)}
        {win.raising.length + win.lowering.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("winModel.lead.average")}
          </Text>
        )}
      </Stack>
    </LeadCard>
  );
}
