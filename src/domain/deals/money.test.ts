import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnTotals, fromCents, sumsByCurrency, toCents } from "./money";

const cents = fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n });

describe("toCents / fromCents", () => {
  it("round-trip every amount exactly", () => {
    fc.assert(
      fc.property(cents, (c) => {
        expect(toCents(fromCents(c))).toBe(c);
      }),
    );
    expect(toCents("12.5")).toBe(1250n);
    expect(fromCents(-5n)).toBe("-0.05");
  });
});

describe("sumsByCurrency", () => {
  it("adds 0.10 + 0.20 to exactly 0.30 and keeps currencies apart", () => {
    const result = sumsByCurrency([
      { amount: "0.10", currency: "EUR", probability: 100 },
      { amount: "0.20", currency: "EUR", probability: 100 },
      { amount: "5.00", currency: "CHF", probability: 10 },
      { amount: null, currency: "USD", probability: 50 },
    ]);
    expect(result.sum).toEqual([
      { amount: "5.00", currency: "CHF" },
      { amount: "0.30", currency: "EUR" },
    ]);
    expect(result.weightedSum).toEqual([
      { amount: "0.50", currency: "CHF" },
      { amount: "0.30", currency: "EUR" },
    ]);
  });

  it("rounds the weighted total once, half away from zero", () => {
    const deals = [
      { amount: "0.05", currency: "EUR", probability: 50 },
      { amount: "0.05", currency: "EUR", probability: 50 },
    ];
    // 0.025 + 0.025 = 0.05 exactly; rounding per deal would give 0.06.
    expect(sumsByCurrency(deals).weightedSum).toEqual([{ amount: "0.05", currency: "EUR" }]);
    expect(
      sumsByCurrency([deals[0] ?? { amount: "0", currency: "EUR", probability: 0 }]).weightedSum,
    ).toEqual([{ amount: "0.03", currency: "EUR" }]);
  });

  it("never weights above the sum for probabilities 0–100, and is order independent", () => {
    const deal = fc.record({
      amount: fc.bigInt({ min: 0n, max: 10n ** 12n }).map(fromCents),
      currency: fc.constantFrom("EUR", "CHF"),
      probability: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(deal, { maxLength: 40 }), (list) => {
        const a = sumsByCurrency(list);
        expect(sumsByCurrency([...list].reverse())).toEqual(a);
        for (const [i, s] of a.sum.entries())
          expect(toCents(a.weightedSum[i]?.amount ?? "0")).toBeLessThanOrEqual(toCents(s.amount));
      }),
    );
  });

  it("agrees with the database-side totals (columnTotals)", () => {
    const deal = fc.record({
      amount: fc.bigInt({ min: 0n, max: 10n ** 10n }).map(fromCents),
      currency: fc.constantFrom("EUR", "USD"),
      probability: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(fc.array(deal, { minLength: 1, maxLength: 20 }), (list) => {
        const byCurrency = new Map<string, { sum: bigint; weighted: bigint }>();
        for (const d of list) {
          const t = byCurrency.get(d.currency) ?? { sum: 0n, weighted: 0n };
          t.sum += toCents(d.amount);
          t.weighted += toCents(d.amount) * BigInt(d.probability);
          byCurrency.set(d.currency, t);
        }
        // What PostgreSQL answers: sum(amount) and sum(amount * probability) as numeric text.
        const rows = [...byCurrency].map(([currency, t]) => ({
          currency,
          sum: fromCents(t.sum),
          weighted: fromCents(t.weighted),
        }));
        expect(columnTotals(rows)).toEqual(sumsByCurrency(list));
      }),
    );
  });
});
