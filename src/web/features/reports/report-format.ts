import type { ForecastReport, FunnelReport } from "@shared/schemas/report";
import { formatSums } from "@web/features/deals/board/board-format";
import { type Formatters, useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";

interface MoneyValue {
  amount: string;
  currency: string;
}

/** Sums per currency in whole units ("0 €" when there are none). */
export const money = (format: Formatters, sums: readonly MoneyValue[]) => formatSums(format, sums);

/** The first currency's amount as a number, for a chart's bar (mixed currencies stay in the table). */
export const chartAmount = (sums: readonly MoneyValue[]) => Math.round(Number(sums[0]?.amount ?? 0));

/** A 0–1 ratio as a percentage in the locale ("40 %" / "40%"). */
export const percent = (format: Formatters, ratio: number | null) =>
  ratio === null ? "–" : format.number(ratio, { style: "percent", maximumFractionDigits: 1 });

/** Days or hours with one decimal at most. */
export const decimal = (format: Formatters, value: number | null) =>
  value === null ? "–" : format.number(value, { maximumFractionDigits: 1 });

/** A month key "2027-01" as "Jan. 2027" / "Jan 2027". */
export const monthLabel = (format: Formatters, key: string) =>
  new Intl.DateTimeFormat(format.locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${key}-01T00:00:00Z`),
  );

type Bucket = ForecastReport["buckets"][number];

/** A forecast bucket's name ("Overdue", "Dec 2026", …, "Later", "No date") and the table's columns. */
export function useForecastTexts() {
  const { t } = useTranslation();
  const format = useFormat();
  const label = (key: string) => {
    if (key === "overdue") return t("reports.forecast.overdue");
    if (key === "later") return t("reports.forecast.later");
    if (key === "none") return t("reports.forecast.none");
    return monthLabel(format, key);
  };
  const columns = [
    { key: "bucket", label: t("reports.forecast.bucket"), text: (b: Bucket) => label(b.key) },
    {
      key: "count",
      label: t("reports.forecast.count"),
      text: (b: Bucket) => format.number(b.count),
      numeric: true,
    },
    {
      key: "sum",
      label: t("reports.forecast.sum"),
      text: (b: Bucket) => money(format, b.sum),
      numeric: true,
    },
    {
      key: "weighted",
      label: t("reports.forecast.weighted"),
      text: (b: Bucket) => money(format, b.weightedSum),
      numeric: true,
    },
  ];
  return { label, columns };
}

type Step = FunnelReport["steps"][number];

/**
 * The funnel table's columns and chart series; `withNames` writes the step out ("MQL – Marketing
 * qualified") where the funnel has the page to itself.
 */
export function useFunnelTexts(withNames = false) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns = [
    {
      key: "step",
      label: t("reports.funnel.step"),
      text: (s: Step) =>
        withNames
          ? `${t(`reports.steps.${s.step}`)} – ${t(`reports.stepNames.${s.step}`)}`
          : t(`reports.steps.${s.step}`),
    },
    {
      key: "count",
      label: t("reports.funnel.count"),
      text: (s: Step) => format.number(s.count),
      numeric: true,
    },
    {
      key: "rate",
      label: t("reports.funnel.rate"),
      text: (s: Step) => percent(format, s.rateFromPrevious),
      numeric: true,
    },
    {
      key: "median",
      label: t("reports.funnel.median"),
      text: (s: Step) => decimal(format, s.medianDaysFromPrevious),
      numeric: true,
    },
  ];
  const series = [
    { key: "count", label: t("reports.funnel.count"), color: "teal.6", value: (s: Step) => s.count },
  ];
  return { columns, series };
}
