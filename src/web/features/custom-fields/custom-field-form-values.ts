import { MONEY_RULES, type NumberRules, toAmountString } from "@shared/locale-number";
import type { NumberReader } from "@web/components/number-field";
import type { CustomField } from "./custom-fields-api";

/** A number field takes up to four decimals, either sign. */
export const CUSTOM_NUMBER_RULES: NumberRules = {
  maximumFractionDigits: 4,
  min: -999_999_999_999,
  max: 999_999_999_999,
};

/** One field's value as a form holds it: text as typed, a day, choices, a tick, or money as typed. */
export type CustomFormValue = string | string[] | boolean | null | { amount: string; currency: string };
export type CustomFormValues = Record<string, CustomFormValue>;

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** The form values of a record's custom fields (every defined key present, so errors land beside it). */
export function customFormValues(
  fields: readonly CustomField[],
  values: Record<string, unknown>,
  numbers: NumberReader,
): CustomFormValues {
  const form: CustomFormValues = {};
  for (const field of fields) {
    const value = values[field.key];
    switch (field.type) {
      case "number":
        form[field.key] = typeof value === "number" ? numbers.format(value, CUSTOM_NUMBER_RULES) : "";
        break;
      case "money": {
        const money = (value ?? {}) as { amount?: unknown; currency?: unknown };
        form[field.key] = {
          amount: typeof money.amount === "string" ? numbers.format(Number(money.amount), MONEY_RULES) : "",
          currency: typeof money.currency === "string" ? money.currency : "EUR",
        };
        break;
      }
      case "multi_choice":
        form[field.key] = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
        break;
      case "checkbox":
        form[field.key] = value === true;
        break;
      case "date":
      case "choice":
      case "user":
        form[field.key] = typeof value === "string" ? value : null;
        break;
      default:
        form[field.key] = text(value);
    }
  }
  return form;
}

/** What the API takes: a value per key, null for an empty one (which clears it). */
export function customFieldsBody(
  fields: readonly CustomField[],
  form: CustomFormValues,
  numbers: NumberReader,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = form[field.key];
    switch (field.type) {
      case "number": {
        const reading = numbers.read(text(value), CUSTOM_NUMBER_RULES);
        // An unreadable number is sent as typed, so the server names the field.
        body[field.key] = reading.kind === "number" ? reading.value : text(value).trim() || null;
        break;
      }
      case "money": {
        const money = (value ?? { amount: "", currency: "EUR" }) as { amount: string; currency: string };
        const reading = numbers.read(money.amount, MONEY_RULES, money.currency);
        body[field.key] =
          reading.kind === "number"
            ? { amount: toAmountString(reading.value), currency: money.currency || "EUR" }
            : money.amount.trim()
              ? { amount: money.amount, currency: money.currency }
              : null;
        break;
      }
      case "multi_choice":
        body[field.key] = Array.isArray(value) && value.length > 0 ? value : null;
        break;
      case "checkbox":
        body[field.key] = value === true;
        break;
      default:
        body[field.key] = typeof value === "string" && value.trim() ? value.trim() : null;
    }
  }
  return body;
}

/** Only the keys whose value changed, so a save does not write back others' values. */
export function changedCustomFields(
  body: Record<string, unknown>,
  before: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).filter(
      ([key, value]) => JSON.stringify(value ?? null) !== JSON.stringify(before[key] ?? null),
    ),
  );
}
