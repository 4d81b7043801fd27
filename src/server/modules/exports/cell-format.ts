import { type AddressBlockInput, addressBlock } from "@domain/addresses/address-block";
import { type AddressedPerson, letterSalutation } from "@domain/contacts/letter-salutation";
import { type ExportLocale, uiText } from "./export-labels";

/**
 * How a column's value is written. A file in a locale shows what the UI shows: labels for codes,
 * names for owner and team ids, dates and numbers as the language writes them. `raw` keeps codes,
 * ids and ISO text (the machine form the export had before issue #17, for scripts).
 */
export type CellKind =
  | { type: "text" }
  | { type: "date" }
  | { type: "dateTime" }
  | { type: "number" }
  | { type: "money" }
  | { type: "boolean" }
  | { type: "list" }
  /** A code shown by its UI label: `labels` is the i18n path, e.g. `leads.status`. */
  | { type: "choice"; labels: string }
  /** A custom field's choice or choices shown by their labels (unknown keys as they are). */
  | { type: "options"; labels: ReadonlyMap<string, Record<ExportLocale, string>> }
  /** An id shown by a name from the lookup of that kind (users, teams, stages, …). */
  | { type: "ref"; lookup: string }
  /** A person (`AddressedPerson`) written as the letter salutation in the file's language (issue #20). */
  | { type: "salutation" }
  /** An `AddressBlockInput` written as its DIN 5008 lines, one cell with line breaks (issue #20). */
  | { type: "address" };

export type Lookups = Record<string, ReadonlyMap<string, string>>;
/** The lookup holding the sender's country code under its own name (address columns read it). */
export const HOME_LOOKUP = "homeCountry";

/** The letter salutation and the address block of a row, in `locale` (raw files write German). */
function composed(kind: CellKind, value: unknown, locale: ExportLocale, lookups: Lookups): string | null {
  if (kind.type === "salutation") return letterSalutation(value as AddressedPerson, locale);
  if (kind.type === "address") {
    const homeCountry = lookups[HOME_LOOKUP]?.get(HOME_LOOKUP) ?? "DE";
    return addressBlock(value as AddressBlockInput, { homeCountry, locale }).join("\n");
  }
  return null;
}

/** A cell ready for either writer: text, a number or a date (XLSX keeps the latter two typed). */
export type Cell = string | number | Date | null;

export const INTL_LOCALES: Record<ExportLocale, string> = { de: "de-DE", en: "en-GB" };
/**
 * Dates and times are written in the company's time zone, as salespeople read them. One zone for now
 * (the settings have none yet): Europe/Berlin, where the product's users are.
 */
export const EXPORT_TIME_ZONE = "Europe/Berlin";

export interface CellFormatter {
  /** The cell as a CSV writes it (text). */
  text(kind: CellKind, value: unknown): string;
  /** The cell as an XLSX writes it (numbers and dates typed, so Excel sorts and sums them). */
  typed(kind: CellKind, value: unknown): Cell;
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === "";

export function cellFormatter(locale: ExportLocale | "raw", lookups: Lookups): CellFormatter {
  if (locale === "raw") {
    const text = (kind: CellKind, value: unknown) =>
      isEmpty(value)
        ? ""
        : (composed(kind, value, "de", lookups) ?? (Array.isArray(value) ? value.join(", ") : String(value)));
    return { text, typed: text };
  }
  const intl = INTL_LOCALES[locale];
  const day = new Intl.DateTimeFormat(intl, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "UTC",
  });
  const moment = new Intl.DateTimeFormat(intl, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: EXPORT_TIME_ZONE,
  });
  const decimal = new Intl.NumberFormat(intl, { maximumFractionDigits: 6 });
  const money = new Intl.NumberFormat(intl, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const yes = uiText(locale, "export.yes");
  const no = uiText(locale, "export.no");

  const text = (kind: CellKind, value: unknown): string => {
    if (isEmpty(value)) return "";
    switch (kind.type) {
      case "text":
        return String(value);
      case "list":
        return Array.isArray(value) ? value.join(", ") : String(value);
      case "date":
        // An ISO day ("2026-11-23") is a calendar day, not an instant: formatted in UTC so it never shifts.
        return day.format(new Date(String(value).slice(0, 10)));
      case "dateTime":
        return moment.format(new Date(String(value))).replace(",", "");
      case "number":
        return decimal.format(Number(value));
      case "money":
        return money.format(Number(value));
      case "boolean":
        return value ? yes : no;
      case "choice":
        return uiText(locale, `${kind.labels}.${String(value)}`);
      case "ref":
        return lookups[kind.lookup]?.get(String(value)) ?? String(value);
      case "options":
        return (Array.isArray(value) ? value : [value])
          .map((v) => kind.labels.get(String(v))?.[locale] ?? String(v))
          .join(", ");
      case "salutation":
      case "address":
        return composed(kind, value, locale, lookups) ?? "";
      default:
        return kind satisfies never;
    }
  };

  const typed = (kind: CellKind, value: unknown): Cell => {
    if (isEmpty(value)) return null;
    switch (kind.type) {
      case "date":
        return new Date(String(value).slice(0, 10));
      case "dateTime":
        return excelLocalTime(new Date(String(value)));
      case "number":
      case "money":
        return Number(value);
      default:
        return text(kind, value);
    }
  };
  return { text, typed };
}

const zoneParts = new Intl.DateTimeFormat("en-US", {
  timeZone: EXPORT_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

/**
 * Excel has no time zones: a date cell is wall-clock time. The instant is shifted so the cell shows
 * the time in Berlin (ExcelJS writes a Date's UTC fields).
 */
function excelLocalTime(instant: Date): Date {
  const parts = Object.fromEntries(zoneParts.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return new Date(
    Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    ),
  );
}
