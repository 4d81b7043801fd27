import dayjs from "dayjs";

export const PERIODS = ["month", "quarter", "year", "last12", "custom"] as const;
export type PeriodKind = (typeof PERIODS)[number];

const DAY = "YYYY-MM-DD";

/** A preset's first and last day in the browser's zone (custom: the given days). */
export function periodDays(
  kind: PeriodKind,
  custom: { from: string | null; to: string | null },
  now = dayjs(),
) {
  switch (kind) {
    case "month":
      return { from: now.startOf("month").format(DAY), to: now.endOf("month").format(DAY) };
    case "quarter": {
      const first = now.startOf("month").subtract(now.month() % 3, "month");
      return { from: first.format(DAY), to: first.add(2, "month").endOf("month").format(DAY) };
    }
    case "year":
      return { from: now.startOf("year").format(DAY), to: now.endOf("year").format(DAY) };
    case "last12":
      return {
        from: now.startOf("month").subtract(11, "month").format(DAY),
        to: now.endOf("month").format(DAY),
      };
    case "custom":
      return { from: custom.from ?? now.startOf("month").format(DAY), to: custom.to ?? now.format(DAY) };
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

export const isPeriodKind = (value: string | null): value is PeriodKind => PERIODS.some((p) => p === value);
