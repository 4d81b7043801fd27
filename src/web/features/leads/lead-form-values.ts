import type { Formality } from "@domain/contacts/letter-salutation";
import { LEAD_PERSON_FIELDS, type LeadPersonField } from "@domain/leads/lead-fields";
import { MONEY_RULES, toAmountString } from "@shared/locale-number";
import type { NumberReader } from "@web/components/number-field";
import type { Lead, LeadSource } from "./lead-model";
import type { UpdateLeadRequest } from "./leads-api";

/** The person half of a lead as form fields hold it (strings; empty means "not given"), and Sie/Du. */
export type PersonValues = Record<LeadPersonField, string> & { formality: Formality };

/** The inquiry half: what they want, where they came from, what it may be worth. */
export interface InquiryValues {
  interest: string;
  source: LeadSource;
  sourceDetail: string;
  /**
   * Paths match the API's (estimatedValue.amount), so server errors land beside the input. The amount is
   * the text as typed in the user's locale, read only when the form is sent.
   */
  estimatedValue: { amount: string; currency: string };
  tags: string[];
}

export const EMPTY_PERSON = {
  ...(Object.fromEntries(LEAD_PERSON_FIELDS.map((key) => [key, ""])) as Record<LeadPersonField, string>),
  formality: "formal",
} satisfies PersonValues as PersonValues;

const nullIfEmpty = (value: string) => value.trim() || null;

export function personFromLead(lead: Lead): PersonValues {
  const values = { ...EMPTY_PERSON };
  for (const key of LEAD_PERSON_FIELDS) values[key] = lead[key] ?? "";
  values.formality = lead.formality;
  return values;
}

export function personBody(
  values: PersonValues,
): Record<LeadPersonField, string | null> & { formality: Formality } {
  const body = { formality: values.formality } as Record<LeadPersonField, string | null> & {
    formality: Formality;
  };
  for (const key of LEAD_PERSON_FIELDS) body[key] = nullIfEmpty(values[key]);
  return body;
}

export function inquiryFromLead(lead: Lead, numbers: NumberReader): InquiryValues {
  return {
    interest: lead.interest ?? "",
    source: lead.source,
    sourceDetail: lead.sourceDetail ?? "",
    estimatedValue: {
      amount: numbers.format(lead.estimatedValue ? Number(lead.estimatedValue.amount) : null, MONEY_RULES),
      currency: lead.estimatedValue?.currency ?? "EUR",
    },
    tags: lead.tags,
  };
}

/** Refuses an estimated value the user's locale cannot read, beside the field. */
export const inquiryValidation = (numbers: NumberReader) => ({
  estimatedValue: {
    amount: (amount: string, values: { estimatedValue: InquiryValues["estimatedValue"] }) =>
      numbers.error(amount, MONEY_RULES, values.estimatedValue.currency),
  },
});

/** A decimal string with two places, as the API's money type wants it; null when nothing was entered. */
function moneyBody(
  value: InquiryValues["estimatedValue"],
  numbers: NumberReader,
): UpdateLeadRequest["estimatedValue"] {
  const reading = numbers.read(value.amount, MONEY_RULES, value.currency);
  if (reading.kind !== "number") return null;
  return { amount: toAmountString(reading.value), currency: value.currency || "EUR" };
}

export function inquiryBody(
  values: InquiryValues,
  numbers: NumberReader,
): Pick<UpdateLeadRequest, "interest" | "source" | "sourceDetail" | "estimatedValue" | "tags"> {
  return {
    interest: nullIfEmpty(values.interest),
    source: values.source,
    sourceDetail: nullIfEmpty(values.sourceDetail),
    estimatedValue: moneyBody(values.estimatedValue, numbers),
    tags: values.tags,
  };
}

/**
 * Only the fields the user changed, so saving one field does not write back stale values of the
 * others (someone may have changed those meanwhile).
 */
export function changedOnly<T extends object>(body: T, isDirty: (key: string) => boolean): Partial<T> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => isDirty(key))) as Partial<T>;
}
