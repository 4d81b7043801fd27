import { weightedAmount } from "@domain/deals/probability";
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
  // A closed deal is certain (won 100 %, lost 0 %) and leaves the forecast, which says so.
  const closed = deal.status !== "open";
  const weighted = formatDealMoney(format, weightedAmount(deal));
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
      <Figure label={t("deal.fields.amount")} value={formatDealMoney(format, deal.amount) ?? none} />
      <Figure
        label={t("deal.fields.probability")}
        value={`${deal.probability} %`}
        hint={
          deal.status === "won"
            ? t("deal.detail.probabilityClosed.won")
            : deal.status === "lost"
              ? t("deal.detail.probabilityClosed.lost")
              : deal.probabilityOverride === null
                ? t("deal.detail.fromStage")
                : t("deal.detail.overridden")
        }
      />
      <Figure
        label={t("deal.columns.weighted")}
        value={weighted ?? none}
        hint={closed ? t("deal.detail.notInForecast") : undefined}
      />
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
