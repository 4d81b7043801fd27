import type { Formatters } from "@web/i18n/use-format";
import type { Lead } from "./lead-model";

/** The API sends amounts as decimal strings; shown in the user's locale, without ",00" for whole amounts. */
export function formatLeadMoney(format: Formatters, value: Lead["estimatedValue"]): string | null {
  if (!value) return null;
  const amount = Number(value.amount);
  if (!Number.isFinite(amount)) return null;
  const digits = Number.isInteger(amount) ? 0 : 2;
  return format.number(amount, {
    style: "currency",
    currency: value.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
