/**
 * A list total that is the database's estimate, without false precision: "12.000", "1,2 Mio." in
 * German, "12,000", "1.2M" in English (issue #15 point 5). British English writes compact millions
 * as "1.2m"; the UI's English uses "1.2M" as in the US.
 */
export function formatEstimate(count: number, locale: string): string {
  if (count < 1_000_000) return new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }).format(count);
  const compactLocale = locale === "en-GB" ? "en-US" : locale;
  return new Intl.NumberFormat(compactLocale, { notation: "compact", maximumFractionDigits: 1 }).format(
    count,
  );
}
