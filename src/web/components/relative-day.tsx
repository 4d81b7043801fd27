import { Text } from "@mantine/core";
import { useFormat } from "@web/i18n/use-format";

const DAY_MS = 86_400_000;

/** How far back `at` lies, in the largest fitting unit: "gestern", "vor 3 Tagen", "vor 2 Monaten". */
export function relativeDay(at: Date, now: Date, locale: string): string {
  const days = Math.round((startOfDay(at) - startOfDay(now)) / DAY_MS);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (Math.abs(days) < 7) return format.format(days, "day");
  if (Math.abs(days) < 35) return format.format(Math.round(days / 7), "week");
  if (Math.abs(days) < 365) return format.format(Math.round(days / 30), "month");
  return format.format(Math.round(days / 365), "year");
}

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** A past moment as a relative day, the exact date and time on hover. */
export function RelativeDay({ at }: { at: string }) {
  const { locale, dateTime } = useFormat();
  const date = new Date(at);
  return (
    <Text size="sm" title={dateTime(date)} style={{ whiteSpace: "nowrap" }}>
      {relativeDay(date, new Date(), locale)}
    </Text>
  );
}
