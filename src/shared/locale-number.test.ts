import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatEcho,
  formatForInput,
  MONEY_RULES,
  numberExample,
  readNumber,
  toAmountString,
} from "./locale-number";

const LOCALES = ["de-DE", "en-US", "en-GB"] as const;
const WHOLE = { maximumFractionDigits: 0, min: 0, max: 100 };

const money = (text: string, locale: string) => readNumber(text, locale, MONEY_RULES, "EUR");

describe("readNumber", () => {
  it("reads grouping and decimal separators the way each locale writes them (issue #15)", () => {
    expect(money("12.500", "de-DE")).toEqual({ kind: "number", value: 12500 });
    expect(money("12,500", "en-US")).toEqual({ kind: "number", value: 12500 });
    expect(money("12,500", "en-GB")).toEqual({ kind: "number", value: 12500 });
    expect(money("1.234.567,89", "de-DE")).toEqual({ kind: "number", value: 1234567.89 });
    expect(money("1,234,567.89", "en-US")).toEqual({ kind: "number", value: 1234567.89 });
    expect(money("12,5", "de-DE")).toEqual({ kind: "number", value: 12.5 });
    expect(money("12.5", "en-GB")).toEqual({ kind: "number", value: 12.5 });
    expect(money("12500", "de-DE")).toEqual({ kind: "number", value: 12500 });
    expect(money("12,", "de-DE")).toEqual({ kind: "number", value: 12 });
  });

  it("reads pasted values with spaces and a currency sign", () => {
    expect(money("  12.500,00 € ", "de-DE")).toEqual({ kind: "number", value: 12500 });
    expect(money("12.500,00\u00a0€", "de-DE")).toEqual({ kind: "number", value: 12500 });
    expect(money("€12,500.00", "en-GB")).toEqual({ kind: "number", value: 12500 });
  });

  it("refuses what it would have to guess: separators in the wrong place or of the other locale", () => {
    for (const [text, locale] of [
      ["12.5", "de-DE"],
      ["1,234.56", "de-DE"],
      ["12.500,00", "en-US"],
      ["12,5", "en-GB"],
      ["1.2.3", "de-DE"],
      ["12,50,0", "de-DE"],
      ["abc", "de-DE"],
      ["1e5", "en-US"],
      ["12 Euro", "de-DE"],
    ] as const) {
      expect(money(text, locale), `${text} in ${locale}`).toEqual({ kind: "invalid", problem: "unreadable" });
    }
  });

  it("refuses more decimal places than the field keeps instead of rounding", () => {
    expect(money("12,505", "en-US")).toEqual({ kind: "number", value: 12505 });
    expect(money("12,505", "de-DE")).toEqual({ kind: "invalid", problem: "decimals" });
    expect(readNumber("50,5", "de-DE", WHOLE)).toEqual({ kind: "invalid", problem: "decimals" });
  });

  it("refuses a negative amount and values outside the field's bounds", () => {
    expect(money("-5", "de-DE")).toEqual({ kind: "invalid", problem: "negative" });
    expect(money("-12.500,50", "de-DE")).toEqual({ kind: "invalid", problem: "negative" });
    expect(readNumber("101", "en-GB", WHOLE)).toEqual({ kind: "invalid", problem: "above_max" });
    expect(readNumber("-3", "en-GB", { maximumFractionDigits: 0, min: -2 })).toEqual({
      kind: "invalid",
      problem: "below_min",
    });
    expect(money("1.000.000.000.000", "de-DE")).toEqual({ kind: "invalid", problem: "above_max" });
    expect(readNumber("-3", "en-GB", { maximumFractionDigits: 0 })).toEqual({ kind: "number", value: -3 });
  });

  it("takes an empty or blank field as empty", () => {
    expect(money("", "de-DE")).toEqual({ kind: "empty" });
    expect(money("   ", "en-US")).toEqual({ kind: "empty" });
  });
});

describe("format → read round trip", () => {
  const cents = fc.integer({ min: 0, max: 99_999_999_999_999 });

  for (const locale of LOCALES) {
    it(`reads back every amount formatted for input in ${locale}`, () => {
      fc.assert(
        fc.property(cents, (n) => {
          const value = n / 100;
          expect(money(formatForInput(value, locale, MONEY_RULES), locale)).toEqual({
            kind: "number",
            value,
          });
        }),
      );
    });

    it(`reads back every amount as its echo shows it in ${locale}`, () => {
      fc.assert(
        fc.property(cents, (n) => {
          const value = n / 100;
          expect(money(formatEcho(value, locale, MONEY_RULES, "EUR"), locale)).toEqual({
            kind: "number",
            value,
          });
        }),
      );
    });

    it(`reads back every amount grouped as its echo without a currency shows it in ${locale}`, () => {
      fc.assert(
        fc.property(cents, (n) => {
          const value = n / 100;
          expect(money(formatEcho(value, locale, MONEY_RULES), locale)).toEqual({ kind: "number", value });
        }),
      );
    });

    it(`reads back every whole number, grouped or not, in ${locale}`, () => {
      const rules = { maximumFractionDigits: 0 };
      const whole = (value: number) => ({ kind: "number", value });
      fc.assert(
        fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (value) => {
          expect(readNumber(formatForInput(value, locale, rules), locale, rules)).toEqual(whole(value));
          expect(readNumber(formatEcho(value, locale, rules), locale, rules)).toEqual(whole(value));
          expect(readNumber(String(value), locale, rules)).toEqual(whole(value));
        }),
      );
    });
  }
});

describe("formatting", () => {
  it("echoes grouped, with the currency for money; a field shows a stored number ungrouped", () => {
    expect(formatEcho(12500, "de-DE", MONEY_RULES, "EUR")).toBe("12.500,00\u00a0€");
    expect(formatEcho(12500, "en-GB", MONEY_RULES, "EUR")).toBe("€12,500.00");
    expect(formatEcho(1234567.8, "de-DE", MONEY_RULES)).toBe("1.234.567,8");
    expect(formatForInput(1234567.8, "de-DE", MONEY_RULES)).toBe("1234567,80");
    expect(formatForInput(36000, "en-GB", MONEY_RULES)).toBe("36000");
    expect(numberExample("de-DE", MONEY_RULES)).toBe("12.500,50");
    expect(numberExample("en-US", WHOLE)).toBe("12,500");
    expect(toAmountString(12500)).toBe("12500.00");
    expect(toAmountString(1234567.89)).toBe("1234567.89");
  });
});
