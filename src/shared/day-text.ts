import dayjs from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat";
import "dayjs/locale/de";

dayjs.extend(customParseFormat);

/**
 * Calendar days as people write them: 23.12.2026 in German (DIN 5008; also 23.12.26), 23 Dec 2026
 * or 23/12/2026 in English (day first, as in Britain; never the US month first). ISO works in both.
 */
export const DAY_FORMATS = {
  de: { show: "DD.MM.YYYY", read: ["DD.MM.YYYY", "D.M.YYYY", "DD.MM.YY", "D.M.YY", "YYYY-MM-DD"] },
  en: { show: "D MMM YYYY", read: ["D MMM YYYY", "DD MMM YYYY", "DD/MM/YYYY", "D/M/YYYY", "YYYY-MM-DD"] },
} as const;

/** The typed day as YYYY-MM-DD, or null when it is no real day in one of the locale's formats. */
export function parseTypedDay(text: string, locale: "de" | "en"): string | null {
  const parsed = dayjs(text.trim(), [...DAY_FORMATS[locale].read], locale, true);
  return parsed.isValid() ? parsed.format("YYYY-MM-DD") : null;
}
