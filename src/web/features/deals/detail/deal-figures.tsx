import { Paper, SimpleGrid, Text } from "@mantine/core";
import { useFormat } from "@web/i18n/use-format";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDealMoney } from "../board/board-format";
import { useDealEditor } from "./deal-editor-context";

function Figure({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <Paper withBorder radius="md" px="md" py="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={700} mt={2}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** The numbers of a deal at a glance: amount, probability, weighted amount, expected close, time in stage. */
export function DealFigures() {
  const { t } = useTranslation();
  const format = useFormat();
  const { deal } = useDealEditor();
  const none = t("common.notSet");
  const weighted = deal.amount
    ? formatDealMoney(format, {
        amount: ((Number(deal.amount.amount) * deal.probability) / 100).toFixed(2),
        currency: deal.amount.currency,
      })
    : null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
      <Figure label={t("deal.fields.amount")} value={formatDealMoney(format, deal.amount) ?? none} />
      <Figure
        label={t("deal.fields.probability")}
        value={`${deal.probability} %`}
        hint={deal.probabilityOverride === null ? t("deal.detail.fromStage") : t("deal.detail.overridden")}
      />
      <Figure label={t("deal.columns.weighted")} value={weighted ?? none} />
      <Figure
        label={t("deal.fields.expectedCloseDate")}
        value={deal.expectedCloseDate ? format.date(deal.expectedCloseDate) : none}
      />
      <Figure
        label={t("deal.columns.daysInStage")}
        value={deal.status === "open" ? t("deal.detail.days", { count: deal.daysInStage }) : none}
      />
    </SimpleGrid>
  );
}
