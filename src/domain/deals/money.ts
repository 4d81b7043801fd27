/**
 * Decimal-safe money maths for the board totals: amounts are decimal strings with at most two
 * fraction digits (API.md), summed as integer cents in BigInt so no float rounding ever shows.
 * Weighted amounts (amount × probability %) are computed exactly in 1/100 cents and rounded half
 * away from zero to cents once, per currency total, not per deal.
 */
export interface MoneyAmount {
  amount: string;
  currency: string;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** "1234.5" → 123450n cents. */
export function toCents(amount: string): bigint {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new Error(`not a decimal amount: ${amount}`);
  const [, sign, whole = "0", fraction = ""] = match;
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
  return sign === "-" ? -cents : cents;
}

/** 123450n → "1234.50". */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const fraction = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/** Divides with rounding half away from zero. */
function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

export interface Weighable {
  amount: string | null;
  currency: string;
  /** Effective probability, 0–100. */
  probability: number;
}

/**
 * Sum and weighted sum per currency (sorted by currency code), ignoring deals without an amount.
 * Money in different currencies is never added together.
 */
export function sumsByCurrency(deals: Iterable<Weighable>): {
  sum: MoneyAmount[];
  weightedSum: MoneyAmount[];
} {
  const totals = new Map<string, { cents: bigint; weighted: bigint }>();
  for (const deal of deals) {
    if (deal.amount === null) continue;
    const cents = toCents(deal.amount);
    const t = totals.get(deal.currency) ?? { cents: 0n, weighted: 0n };
    t.cents += cents;
    t.weighted += cents * BigInt(deal.probability); // in 1/100 cents
    totals.set(deal.currency, t);
  }
  const currencies = [...totals.keys()].sort();
  return {
    sum: currencies.map((c) => ({ amount: fromCents(totals.get(c)?.cents ?? 0n), currency: c })),
    weightedSum: currencies.map((c) => ({
      amount: fromCents(divRound(totals.get(c)?.weighted ?? 0n, 100n)),
      currency: c,
    })),
  };
}

/**
 * Adds totals that the database already summed exactly (numeric) per currency: `sum` in currency
 * units, `weighted` in currency units × percent (amount × probability). Rounds the weighted total to cents.
 */
export function columnTotals(rows: Iterable<{ currency: string; sum: string; weighted: string }>): {
  sum: MoneyAmount[];
  weightedSum: MoneyAmount[];
} {
  const list = [...rows].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
  return {
    sum: list.map((r) => ({ amount: fromCents(toCents(r.sum)), currency: r.currency })),
    weightedSum: list.map((r) => ({
      amount: fromCents(divRound(toCents(r.weighted), 100n)),
      currency: r.currency,
    })),
  };
}
