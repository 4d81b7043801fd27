import type { Bant, BantState } from "../lead-model";
import type { UpdateLeadRequest } from "../leads-api";

/** BANT as the form holds it; paths match the API's (bant.budget.amount) for server errors. */
export interface BantValues {
  budget: { state: BantState; amount: number | string; currency: string };
  authority: { state: BantState; detail: string };
  need: { state: BantState; detail: string };
  timeline: { state: BantState; date: string | null };
}

export function bantValues(bant: Bant): BantValues {
  return {
    budget: {
      state: bant.budget.state,
      amount: bant.budget.amount ? Number(bant.budget.amount) : "",
      currency: bant.budget.currency ?? "EUR",
    },
    authority: { state: bant.authority.state, detail: bant.authority.detail ?? "" },
    need: { state: bant.need.state, detail: bant.need.detail ?? "" },
    timeline: { state: bant.timeline.state, date: bant.timeline.date ?? null },
  };
}

export function bantBody(values: BantValues): NonNullable<UpdateLeadRequest["bant"]> {
  const hasAmount = values.budget.amount !== "" && Number.isFinite(Number(values.budget.amount));
  return {
    budget: {
      state: values.budget.state,
      amount: hasAmount ? Number(values.budget.amount).toFixed(2) : null,
      currency: hasAmount ? values.budget.currency : null,
    },
    authority: { state: values.authority.state, detail: values.authority.detail.trim() || null },
    need: { state: values.need.state, detail: values.need.detail.trim() || null },
    timeline: { state: values.timeline.state, date: values.timeline.date },
  };
}
