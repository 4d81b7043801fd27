import type { Formatters } from "@web/i18n/use-format";

interface MoneyValue {
  amount: string;
  currency: string;
}

// Building an Intl.NumberFormat costs far more than using one, and a board formats hundreds of amounts.
const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(locale: string, currency: string, digits: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${digits}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(key, format);
  }
  return format;
}

/** An amount in the user's locale and the deal's currency; whole amounts without ",00". */
export function formatDealMoney(format: Formatters, value: MoneyValue | null): string | null {
  if (!value) return null;
  const amount = Number(value.amount);
  if (!Number.isFinite(amount)) return null;
  try {
    return moneyFormat(format.locale, value.currency, Number.isInteger(amount) ? 0 : 2).format(amount);
  } catch {
    // A currency code Intl does not know: the plain number and the code.
    return `${format.number(amount)} ${value.currency}`;
  }
}

/** A column's sum, one amount per currency ("12.000 € · 3.000 $"); rounded to whole units to stay short. */
export function formatSums(format: Formatters, sums: readonly MoneyValue[]): string {
  const nonZero = sums.filter((sum) => Number(sum.amount) !== 0);
  const shown = nonZero.length > 0 ? nonZero : [{ amount: "0", currency: sums[0]?.currency ?? "EUR" }];
  return shown
    .map((sum) =>
      formatDealMoney(format, { amount: String(Math.round(Number(sum.amount))), currency: sum.currency }),
    )
    .join(" · ");
}

const shortDates = new Map<string, Intl.DateTimeFormat>();
/** "12. Dez." / "12 Dec": a compact card's next activity, the year is that of the next weeks. */
export function formatShortDate(format: Formatters, value: string): string {
  let short = shortDates.get(format.locale);
  if (!short) {
    short = new Intl.DateTimeFormat(format.locale, { day: "numeric", month: "short" });
    shortDates.set(format.locale, short);
  }
  return short.format(new Date(value));
}
