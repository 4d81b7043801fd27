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
  /**
   * `text` for one column, chosen once: a million-row export then pays no dispatch per cell
   * (issue #17: ≥ 100,000 rows/s).
   */
  textOf(kind: CellKind): (value: unknown) => string;
  /** `typed` for one column, chosen once. */
  typedOf(kind: CellKind): (value: unknown) => Cell;
}

const isEmpty = (value: unknown) => value === null || value === undefined || value === "";
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

export function cellFormatter(locale: ExportLocale | "raw", lookups: Lookups): CellFormatter {
  if (locale === "raw") {
    const text = (kind: CellKind, value: unknown) =>
      isEmpty(value)
        ? ""
        : (composed(kind, value, "de", lookups) ?? (Array.isArray(value) ? value.join(", ") : String(value)));
    const textOf = (kind: CellKind) => (value: unknown) => text(kind, value);
    return { text, typed: text, textOf, typedOf: textOf };
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
  // de-DE writes 23.11.2026, en-GB 23/11/2026: the same order, another separator.
  const dateSeparator = locale === "de" ? "." : "/";

  /** A calendar day: an ISO day ("2026-11-23") is no instant, so it never shifts with a zone. */
  const dayText = (value: unknown): string => {
    const iso = ISO_DAY.exec(String(value));
    if (iso && iso[1] !== "0000") return `${iso[3]}${dateSeparator}${iso[2]}${dateSeparator}${iso[1]}`;
    return day.format(new Date(String(value).slice(0, 10)));
  };
  /** An instant as wall-clock time in the company's zone, as `moment` writes it (without its comma). */
  const momentText = (value: unknown): string => {
    const instant = new Date(String(value));
    const ms = instant.getTime();
    if (Number.isNaN(ms) || instant.getUTCFullYear() < 1000 || instant.getUTCFullYear() > 9999)
      return moment.format(instant).replace(",", "");
    const wall = new Date(ms + zoneOffsetMs(ms));
    return `${pad(wall.getUTCDate())}${dateSeparator}${pad(wall.getUTCMonth() + 1)}${dateSeparator}${wall.getUTCFullYear()} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
  };

  const textOf = (kind: CellKind): ((value: unknown) => string) => {
    const guard = (format: (value: unknown) => string) => (value: unknown) =>
      isEmpty(value) ? "" : format(value);
    switch (kind.type) {
      case "text":
        return guard(String);
      case "list":
        return guard((value) => (Array.isArray(value) ? value.join(", ") : String(value)));
      case "date":
        return guard(dayText);
      case "dateTime":
        return guard(momentText);
      case "number":
        return guard((value) => decimal.format(Number(value)));
      case "money":
        return guard((value) => money.format(Number(value)));
      case "boolean":
        return guard((value) => (value ? yes : no));
      case "choice":
        return guard((value) => uiText(locale, `${kind.labels}.${String(value)}`));
      case "ref": {
        const names = lookups[kind.lookup];
        return guard((value) => names?.get(String(value)) ?? String(value));
      }
      case "options":
        return guard((value) =>
          (Array.isArray(value) ? value : [value])
            .map((v) => kind.labels.get(String(v))?.[locale] ?? String(v))
            .join(", "),
        );
      case "salutation":
      case "address":
        return guard((value) => composed(kind, value, locale, lookups) ?? "");
      default:
        return kind satisfies never;
    }
  };

  const typedOf = (kind: CellKind): ((value: unknown) => Cell) => {
    switch (kind.type) {
      case "date":
        return (value) => (isEmpty(value) ? null : new Date(String(value).slice(0, 10)));
      case "dateTime":
        return (value) => (isEmpty(value) ? null : excelLocalTime(new Date(String(value))));
      case "number":
      case "money":
        return (value) => (isEmpty(value) ? null : Number(value));
      default: {
        const text = textOf(kind);
        return (value) => (isEmpty(value) ? null : text(value));
      }
    }
  };
  return {
    text: (kind, value) => textOf(kind)(value),
    typed: (kind, value) => typedOf(kind)(value),
    textOf,
    typedOf,
  };
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

const HOUR = 3_600_000;
/** The zone's offset per UTC hour already asked (Intl is slow; an export asks per row). */
const offsets = new Map<number, number>();

/**
 * How far the company's zone is ahead of UTC at an instant. Zone changes (summer time) happen on a
 * full UTC hour, so the offset of an hour holds for all of it.
 */
function zoneOffsetMs(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const at = new Date(hour * HOUR);
    const parts = Object.fromEntries(zoneParts.formatToParts(at).map((p) => [p.type, Number(p.value)]));
    const wall = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    offset = wall - at.getTime();
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/**
 * Excel has no time zones: a date cell is wall-clock time. The instant is shifted so the cell shows
 * the time in Berlin (ExcelJS writes a Date's UTC fields).
 */
function excelLocalTime(instant: Date): Date {
  const ms = instant.getTime();
  return Number.isNaN(ms) ? instant : new Date(ms + zoneOffsetMs(ms));
}
