import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { divideRounded, fromScaled, toScaled } from "./decimal";
import { type LineInput, lineNetCents, quoteTotals } from "./quote-totals";

const decimal = (maxWhole: number, decimals: number, min = 0) =>
  fc.integer({ min, max: maxWhole * 10 ** decimals }).map((n) => fromScaled(BigInt(n), decimals));

const line: fc.Arbitrary<LineInput> = fc.record({
  quantity: decimal(10_000, 3, 1),
  unitPrice: decimal(1_000_000, 2),
  discountPercent: decimal(100, 2),
  vatRate: fc.constantFrom("19", "7", "0", "10.7"),
});

const cents = (amount: string) => toScaled(amount, 2);

describe("quoteTotals", () => {
  it("adds the rounded lines up to the net total", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const totals = quoteTotals(lines);
        expect(cents(totals.net)).toBe(totals.lines.reduce((s, l) => s + cents(l), 0n));
      }),
    );
  });

  it("taxes each rate's base once and adds net and VAT up to gross", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const totals = quoteTotals(lines);
        const bases = totals.vat.reduce((s, v) => s + cents(v.base), 0n);
        expect(bases).toBe(cents(totals.net));
        for (const v of totals.vat) {
          expect(cents(v.amount)).toBe(divideRounded(cents(v.base) * toScaled(v.rate, 2), 10_000n));
        }
        const vat = totals.vat.reduce((s, v) => s + cents(v.amount), 0n);
        expect(cents(totals.vatTotal)).toBe(vat);
        expect(cents(totals.gross)).toBe(cents(totals.net) + vat);
        expect(new Set(totals.vat.map((v) => v.rate)).size).toBe(totals.vat.length);
      }),
    );
  });

  it("rounds each line to the cent, never more than half a cent away from the exact value", () => {
    fc.assert(
      fc.property(line, (l) => {
        const exactTimes1e9 =
          toScaled(l.quantity, 3) * toScaled(l.unitPrice, 2) * (10_000n - toScaled(l.discountPercent, 2));
        const rounded = lineNetCents(l) * 10_000_000n;
        const diff = rounded > exactTimes1e9 ? rounded - exactTimes1e9 : exactTimes1e9 - rounded;
        expect(diff <= 5_000_000n).toBe(true);
      }),
    );
  });

  it("gives a 100 % discount a line of 0.00 and no discount the full price", () => {
    fc.assert(
      fc.property(line, (l) => {
        expect(lineNetCents({ ...l, discountPercent: "100" })).toBe(0n);
        const full = lineNetCents({ ...l, discountPercent: "0" });
        expect(full).toBe(divideRounded(toScaled(l.quantity, 3) * toScaled(l.unitPrice, 2), 1000n));
      }),
    );
  });

  it("rounds half a cent up, commercially", () => {
    // 3 × 0.125 = 0.375 → 0.38; 1 × 9.99 less 50 % = 4.995 → 5.00
    expect(
      quoteTotals([{ quantity: "0.125", unitPrice: "3.00", discountPercent: "0", vatRate: "19" }]).net,
    ).toBe("0.38");
    expect(quoteTotals([{ quantity: "1", unitPrice: "9.99", discountPercent: "50", vatRate: "7" }]).net).toBe(
      "5.00",
    );
  });

  it("sums a typical quote: two products and a discounted free line", () => {
    const totals = quoteTotals([
      { quantity: "2", unitPrice: "1200.00", discountPercent: "0", vatRate: "19" },
      { quantity: "10", unitPrice: "49.90", discountPercent: "0", vatRate: "19" },
      { quantity: "3", unitPrice: "19.99", discountPercent: "10", vatRate: "7" },
    ]);
    expect(totals.lines).toEqual(["2400.00", "499.00", "53.97"]);
    expect(totals.net).toBe("2952.97");
    expect(totals.vat).toEqual([
      { rate: "19", base: "2899.00", amount: "550.81" },
      { rate: "7", base: "53.97", amount: "3.78" },
    ]);
    expect(totals.gross).toBe("3507.56");
  });

  it("totals an empty quote as zero", () => {
    expect(quoteTotals([])).toEqual({ lines: [], net: "0.00", vat: [], vatTotal: "0.00", gross: "0.00" });
  });
});
