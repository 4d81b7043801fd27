import { Group, Stack, Text } from "@mantine/core";
import type { Totals } from "@shared/schemas/quote";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";

/** Net, VAT per rate and gross as the server computed them. */
export function QuoteTotalsBox({ totals }: { totals: Totals | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!totals) return null;
  const money = (m: { amount: string; currency: string }) =>
    format.money({ amount: Number(m.amount), currency: m.currency });
  const row = (label: string, value: string, bold = false, testId?: string) => (
    <Group justify="space-between" gap="xl">
      <Text size="sm" fw={bold ? 700 : undefined}>
        {label}
      </Text>
      <Text size="sm" fw={bold ? 700 : undefined} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Stack gap={2} ml="auto" w={300} aria-label={t("quotes.totals.title")}>
      {row(t("quotes.totals.net"), money(totals.net), false, "total-net")}
      {totals.vat.map((v) => (
        <div key={v.rate}>
          {row(t("quotes.totals.vat", { rate: format.number(Number(v.rate)) }), money(v.amount))}
        </div>
      ))}
      {row(t("quotes.totals.gross"), money(totals.gross), true, "total-gross")}
    </Stack>
  );
}
