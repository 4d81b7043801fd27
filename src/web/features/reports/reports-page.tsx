import { Paper, Select, SimpleGrid, Stack, Tabs, Text } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import type { ForecastReport, FunnelReport } from "@shared/schemas/report";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useFormat } from "@web/i18n/use-format";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ChartPanel } from "./chart-panel";
import { HealthList } from "./health-list";
import { PeriodPicker } from "./period-picker";
import {
  chartAmount,
  decimal,
  money,
  monthLabel,
  percent,
  useForecastTexts,
  useFunnelTexts,
} from "./report-format";
import { closedLink, forecastLink, funnelStepLink, stageLink } from "./report-links";
import { isPeriodKind, periodDays } from "./report-period";
import { type ReportFilters, useForecast, useFunnel, usePipelineReport } from "./reports-api";

const TABS = ["funnel", "pipeline", "forecast", "health"] as const;
type Tab = (typeof TABS)[number];
const GROUPS = ["month", "quarter", "year", "source", "owner", "team"] as const;

function Kpi({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} fz={22} mt={4}>
        {children}
      </Text>
    </Paper>
  );
}

/** Reports (#18): funnel with cohorts, pipeline, forecast and the deals that need attention. */
export function ReportsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get("tab");
  const tab: Tab = TABS.find((x) => x === tabParam) ?? "funnel";
  const kindParam = params.get("period");
  const kind = isPeriodKind(kindParam) ? kindParam : "last12";
  const days = periodDays(kind, { from: params.get("from"), to: params.get("to") });
  const filters: ReportFilters = { ...days, ownerId: params.get("ownerId") ?? undefined };
  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };
  return (
    <Stack gap="md">
      <PageHeader
        title={t("nav.reports")}
        actions={
          tab === "funnel" || tab === "pipeline" ? (
            <PeriodPicker
              kind={kind}
              from={days.from}
              to={days.to}
              onChange={(next) =>
                update({
                  period: next.kind,
                  from: next.kind === "custom" ? (next.from ?? days.from) : null,
                  to: next.kind === "custom" ? (next.to ?? days.to) : null,
                })
              }
            />
          ) : undefined
        }
      />
      <Tabs value={tab} onChange={(value) => update({ tab: value })} keepMounted={false}>
        <Tabs.List aria-label={t("reports.tabs.label")} mb="md">
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`reports.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="funnel">
          <FunnelTab
            filters={filters}
            groupBy={params.get("groupBy") ?? "month"}
            onGroup={(g) => update({ groupBy: g })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="pipeline">
          <PipelineTab filters={filters} />
        </Tabs.Panel>
        <Tabs.Panel value="forecast">
          <ForecastTab filters={filters} />
        </Tabs.Panel>
        <Tabs.Panel value="health">
          <HealthList filters={filters} flag={params.get("flag")} onFlag={(flag) => update({ flag })} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function FunnelTab({
  filters,
  groupBy,
  onGroup,
}: {
  filters: ReportFilters;
  groupBy: string;
  onGroup: (group: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const funnelTexts = useFunnelTexts(true);
  const funnel = useFunnel(filters, groupBy);
  const data = funnel.data;
  const from = filters.from ?? "";
  const to = filters.to ?? "";
  const scope = { ownerId: filters.ownerId };
  type Group = FunnelReport["groups"][number];
  const groupLabel = (g: Group) => {
    if (g.key === null) return t("reports.funnel.none");
    if (groupBy === "source") return t(`leads.source.${g.key}` as "leads.source.manual");
    return g.label ?? g.key;
  };
  return (
    <Stack gap="md">
      <QueryStates query={funnel} />
      {data && (
        <>
          <ChartPanel
            title={t("reports.funnel.title")}
            fileName="funnel.csv"
            rows={data.steps}
            rowKey={(s) => s.step}
            rowLabel={(s) => t(`reports.steps.${s.step}`)}
            rowHref={(s) => funnelStepLink(s.step, from, to, scope)}
            valueFormatter={(v) => format.number(v)}
            columns={funnelTexts.columns}
            series={funnelTexts.series}
          />
          <ChartPanel
            title={t("reports.funnel.cohorts")}
            fileName={`funnel-${groupBy}.csv`}
            rows={data.groups}
            rowKey={(g) => g.key ?? "none"}
            rowLabel={groupLabel}
            valueFormatter={(v) => format.number(v)}
            extra={
              <Select
                size="xs"
                w={150}
                aria-label={t("reports.funnel.groupBy")}
                value={groupBy}
                allowDeselect={false}
                data={GROUPS.map((g) => ({ value: g, label: t(`reports.funnel.group.${g}`) }))}
                onChange={(value) => value && onGroup(value)}
              />
            }
            columns={[
              { key: "group", label: t(`reports.funnel.group.${data.groupBy}`), text: groupLabel },
              ...(["mal", "mql", "sal", "sql", "converted", "won"] as const).map((step) => ({
                key: step,
                label: t(`reports.steps.${step}`),
                text: (g: Group) => format.number(g.counts[step]),
                numeric: true,
              })),
            ]}
            series={(["mal", "sql", "won"] as const).map((step, i) => ({
              key: step,
              label: t(`reports.steps.${step}`),
              color: ["teal.3", "teal.6", "teal.9"][i] ?? "teal.6",
              value: (g: Group) => g.counts[step],
            }))}
          />
        </>
      )}
    </Stack>
  );
}

function PipelineTab({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation();
  const format = useFormat();
  const report = usePipelineReport(filters);
  const data = report.data;
  const from = filters.from ?? "";
  const to = filters.to ?? "";
  const scope = { ownerId: filters.ownerId };
  return (
    <Stack gap="md">
      <QueryStates query={report} />
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
            <Kpi label={t("reports.pipeline.winRate")}>{percent(format, data.winRate)}</Kpi>
            <Kpi label={t("reports.pipeline.won")}>{money(format, data.won.sum)}</Kpi>
            <Kpi label={t("reports.pipeline.averageDealSize")}>{money(format, data.averageDealSize)}</Kpi>
            <Kpi label={t("reports.pipeline.cycle")}>
              {data.salesCycleMedianDays === null
                ? "–"
                : t("reports.pipeline.days", { value: decimal(format, data.salesCycleMedianDays) })}
            </Kpi>
          </SimpleGrid>
          <ChartPanel
            title={t("reports.pipeline.title")}
            fileName="pipeline.csv"
            rows={data.stages}
            rowKey={(s) => s.stageId}
            rowLabel={(s) => s.name}
            rowHref={(s) => stageLink(data.pipelineId, s.stageId, scope)}
            valueFormatter={(v) => format.number(v)}
            columns={[
              { key: "stage", label: t("reports.pipeline.stage"), text: (s) => s.name },
              {
                key: "count",
                label: t("reports.pipeline.count"),
                text: (s) => format.number(s.count),
                numeric: true,
              },
              {
                key: "sum",
                label: t("reports.pipeline.sum"),
                text: (s) => money(format, s.sum),
                numeric: true,
              },
              {
                key: "weighted",
                label: t("reports.pipeline.weighted"),
                text: (s) => money(format, s.weightedSum),
                numeric: true,
              },
              {
                key: "median",
                label: t("reports.pipeline.median"),
                text: (s) => decimal(format, s.medianDaysInStage),
                numeric: true,
              },
              {
                key: "p75",
                label: t("reports.pipeline.p75"),
                text: (s) => decimal(format, s.p75DaysInStage),
                numeric: true,
              },
            ]}
            series={[
              {
                key: "sum",
                label: t("reports.pipeline.sum"),
                color: "blue.3",
                value: (s) => chartAmount(s.sum),
              },
              {
                key: "weighted",
                label: t("reports.pipeline.weighted"),
                color: "blue.7",
                value: (s) => chartAmount(s.weightedSum),
              },
            ]}
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <ChartPanel
              title={t("reports.pipeline.bySource")}
              fileName="won-by-source.csv"
              rows={data.wonRevenueBySource}
              rowKey={(r) => r.source ?? "none"}
              rowLabel={(r) => (r.source ? t(`leads.source.${r.source}`) : t("reports.pipeline.noSource"))}
              rowHref={() => closedLink("won", from, to, scope)}
              valueFormatter={(v) => format.number(v)}
              horizontal
              columns={[
                {
                  key: "source",
                  label: t("reports.pipeline.source"),
                  text: (r) => (r.source ? t(`leads.source.${r.source}`) : t("reports.pipeline.noSource")),
                },
                {
                  key: "count",
                  label: t("reports.pipeline.count"),
                  text: (r) => format.number(r.count),
                  numeric: true,
                },
                {
                  key: "sum",
                  label: t("reports.pipeline.sum"),
                  text: (r) => money(format, r.sum),
                  numeric: true,
                },
              ]}
              series={[
                {
                  key: "sum",
                  label: t("reports.pipeline.sum"),
                  color: "green.6",
                  value: (r) => chartAmount(r.sum),
                },
              ]}
            />
            <ChartPanel
              title={t("reports.pipeline.lostReasons")}
              fileName="lost-reasons.csv"
              rows={data.lostReasons}
              rowKey={(r) => r.reason}
              rowLabel={(r) => r.reason || t("reports.pipeline.noReason")}
              rowHref={() => closedLink("lost", from, to, scope)}
              valueFormatter={(v) => format.number(v)}
              horizontal
              columns={[
                {
                  key: "reason",
                  label: t("reports.pipeline.reason"),
                  text: (r) => r.reason || t("reports.pipeline.noReason"),
                },
                {
                  key: "count",
                  label: t("reports.pipeline.count"),
                  text: (r) => format.number(r.count),
                  numeric: true,
                },
              ]}
              series={[
                { key: "count", label: t("reports.pipeline.count"), color: "red.6", value: (r) => r.count },
              ]}
            />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function ForecastTab({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation();
  const format = useFormat();
  // "Pipeline as of a date": a past day reads the newest daily snapshot on or before it.
  const [asOf, setAsOf] = useState<string | null>(null);
  const forecast = useForecast(filters, asOf);
  const texts = useForecastTexts();
  return (
    <Stack gap="md">
      <DatePickerInput
        w={240}
        label={t("reports.forecast.asOf")}
        placeholder={t("reports.forecast.live")}
        value={asOf}
        onChange={setAsOf}
        maxDate={new Date()}
        clearable
        valueFormat="ll"
      />
      <QueryStates query={forecast} />
      {forecast.data && (
        <ChartPanel
          title={t("reports.forecast.title")}
          fileName="forecast.csv"
          rows={forecast.data.buckets}
          rowKey={(b) => b.key}
          rowLabel={(b) => texts.label(b.key)}
          rowHref={(b) => forecastLink(b, { ownerId: filters.ownerId })}
          valueFormatter={(v) => format.number(v)}
          columns={texts.columns}
          horizontal
          series={[
            {
              key: "sum",
              label: t("reports.forecast.sum"),
              color: "violet.3",
              value: (b) => chartAmount(b.sum),
            },
            {
              key: "weighted",
              label: t("reports.forecast.weighted"),
              color: "violet.7",
              value: (b) => chartAmount(b.weightedSum),
            },
          ]}
        />
      )}
      {forecast.data && <ForecastHistory report={forecast.data} />}
    </Stack>
  );
}

/** The change since last week's snapshot and, for past months, forecast against actual. */
function ForecastHistory({ report }: { report: ForecastReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { snapshot } = report;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Paper withBorder radius="md" p="md">
        {snapshot ? (
          <>
            <Text fw={600} mb="sm">
              {t("reports.forecast.changes", { date: format.date(snapshot.takenOn) })}
            </Text>
            <SimpleGrid cols={{ base: 3, sm: 5 }} spacing="xs">
              {(["new", "moved", "slipped", "won", "lost"] as const).map((key) => (
                <div key={key}>
                  <Text size="xs" c="dimmed">
                    {t(`reports.forecast.${key}`)}
                  </Text>
                  <Text fw={700} fz={20}>
                    {format.number(snapshot.changes[key])}
                  </Text>
                </div>
              ))}
            </SimpleGrid>
          </>
        ) : (
          <Text c="dimmed" size="sm">
            {t("reports.forecast.noSnapshot")}
          </Text>
        )}
      </Paper>
      {report.accuracy.length > 0 && (
        <ChartPanel
          title={t("reports.forecast.accuracy")}
          fileName="forecast-accuracy.csv"
          rows={report.accuracy}
          rowKey={(m) => m.month}
          rowLabel={(m) => monthLabel(format, m.month)}
          valueFormatter={(v) => format.number(v)}
          columns={[
            { key: "month", label: t("reports.forecast.month"), text: (m) => monthLabel(format, m.month) },
            {
              key: "forecast",
              label: t("reports.forecast.forecast"),
              text: (m) => money(format, m.forecast),
              numeric: true,
            },
            {
              key: "actual",
              label: t("reports.forecast.actual"),
              text: (m) => money(format, m.actual),
              numeric: true,
            },
          ]}
          series={[
            {
              key: "forecast",
              label: t("reports.forecast.forecast"),
              color: "gray.5",
              value: (m) => chartAmount(m.forecast),
            },
            {
              key: "actual",
              label: t("reports.forecast.actual"),
              color: "green.6",
              value: (m) => chartAmount(m.actual),
            },
          ]}
        />
      )}
    </SimpleGrid>
  );
}
