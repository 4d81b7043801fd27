import { HEALTH_FLAGS } from "@domain/reports/health";
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { type Formatters, useFormat } from "@web/i18n/use-format";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ChartPanel } from "./chart-panel";
import { PeriodPicker } from "./period-picker";
import { chartAmount, decimal, money, percent, useForecastTexts, useFunnelTexts } from "./report-format";
import {
  closedLink,
  forecastLink,
  funnelStepLink,
  healthLink,
  leadStatusLink,
  stageLink,
} from "./report-links";
import { isPeriodKind, periodDays } from "./report-period";
import { type Dashboard, useDashboard } from "./reports-api";

function Stat({ label, children, hint }: { label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Stack gap={4} mt={6}>
        {children}
      </Stack>
      {hint && (
        <Text size="xs" c="dimmed" mt={4}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** A big number that opens the records behind it. */
function Figure({ to, children, color }: { to: string; children: ReactNode; color?: string }) {
  return (
    <Anchor component={Link} to={to} fw={700} fz={26} c={color} underline="hover" lh={1.2}>
      {children}
    </Anchor>
  );
}

/** The start page (#18): the reader's own numbers, and the team's for admins and managers. */
export function DashboardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get("period");
  const kind = isPeriodKind(kindParam) ? kindParam : "month";
  const days = periodDays(kind, { from: params.get("from"), to: params.get("to") });
  const dashboard = useDashboard(days);
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("reports.dashboard.title")}
        actions={
          <PeriodPicker
            kind={kind}
            from={days.from}
            to={days.to}
            onChange={(next) =>
              setParams(
                next.kind === "custom"
                  ? { period: next.kind, from: next.from ?? days.from, to: next.to ?? days.to }
                  : { period: next.kind },
                { replace: true },
              )
            }
          />
        }
      />
      <QueryStates query={dashboard} />
      {dashboard.data && <DashboardBody data={dashboard.data} />}
    </Stack>
  );
}

function DashboardBody({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  const mine = { mine: true };
  const { period } = data;
  const openLeads = data.mine.openLeadsByStatus.reduce((n, s) => n + s.count, 0);
  return (
    <Stack gap="lg">
      <Title order={2} size="h4">
        {t("reports.dashboard.mine")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        <Stat label={t("reports.mine.openLeads")}>
          <Figure
            to={`/leads?mine=true&status=${data.mine.openLeadsByStatus.map((s) => s.status).join(",")}`}
          >
            {format.number(openLeads)}
          </Figure>
          <Group gap={6} wrap="wrap">
            {data.mine.openLeadsByStatus.map((s) => (
              <Badge
                key={s.status}
                component={Link}
                to={leadStatusLink(s.status, mine)}
                variant="light"
                style={{ cursor: "pointer" }}
              >
                {t(`leads.status.${s.status}`)}: {format.number(s.count)}
              </Badge>
            ))}
            {openLeads === 0 && (
              <Text size="sm" c="dimmed">
                {t("reports.mine.noOpenLeads")}
              </Text>
            )}
          </Group>
        </Stat>
        <Stat label={t("reports.mine.tasks")}>
          <Group gap="lg">
            <Stack gap={0}>
              <Figure to="/my-work" color={data.mine.tasks.overdue > 0 ? "red" : undefined}>
                {format.number(data.mine.tasks.overdue)}
              </Figure>
              <Text size="sm" c="dimmed">
                {t("reports.mine.overdue")}
              </Text>
            </Stack>
            <Stack gap={0}>
              <Figure to="/my-work">{format.number(data.mine.tasks.today)}</Figure>
              <Text size="sm" c="dimmed">
                {t("reports.mine.today")}
              </Text>
            </Stack>
          </Group>
        </Stat>
        <Stat
          label={t("reports.mine.won")}
          hint={
            <>
              {t("reports.mine.wonLastMonth")}:{" "}
              <Anchor
                component={Link}
                to={closedLink("won", data.previousPeriod.from, data.previousPeriod.to, mine)}
                size="xs"
                // Inside a sentence colour alone does not mark a link (axe link-in-text-block).
                underline="always"
              >
                {money(format, data.mine.wonLastMonth.sum)} ·{" "}
                {t("reports.mine.deals", { count: data.mine.wonLastMonth.count })}
              </Anchor>
            </>
          }
        >
          <Figure to={closedLink("won", period.from, period.to, mine)}>
            {money(format, data.mine.wonThisMonth.sum)}
          </Figure>
          <Text size="sm" c="dimmed">
            {t("reports.mine.deals", { count: data.mine.wonThisMonth.count })}{" "}
            {t("reports.mine.wonThisPeriod")}
          </Text>
        </Stat>
        <HealthStat label={t("reports.mine.health")} counts={data.mine.health} ownerId={me.id} />
      </SimpleGrid>
      <ChartPanel
        title={t("reports.mine.pipeline")}
        fileName="my-pipeline.csv"
        rows={data.mine.pipeline.stages}
        rowKey={(s) => s.stageId}
        rowLabel={(s) => s.name}
        rowHref={(s) => stageLink(data.mine.pipeline.pipelineId, s.stageId, mine)}
        valueFormatter={(v) => format.number(v)}
        columns={[
          { key: "stage", label: t("reports.pipeline.stage"), text: (s) => s.name },
          {
            key: "count",
            label: t("reports.pipeline.count"),
            text: (s) => format.number(s.count),
            numeric: true,
          },
          { key: "sum", label: t("reports.pipeline.sum"), text: (s) => money(format, s.sum), numeric: true },
          {
            key: "weighted",
            label: t("reports.pipeline.weighted"),
            text: (s) => money(format, s.weightedSum),
            numeric: true,
          },
        ]}
        series={[
          { key: "sum", label: t("reports.pipeline.sum"), color: "blue.3", value: (s) => chartAmount(s.sum) },
          {
            key: "weighted",
            label: t("reports.pipeline.weighted"),
            color: "blue.7",
            value: (s) => chartAmount(s.weightedSum),
          },
        ]}
      />
      {data.team && <TeamSection team={data.team} period={period} format={format} />}
    </Stack>
  );
}

function HealthStat({
  label,
  counts,
  ownerId,
}: {
  label: string;
  counts: Dashboard["mine"]["health"];
  ownerId?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const scope = { ownerId };
  return (
    <Stat label={label}>
      <Figure to={healthLink(null, scope)} color={counts.flagged > 0 ? "orange" : undefined}>
        {format.number(counts.flagged)}
      </Figure>
      <Stack gap={2}>
        {HEALTH_FLAGS.map((flag) => (
          <Anchor key={flag} component={Link} to={healthLink(flag, scope)} size="sm">
            {t(`reports.health.flag.${flag}`)}: {format.number(counts[flag])}
          </Anchor>
        ))}
      </Stack>
    </Stat>
  );
}

function TeamSection({
  team,
  period,
  format,
}: {
  team: NonNullable<Dashboard["team"]>;
  period: Dashboard["period"];
  format: Formatters;
}) {
  const { t } = useTranslation();
  const forecast = useForecastTexts();
  const funnelTexts = useFunnelTexts();
  const steps = team.funnel;
  return (
    <Stack gap="lg">
      <Title order={2} size="h4">
        {t("reports.dashboard.team")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Stat label={t("reports.team.winRate")}>
          <Figure to={closedLink("won", period.from, period.to)}>{percent(format, team.winRate)}</Figure>
        </Stat>
        <Stat label={t("reports.team.responseTime")}>
          <Text fw={700} fz={26} lh={1.2}>
            {team.leadResponseMedianHours === null
              ? "–"
              : t("reports.team.hours", { value: decimal(format, team.leadResponseMedianHours) })}
          </Text>
        </Stat>
        <HealthStat label={t("reports.health.title")} counts={team.health} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <ChartPanel
          title={t("reports.team.funnel")}
          fileName="funnel.csv"
          rows={steps}
          rowKey={(s) => s.step}
          rowLabel={(s) => t(`reports.steps.${s.step}`)}
          rowHref={(s) => funnelStepLink(s.step, period.from, period.to)}
          valueFormatter={(v) => format.number(v)}
          columns={funnelTexts.columns}
          series={funnelTexts.series}
        />
        <ChartPanel
          title={t("reports.team.forecast")}
          fileName="forecast.csv"
          rows={team.forecast}
          rowKey={(b) => b.key}
          rowLabel={(b) => forecast.label(b.key)}
          rowHref={(b) => forecastLink(b)}
          valueFormatter={(v) => format.number(v)}
          columns={forecast.columns}
          horizontal
          series={[
            {
              key: "weighted",
              label: t("reports.forecast.weighted"),
              color: "violet.6",
              value: (b) => chartAmount(b.weightedSum),
            },
          ]}
        />
      </SimpleGrid>
      <Paper withBorder radius="md" p="md">
        <Title order={3} size="h5" mb="sm">
          {t("reports.team.leaderboard")}
        </Title>
        <Table.ScrollContainer minWidth={420}>
          <Table striped aria-label={t("reports.team.leaderboard")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("reports.team.owner")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("reports.team.won")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("reports.team.wonValue")}</Table.Th>
                <Table.Th style={{ textAlign: "right" }}>{t("reports.team.open")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {team.leaderboard.map((row) => (
                <Table.Tr key={row.ownerId}>
                  <Table.Td>{row.name}</Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>
                    <Anchor
                      component={Link}
                      to={closedLink("won", period.from, period.to, { ownerId: row.ownerId })}
                      size="sm"
                    >
                      {format.number(row.wonCount)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>
                    {money(format, row.wonSum)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: "right" }}>
                    <Anchor component={Link} to={`/deals/list?ownerId=${row.ownerId}`} size="sm">
                      {format.number(row.openCount)}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
