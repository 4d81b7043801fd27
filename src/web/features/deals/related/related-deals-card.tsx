import { Anchor, Table, Text } from "@mantine/core";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { formatLeadMoney } from "@web/features/leads/lead-money";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DealStatusBadge } from "../deal-status-badge";
import { useRelatedDeals } from "../use-deals";
import { useStageLookup } from "../use-stage-lookup";

/** The deals a contact takes part in (any role on the deal), newest first, each linking to its page. */
export function RelatedDealsCard({ filter }: { filter: { contactId: string } }) {
  const { t } = useTranslation();
  const format = useFormat();
  const deals = useRelatedDeals(filter);
  const stages = useStageLookup();
  const rows = deals.data?.data ?? [];
  const none = t("common.notSet");

  return (
    <SectionCard title={t("deal.related.title")}>
      <QueryStates query={deals} compact isEmpty={rows.length === 0} emptyText={t("deal.related.empty")} />
      {rows.length > 0 && (
        <>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={4} horizontalSpacing={6} fz="sm" aria-label={t("deal.related.title")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("deal.fields.title")}</Table.Th>
                  <Table.Th>{t("deal.fields.stage")}</Table.Th>
                  <Table.Th ta="right">{t("deal.fields.amount")}</Table.Th>
                  <Table.Th>{t("deal.fields.status")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((deal) => (
                  <Table.Tr key={deal.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/deals/${deal.id}`} size="sm" fw={600}>
                        {deal.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{stages.get(deal.stageId)?.stage.name ?? none}</Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
                      {formatLeadMoney(format, deal.amount) ?? none}
                    </Table.Td>
                    <Table.Td>
                      <DealStatusBadge status={deal.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {deals.data?.nextCursor && (
            <Text size="xs" c="dimmed" mt="xs">
              {t("deal.related.more", { count: rows.length })}
            </Text>
          )}
        </>
      )}
    </SectionCard>
  );
}
