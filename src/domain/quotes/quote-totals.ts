import { divideRounded, fromScaled, toScaled, trimDecimal } from "./decimal";

/**
 * A quote's (and its invoice's) sums, computed by the server only (issue #19): each line's net is
 * quantity × unit price less the line's discount, rounded commercially to the cent per line; the net
 * total is the sum of the rounded lines; VAT is computed once per rate on the sum of that rate's
 * lines (as German invoices show it, § 14 UStG "Steuerbetrag je Steuersatz") and rounded; gross is
 * net plus VAT.
 */

/** Scales: quantities to 1/1000, money to the cent, percentages to 1/100 of a percent. */
export const QUANTITY_SCALE = 3;
export const MONEY_SCALE = 2;
export const PERCENT_SCALE = 2;

export interface LineInput {
  /** Decimal string, > 0, at most 3 decimals. */
  quantity: string;
  /** Decimal string, net per unit, at most 2 decimals. */
  unitPrice: string;
  /** Decimal string, 0 to 100, at most 2 decimals. */
  discountPercent: string;
  /** Decimal string, e.g. "19". */
  vatRate: string;
}

export interface VatAmount {
  rate: string;
  /** The net sum taxed at this rate. */
  base: string;
  amount: string;
}

export interface QuoteTotals {
  /** Each line's net after discount, rounded to the cent, in the order given. */
  lines: string[];
  net: string;
  /** One entry per rate, highest rate first. */
  vat: VatAmount[];
  vatTotal: string;
  gross: string;
}

const HUNDRED_PERCENT = 100n * 10n ** BigInt(PERCENT_SCALE);

/** One line's net in cents, rounded commercially. */
export function lineNetCents(line: LineInput): bigint {
  const quantity = toScaled(line.quantity, QUANTITY_SCALE);
  const price = toScaled(line.unitPrice, MONEY_SCALE);
  const keep = HUNDRED_PERCENT - toScaled(line.discountPercent, PERCENT_SCALE);
  return divideRounded(quantity * price * keep, 10n ** BigInt(QUANTITY_SCALE) * HUNDRED_PERCENT);
}

/** VAT in cents on a net sum in cents at a rate. */
export function vatCents(netCents: bigint, rate: string): bigint {
  return divideRounded(netCents * toScaled(rate, PERCENT_SCALE), HUNDRED_PERCENT);
}

/** The totals of a list of lines (an empty quote totals 0.00). */
export function quoteTotals(lines: readonly LineInput[]): QuoteTotals {
  const lineCents = lines.map(lineNetCents);
  const perRate = new Map<string, bigint>();
  lines.forEach((line, index) => {
    const rate = trimDecimal(fromScaled(toScaled(line.vatRate, PERCENT_SCALE), PERCENT_SCALE));
    perRate.set(rate, (perRate.get(rate) ?? 0n) + (lineCents[index] ?? 0n));
  });
  const rates = [...perRate.keys()].sort((a, b) =>
    Number(toScaled(b, PERCENT_SCALE) - toScaled(a, PERCENT_SCALE)),
  );
  let vatTotal = 0n;
  const vat = rates.map((rate) => {
    const base = perRate.get(rate) ?? 0n;
    const amount = vatCents(base, rate);
    vatTotal += amount;
    return { rate, base: money(base), amount: money(amount) };
  });
  const net = lineCents.reduce((sum, cents) => sum + cents, 0n);
  return {
    lines: lineCents.map(money),
    net: money(net),
    vat,
    vatTotal: money(vatTotal),
    gross: money(net + vatTotal),
  };
}

const money = (cents: bigint) => fromScaled(cents, MONEY_SCALE);
/** Adds decimal money strings exactly. */
export const addMoney = (...amounts: string[]) =>
  money(amounts.reduce((sum, a) => sum + toScaled(a, MONEY_SCALE), 0n));
/** a − b, exactly. */
export const subtractMoney = (a: string, b: string) =>
  money(toScaled(a, MONEY_SCALE) - toScaled(b, MONEY_SCALE));
/** Compares two money strings: negative, zero or positive. */
export const compareMoney = (a: string, b: string) => {
  const d = toScaled(a, MONEY_SCALE) - toScaled(b, MONEY_SCALE);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
