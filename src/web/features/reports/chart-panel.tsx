import { Anchor, Button, Group, Paper, SegmentedControl, Skeleton, Table, Text, Title } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { lazy, type ReactNode, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { downloadCsv } from "./report-csv";

const ReportChart = lazy(() => import("./report-chart"));

export interface PanelColumn<T> {
  key: string;
  label: string;
  /** What the cell shows (and the CSV writes). */
  text: (row: T) => string;
  numeric?: boolean;
}

export interface PanelSeries<T> {
  key: string;
  label: string;
  color: string;
  value: (row: T) => number;
}

interface ChartPanelProps<T> {
  title: string;
  rows: T[];
  rowKey: (row: T) => string;
  rowLabel: (row: T) => string;
  /** The list of the records behind a row, filtered: every number one click from its records. */
  rowHref?: (row: T) => string | null;
  columns: PanelColumn<T>[];
  series: PanelSeries<T>[];
  valueFormatter: (value: number) => string;
  horizontal?: boolean;
  fileName: string;
  extra?: ReactNode;
}

/**
 * A chart with its table view (accessible, and what the CSV download writes). The chart library is
 * loaded when the first chart is drawn; the table needs none of it.
 */
export function ChartPanel<T>(props: ChartPanelProps<T>) {
  const { t } = useTranslation();
  const [view, setView] = useState<"chart" | "table">("chart");
  const { title, rows, columns } = props;
  const labelHeader = columns[0]?.label ?? "";
  const download = () =>
    downloadCsv(
      props.fileName,
      columns.map((c) => c.label),
      rows.map((row) => columns.map((c) => c.text(row))),
    );
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Group gap="xs">
          {props.extra}
          <SegmentedControl
            size="xs"
            aria-label={t("reports.chart.view")}
            value={view}
            onChange={(value) => setView(value === "table" ? "table" : "chart")}
            data={[
              { value: "chart", label: t("reports.chart.chart") },
              { value: "table", label: t("reports.chart.table") },
            ]}
          />
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconDownload size={14} aria-hidden />}
            aria-label={t("reports.chart.csvLabel", { title })}
            onClick={download}
          >
            {t("reports.chart.csv")}
          </Button>
        </Group>
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm" py="lg" ta="center">
          {t("reports.chart.empty")}
        </Text>
      ) : view === "chart" ? (
        <Suspense fallback={<Skeleton h={260} />}>
          <ReportChart
            data={rows.map((row) => ({
              label: props.rowLabel(row),
              href: props.rowHref?.(row) ?? null,
              ...Object.fromEntries(props.series.map((s) => [s.key, s.value(row)])),
            }))}
            series={props.series.map((s) => ({ name: s.key, label: s.label, color: s.color }))}
            valueFormatter={props.valueFormatter}
            horizontal={props.horizontal}
            height={props.horizontal ? Math.max(160, rows.length * 36 + 60) : 260}
          />
        </Suspense>
      ) : (
        <Table.ScrollContainer minWidth={400}>
          <Table striped highlightOnHover aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c.key} style={c.numeric ? { textAlign: "right" } : undefined}>
                    {c.label || labelHeader}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const href = props.rowHref?.(row) ?? null;
                return (
                  <Table.Tr key={props.rowKey(row)}>
                    {columns.map((c, i) => (
                      <Table.Td
                        key={c.key}
                        style={c.numeric ? { textAlign: "right", whiteSpace: "nowrap" } : undefined}
                      >
                        {i === 0 && href ? (
                          <Anchor component={Link} to={href} size="sm">
                            {c.text(row)}
                          </Anchor>
                        ) : (
                          <Text size="sm" span>
                            {c.text(row)}
                          </Text>
                        )}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
