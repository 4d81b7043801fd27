import { describe, expect, it } from "vitest";
import { cellFormatter, EXPORT_TIME_ZONE, INTL_LOCALES } from "./cell-format";

describe("cellFormatter", () => {
  // The formatters skip Intl per cell (issue #17's export speed): they must write what Intl writes,
  // across both summer-time changes of a year.
  it.each(["de", "en"] as const)("writes dates and times in %s exactly as Intl does", (locale) => {
    const format = cellFormatter(locale, {});
    const moment = format.textOf({ type: "dateTime" });
    const day = format.textOf({ type: "date" });
    const intl = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: EXPORT_TIME_ZONE,
    });
    const intlDay = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      timeZone: "UTC",
    });
    const wrong: string[] = [];
    for (const [from, to] of [
      [Date.UTC(2026, 2, 28, 20), Date.UTC(2026, 2, 29, 6)],
      [Date.UTC(2026, 9, 24, 20), Date.UTC(2026, 9, 25, 6)],
      [Date.UTC(2026, 11, 31, 20), Date.UTC(2027, 0, 1, 6)],
    ] as const) {
      for (let ms = from; ms < to; ms += 7 * 60_000 + 13_000) {
        const iso = new Date(ms).toISOString();
        if (moment(iso) !== intl.format(new Date(ms)).replace(",", "")) wrong.push(iso);
        if (day(iso) !== intlDay.format(new Date(iso.slice(0, 10)))) wrong.push(`day ${iso}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(moment("2026-11-23T10:11:12.000Z")).toBe(
      locale === "de" ? "23.11.2026 11:11" : "23/11/2026 11:11",
    );
    expect(moment(null)).toBe("");
  });
});
