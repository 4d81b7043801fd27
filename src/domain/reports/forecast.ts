/**
 * The forecast's buckets (#18 point 3): open deals by expected close month for the next six months
 * from the current one, those whose close date has passed in their own "overdue" bucket (never
 * hidden), later ones in "later" and those without a date in "none".
 */
export const FORECAST_MONTHS = 6;
export type ForecastBucketKey = "overdue" | "later" | "none" | `${number}-${string}`;

/** "2026-12-07" → ["2026-12", "2027-01", …] (`months` months). */
export function forecastMonths(today: string, months = FORECAST_MONTHS): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: months }, (_, i) => {
    const y = year + Math.floor((month + i) / 12);
    const m = ((month + i) % 12) + 1;
    return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`;
  });
}

/** The bucket of an open deal's expected close date, seen on `today` (both YYYY-MM-DD). */
export function forecastBucket(expectedCloseDate: string | null, today: string): ForecastBucketKey {
  if (expectedCloseDate === null) return "none";
  if (expectedCloseDate < today) return "overdue";
  const month = expectedCloseDate.slice(0, 7);
  const months = forecastMonths(today);
  return months.includes(month) ? (month as ForecastBucketKey) : "later";
}

/** The first and last day of a month key ("2027-02" → 2027-02-01 … 2027-02-28). */
export function monthRange(month: string): { from: string; to: string } {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}
