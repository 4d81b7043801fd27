import { MONEY_RULES, toAmountString } from "@shared/locale-number";
import type { NumberReader } from "@web/components/number-field";
import type { Bant, BantState } from "../lead-model";
import type { UpdateLeadRequest } from "../leads-api";

/**
 * BANT as the form holds it; paths match the API's (bant.budget.amount) for server errors. The budget
 * is the text as typed in the user's locale.
 */
export interface BantValues {
  budget: { state: BantState; amount: string; currency: string };
  authority: { state: BantState; detail: string };
  need: { state: BantState; detail: string };
  timeline: { state: BantState; date: string | null };
}

export function bantValues(bant: Bant, numbers: NumberReader): BantValues {
  return {
    budget: {
      state: bant.budget.state,
      amount: numbers.format(bant.budget.amount ? Number(bant.budget.amount) : null, MONEY_RULES),
      currency: bant.budget.currency ?? "EUR",
    },
    authority: { state: bant.authority.state, detail: bant.authority.detail ?? "" },
    need: { state: bant.need.state, detail: bant.need.detail ?? "" },
    timeline: { state: bant.timeline.state, date: bant.timeline.date ?? null },
  };
}

/** The message beside a budget the user's locale cannot read, or null. */
export const budgetError = (values: BantValues, numbers: NumberReader) =>
  numbers.error(values.budget.amount, MONEY_RULES, values.budget.currency);

export function bantBody(values: BantValues, numbers: NumberReader): NonNullable<UpdateLeadRequest["bant"]> {
  const reading = numbers.read(values.budget.amount, MONEY_RULES, values.budget.currency);
  const amount = reading.kind === "number" ? toAmountString(reading.value) : null;
  return {
    budget: {
      state: values.budget.state,
      amount,
      currency: amount === null ? null : values.budget.currency,
    },
    authority: { state: values.authority.state, detail: values.authority.detail.trim() || null },
    need: { state: values.need.state, detail: values.need.detail.trim() || null },
    timeline: { state: values.timeline.state, date: values.timeline.date },
  };
}
