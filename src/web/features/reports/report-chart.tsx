import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { useNavigate } from "react-router";

/*
 * The one module that loads @mantine/charts (and recharts behind it): imported lazily by
 * chart-panel.tsx, so only the pages that draw a chart download it.
 */
export interface ChartDatum {
  label: string;
  href: string | null;
  [series: string]: string | number | null;
}

interface ReportChartProps {
  data: ChartDatum[];
  series: { name: string; label: string; color: string }[];
  valueFormatter: (value: number) => string;
  horizontal?: boolean;
  height?: number;
}

export default function ReportChart({
  data,
  series,
  valueFormatter,
  horizontal = false,
  height = 260,
}: ReportChartProps) {
  const navigate = useNavigate();
  return (
    <BarChart
      h={height}
      data={data}
      dataKey="label"
      series={series}
      orientation={horizontal ? "vertical" : "horizontal"}
      valueFormatter={valueFormatter}
      withLegend={series.length > 1}
      maxBarWidth={horizontal ? 24 : 56}
      gridAxis={horizontal ? "y" : "x"}
      tickLine="none"
      // Every bar keeps its label (recharts would skip some to avoid overlaps).
      xAxisProps={horizontal ? undefined : { interval: 0 }}
      yAxisProps={horizontal ? { width: 140, interval: 0 } : undefined}
      barProps={{
        cursor: "pointer",
        onClick: (entry: { payload?: { href?: string | null } }) => {
          const href = entry.payload?.href;
          if (href) void navigate(href);
        },
      }}
    />
  );
}
