import { parseTypedDay } from "@shared/day-text";
import { MONEY_RULES, type NumberRules, numberExample, readNumber } from "@shared/locale-number";
import { headerKey } from "./import-mapping";
import type { CellError, ReadOptions } from "./record-import";

/**
 * Cells read the way the file writes them (issue #17): numbers and days in the file's locale
 * (1.234,56 and 23.11.2026 in German; an XLSX's own numbers and dates arrive in machine form),
 * choices through the value mapping or their German and English words. Each reader reports its
 * field and why, never guesses.
 */
export class CellReader {
  readonly errors: CellError[] = [];

  constructor(
    private readonly cells: Record<string, string>,
    private readonly options: ReadOptions,
  ) {}

  text(field: string): string | undefined {
    return this.cells[field];
  }

  /** A decimal in the file's locale (or machine form, as an XLSX holds it), with `rules`' bounds. */
  number(field: string, rules: NumberRules = MONEY_RULES): number | undefined {
    const raw = this.cells[field]?.replace(/%\s*$/, "").trim();
    if (raw === undefined || raw === "") return undefined;
    if (this.options.machineNumbers && /^-?\d+(\.\d+)?$/.test(raw)) {
      const value = Number(raw);
      const fits =
        (rules.min === undefined || value >= rules.min) && (rules.max === undefined || value <= rules.max);
      if (fits) return value;
    }
    const locale = this.options.locale === "de" ? "de-DE" : "en-GB";
    const reading = readNumber(raw, locale, rules, "EUR");
    if (reading.kind === "number") return reading.value;
    this.errors.push({
      field,
      code: "import_number_invalid",
      params: { example: numberExample(locale, rules) },
    });
    return undefined;
  }

  /** A calendar day as YYYY-MM-DD: 23.11.2026 (de), 23/11/2026 (en) or ISO. */
  day(field: string): string | undefined {
    const raw = this.cells[field];
    if (raw === undefined) return undefined;
    // An XLSX date arrives as ISO, perhaps with a time ("2026-11-23T00:00").
    const iso = /^\d{4}-\d{2}-\d{2}(T|$)/.test(raw) ? raw.slice(0, 10) : raw;
    const day = parseTypedDay(iso, this.options.locale);
    if (day) return day;
    this.errors.push({
      field,
      code: "import_date_invalid",
      params: { example: this.options.locale === "de" ? "23.11.2026" : "23/11/2026" },
    });
    return undefined;
  }

  /** A choice: the user's value mapping first, then the codes and their German and English words. */
  choice<C extends string>(field: string, codes: readonly C[], words: ReadonlyMap<string, C>): C | undefined {
    const raw = this.cells[field];
    if (raw === undefined) return undefined;
    const mapped = this.options.valueMapping[field]?.[raw];
    const code = mapped ?? words.get(headerKey(raw));
    if (code && (codes as readonly string[]).includes(code)) return code as C;
    this.errors.push({ field, code: "import_choice_unknown" });
    return undefined;
  }
}
