import { Anchor, Badge, Button, type MantineColor, SimpleGrid, Table, Text } from "@mantine/core";
import { DEAL_STATUSES } from "@shared/schemas/deal";
import { IconPlus } from "@tabler/icons-react";
import { SectionCard } from "@web/components/section-card";
import { formatLeadMoney } from "@web/features/leads/lead-money";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CompanyDeal, CompanyFile } from "../companies-api";

type DealStatus = CompanyDeal["status"];
const DEAL_COLORS: Record<DealStatus, MantineColor> = { open: "blue", won: "teal", lost: "gray" };

interface CompanyDealsCardProps {
  deals: CompanyDeal[];
  totals: CompanyFile["totals"]["deals"];
  onCreate: () => void;
}

/** The company's deals: count and sums per status, then the deals themselves. */
export function CompanyDealsCard({ deals, totals, onCreate }: CompanyDealsCardProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t("common.notSet");

  return (
    <SectionCard
      title={t("companies.detail.deals")}
      actions={
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={onCreate}
        >
          {t("companies.detail.newDeal")}
        </Button>
      }
    >
      <SimpleGrid cols={3} spacing="sm" mb={deals.length > 0 ? "sm" : 0}>
        {DEAL_STATUSES.map((status) => (
          <div key={status}>
            <Text size="xs" c="dimmed">
              {t(`companies.dealStatus.${status}`)}
            </Text>
            <Text fw={700} size="lg">
              {totals[status].count}
            </Text>
            <Text size="sm" c="dimmed" style={{ fontVariantNumeric: "tabular-nums" }}>
              {totals[status].sums.length > 0
                ? totals[status].sums.map((sum) => formatLeadMoney(format, sum)).join(" · ")
                : none}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {deals.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("companies.detail.noDeals")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={4} horizontalSpacing={6} fz="sm" aria-label={t("companies.detail.deals")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("companies.deal.title")}</Table.Th>
                <Table.Th>{t("companies.deal.stage")}</Table.Th>
                <Table.Th>{t("companies.deal.status")}</Table.Th>
                <Table.Th ta="right">{t("companies.deal.amount")}</Table.Th>
                <Table.Th>{t("companies.deal.expectedClose")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deals.map((deal) => (
                <Table.Tr key={deal.id}>
                  <Table.Td fw={600}>
                    <Anchor component={Link} to={`/deals/${deal.id}`} size="sm" fw={600}>
                      {deal.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{deal.stageName}</Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      size="sm"
                      tt="none"
                      color={DEAL_COLORS[deal.status]}
                      // Never cut to "Gewon…" in the narrow column (issue #15).
                      style={{ flexShrink: 0, minWidth: "max-content" }}
                    >
                      {t(`companies.dealStatus.${deal.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums" }}>
                    {formatLeadMoney(format, deal.amount) ?? none}
                  </Table.Td>
                  <Table.Td>{deal.expectedCloseDate ? format.date(deal.expectedCloseDate) : none}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
