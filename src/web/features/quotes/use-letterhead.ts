import { STANDARD_VAT_RATES } from "@domain/quotes/vat-rates";
import { useQuery } from "@tanstack/react-query";
import { useFormat } from "@web/i18n/use-format";
import { letterheadApi } from "./quotes-api";

export const letterheadKey = ["settings", "letterhead"] as const;

export const useLetterhead = () =>
  useQuery({ queryKey: letterheadKey, queryFn: ({ signal }) => letterheadApi.get(signal) });

/**
 * The VAT rates offered in product and quote line pickers: 19, 7, 0 and the custom ones of
 * Settings → Letterhead, each with the admin's note ("Reverse Charge") beside its label ("0 %"). `keep` stays offered
 * even when no longer in the settings, so an older line still shows its rate.
 */
export function useVatRateOptions(keep: readonly string[] = []) {
  const letterhead = useLetterhead();
  const format = useFormat();
  const custom = letterhead.data?.customVatRates ?? [];
  const labels = new Map((letterhead.data?.vatRateLabels ?? []).map((l) => [Number(l.rate), l.label]));
  const rates = [...new Set([...STANDARD_VAT_RATES, ...custom, ...keep])];
  return rates.map((rate) => ({
    value: rate,
    label: `${format.number(Number(rate))} %`,
    note: labels.get(Number(rate)) ?? null,
  }));
}
