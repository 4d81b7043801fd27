import { NumberFormatter, NumberParser } from "@internationalized/number";

/**
 * Numbers as people type them (issue #15): "12.500" in German and "12,500" in English are twelve and a
 * half thousand, "1.234.567,89" is not 1,23. @internationalized/number reads the locale's separators;
 * it is lenient by design (it drops a grouping separator wherever it stands, so German "12.5" reads as
 * 125), so a reading is taken only when the text, stripped to digits and separators, is exactly how the
 * locale writes that number, with or without grouping. Anything else is refused rather than guessed.
 */

/** What a field accepts: its decimal places and bounds. */
export interface NumberRules {
  /** 2 for money, 0 for whole numbers such as days, percents or points. */
  maximumFractionDigits: number;
  min?: number;
  max?: number;
}

/** Money as the API takes it: two decimal places, never negative, at most twelve integer digits. */
export const MONEY_RULES = { maximumFractionDigits: 2, min: 0, max: 999_999_999_999.99 } as const;

/** A whole percent, as probabilities are kept. */
export const PERCENT_RULES = { maximumFractionDigits: 0, min: 0, max: 100 } as const;

export type NumberProblem = "unreadable" | "decimals" | "negative" | "below_min" | "above_max";

export type NumberReading =
  | { kind: "empty" }
  | { kind: "number"; value: number }
  | { kind: "invalid"; problem: NumberProblem };

interface Separators {
  group: string;
  decimal: string;
}

const separatorCache = new Map<string, Separators>();

function separators(locale: string): Separators {
  const cached = separatorCache.get(locale);
  if (cached) return cached;
  const parts = new Intl.NumberFormat(locale).formatToParts(11111.5);
  const found = {
    group: parts.find((part) => part.type === "group")?.value ?? "",
    decimal: parts.find((part) => part.type === "decimal")?.value ?? ".",
  };
  separatorCache.set(locale, found);
  return found;
}

/** The text's digits and the locale's separators, in order; signs, currency and spaces left out. */
function skeleton(text: string, { group, decimal }: Separators): string {
  const kept = [...text].filter((ch) => (ch >= "0" && ch <= "9") || ch === group || ch === decimal);
  return kept.join("");
}

function parse(text: string, locale: string, currency: string | undefined): number {
  const plain = new NumberParser(locale, { style: "decimal" }).parse(text);
  if (!Number.isNaN(plain) || !currency) return plain;
  // A pasted "12.500,00 €" or "€12,500.00".
  return new NumberParser(locale, { style: "currency", currency }).parse(text);
}

/** Whether the typed digits and separators are how the locale writes `value` with `decimals` places. */
function writtenAsLocaleDoes(typed: string, value: number, decimals: number, locale: string): boolean {
  const sep = separators(locale);
  const options = { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  const grouped = skeleton(
    new Intl.NumberFormat(locale, { ...options, useGrouping: true }).format(value),
    sep,
  );
  const plain = skeleton(
    new Intl.NumberFormat(locale, { ...options, useGrouping: false }).format(value),
    sep,
  );
  return typed === grouped || typed === plain;
}

/** Reads what someone typed or pasted into a number field in their locale, or says why it cannot. */
export function readNumber(
  text: string,
  locale: string,
  rules: NumberRules,
  currency?: string,
): NumberReading {
  if (text.trim() === "") return { kind: "empty" };
  const value = parse(text.trim(), locale, currency);
  if (!Number.isFinite(value)) return { kind: "invalid", problem: "unreadable" };

  const sep = separators(locale);
  let typed = skeleton(text, sep);
  // "12," is 12: a decimal separator typed with nothing after it yet.
  if (typed.endsWith(sep.decimal)) typed = typed.slice(0, -sep.decimal.length);
  const [, fraction = "", ...more] = typed.split(sep.decimal);
  if (more.length > 0 || (sep.group !== "" && fraction.includes(sep.group))) {
    return { kind: "invalid", problem: "unreadable" };
  }
  if (fraction.length > rules.maximumFractionDigits) return { kind: "invalid", problem: "decimals" };
  if (!writtenAsLocaleDoes(typed, Math.abs(value), fraction.length, locale)) {
    return { kind: "invalid", problem: "unreadable" };
  }

  const normalised = value === 0 ? 0 : value; // -0 reads as 0
  if (rules.min !== undefined && normalised < rules.min) {
    return { kind: "invalid", problem: rules.min === 0 ? "negative" : "below_min" };
  }
  if (rules.max !== undefined && normalised > rules.max) return { kind: "invalid", problem: "above_max" };
  return { kind: "number", value: normalised };
}

/**
 * A stored number as the field shows it for editing: the locale's decimal separator, no grouping (the
 * echo beneath groups it), and a fraction only when there is one ("12500", "12,50").
 */
export function formatForInput(value: number, locale: string, rules: NumberRules): string {
  const decimals = Number.isInteger(value) ? 0 : rules.maximumFractionDigits;
  return new NumberFormatter(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: rules.maximumFractionDigits,
    useGrouping: false,
  }).format(value);
}

/** What the field understood, for the echo beside it: "12.500,00 €", or "12.500" without a currency. */
export function formatEcho(value: number, locale: string, rules: NumberRules, currency?: string): string {
  if (currency) return new NumberFormatter(locale, { style: "currency", currency }).format(value);
  return new NumberFormatter(locale, {
    maximumFractionDigits: rules.maximumFractionDigits,
    useGrouping: true,
  }).format(value);
}

/** A sample value written the locale's way, for the message under a field that could not be read. */
export function numberExample(locale: string, rules: NumberRules): string {
  const decimals = Math.min(rules.maximumFractionDigits, 2);
  return new NumberFormatter(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: true,
  }).format(decimals > 0 ? 12500.5 : 12500);
}

/** The decimal string the API's money type wants ("12500.00"). */
export function toAmountString(value: number): string {
  return value.toFixed(2);
}
