import { fromScaled, toScaled, trimDecimal } from "./decimal";
import { PERCENT_SCALE } from "./quote-totals";

/** The German rates (19 % standard, 7 % reduced, 0 % e.g. for exports); admins may add custom ones. */
export const STANDARD_VAT_RATES = ["19", "7", "0"] as const;

/** A rate as the API writes it: `"19.00"` and `"19"` are the same rate, `"19"`. */
export const normaliseRate = (rate: string) =>
  trimDecimal(fromScaled(toScaled(rate, PERCENT_SCALE), PERCENT_SCALE));

/** Whether `rate` is one of the offered rates (the standard ones and the custom ones of the settings). */
export function isKnownRate(rate: string, customRates: readonly string[]): boolean {
  try {
    const wanted = normaliseRate(rate);
    return [...STANDARD_VAT_RATES, ...customRates].some((r) => normaliseRate(r) === wanted);
  } catch {
    return false;
  }
}
