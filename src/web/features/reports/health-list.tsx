import { HEALTH_FLAGS } from "@domain/reports/health";
import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { QueryStates } from "@web/components/query-states";
import { formatDealMoney } from "@web/features/deals/board/board-format";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { decimal } from "./report-format";
import { type ReportFilters, useHealth } from "./reports-api";

const FLAG_COLORS = { no_next_activity: "yellow", close_date_passed: "red", stuck: "orange" } as const;

/** The "needs attention" list: open deals with a health flag, each one click from the deal. */
export function HealthList({
  filters,
  flag,
  onFlag,
}: {
  filters: ReportFilters;
  flag: string | null;
  onFlag: (flag: string | null) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const health = useHealth(filters, flag ?? undefined);
  const first = health.data?.pages[0];
  const deals = health.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={3} size="h5">
          {t("reports.health.title")}
          {first ? ` (${format.number(first.counts.flagged)})` : ""}
        </Title>
        <SegmentedControl
          size="xs"
          aria-label={t("reports.health.flags")}
          value={flag ?? "all"}
          onChange={(value) => onFlag(value === "all" ? null : value)}
          data={[
            { value: "all", label: t("reports.health.all") },
            ...HEALTH_FLAGS.map((f) => ({
              value: f,
              label: `${t(`reports.health.flag.${f}`)}${first ? ` (${format.number(first.counts[f])})` : ""}`,
            })),
          ]}
        />
      </Group>
      <QueryStates
        query={health}
        isEmpty={deals.length === 0}
        emptyText={t("reports.health.empty")}
        compact
      />
      {deals.length > 0 && (
        <Stack gap="sm">
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover aria-label={t("reports.health.title")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("reports.health.deal")}</Table.Th>
                  <Table.Th>{t("reports.health.stage")}</Table.Th>
                  <Table.Th>{t("reports.health.owner")}</Table.Th>
                  <Table.Th style={{ textAlign: "right" }}>{t("reports.health.amount")}</Table.Th>
                  <Table.Th>{t("reports.health.close")}</Table.Th>
                  <Table.Th>{t("reports.health.inStage")}</Table.Th>
                  <Table.Th>{t("reports.health.flags")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {deals.map((deal) => (
                  <Table.Tr key={deal.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/deals/${deal.id}`} size="sm">
                        {deal.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{deal.stageName}</Table.Td>
                    <Table.Td>{deal.ownerName ?? "–"}</Table.Td>
                    <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>
                      {formatDealMoney(format, deal.amount) ?? "–"}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {deal.expectedCloseDate ? format.date(deal.expectedCloseDate) : "–"}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {t("reports.health.days", { days: format.number(deal.daysInStage) })}
                      {deal.medianDaysInStage !== null && (
                        <Text span size="xs" c="dimmed">
                          {" "}
                          ({t("reports.health.usual", { median: decimal(format, deal.medianDaysInStage) })})
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="wrap">
                        {deal.flags.map((f) => (
                          <Badge key={f} color={FLAG_COLORS[f]} variant="light" size="sm">
                            {t(`reports.health.flag.${f}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {health.hasNextPage && (
            <Group justify="center">
              <Button
                variant="light"
                loading={health.isFetchingNextPage}
                onClick={() => void health.fetchNextPage()}
              >
                {t("reports.health.more")}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Paper>
  );
}
