import type { MoneyAmount } from "./money";
import { fromCents, toCents } from "./money";

export type DealStatus = "open" | "won" | "lost";

/**
 * A deal's win probability (0–100). A closed deal is certain: won 100 %, lost 0 %, whatever its
 * stage or override said (#18, point 7). An open deal has its own override when set, else its
 * stage's default.
 */
export function effectiveProbability(
  override: number | null | undefined,
  stageProbability: number,
  status: DealStatus | string = "open",
): number {
  if (status === "won") return 100;
  if (status === "lost") return 0;
  return override ?? stageProbability;
}

/**
 * The weighted amount of one deal (amount × probability, rounded half away from zero to cents).
 * Sums and forecasts add only open deals: a closed deal is revenue (or none), not a chance.
 */
export function weightedAmount(deal: {
  amount: MoneyAmount | null;
  probability: number;
}): MoneyAmount | null {
  if (!deal.amount) return null;
  const hundredths = toCents(deal.amount.amount) * BigInt(deal.probability);
  const negative = hundredths < 0n;
  const abs = negative ? -hundredths : hundredths;
  const rounded = (abs + 50n) / 100n;
  return { amount: fromCents(negative ? -rounded : rounded), currency: deal.amount.currency };
}
