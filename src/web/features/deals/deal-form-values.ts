import { MONEY_RULES, toAmountString } from "@shared/locale-number";
import type { Money } from "@shared/schemas/fields";
import type { NumberReader } from "@web/components/number-field";
import type { ReactNode } from "react";
import type { DealContactValue } from "./deal-contacts-field";
import type { CreateDealRequest } from "./deals-api";

/** The create form; paths match the API's (amount.amount, contacts.0.contactId), so server errors land beside the input. */
export interface DealCreateValues {
  title: string;
  pipelineId: string | null;
  stageId: string | null;
  amount: MoneyValue;
  expectedCloseDate: string | null;
  companyId: string | null;
  contacts: DealContactValue[];
  ownerId: string | null;
}

/** An amount as its field holds it: the text as typed in the user's locale, and the currency. */
export interface MoneyValue {
  amount: string;
  currency: string;
}

/** A stored amount as the field shows it for editing. */
export const moneyValue = (money: Money | null, numbers: NumberReader): MoneyValue => ({
  amount: numbers.format(money ? Number(money.amount) : null, MONEY_RULES),
  currency: money?.currency ?? "EUR",
});

/** The message beside an amount the user's locale cannot read, or null. */
export const moneyError = (value: MoneyValue, numbers: NumberReader) =>
  numbers.error(value.amount, MONEY_RULES, value.currency);

/** An amount field as the API's money, or null when empty (validation has refused anything unreadable). */
export function moneyBody(value: MoneyValue, numbers: NumberReader): Money | null {
  const reading = numbers.read(value.amount, MONEY_RULES, value.currency);
  if (reading.kind !== "number") return null;
  return { amount: toAmountString(reading.value), currency: value.currency || "EUR" };
}

export const contactsBody = (contacts: DealContactValue[]) =>
  contacts.map(({ contactId, isPrimary }) => ({ contactId, isPrimary }));

export function createDealBody(values: DealCreateValues, numbers: NumberReader): CreateDealRequest {
  return {
    title: values.title.trim(),
    pipelineId: values.pipelineId ?? undefined,
    stageId: values.stageId ?? undefined,
    amount: moneyBody(values.amount, numbers),
    expectedCloseDate: values.expectedCloseDate || null,
    companyId: values.companyId,
    contacts: contactsBody(values.contacts),
    ownerId: values.ownerId,
  };
}

/** The contacts field shows every server error about its list (`contacts`, `contacts.1.contactId`). */
export function contactsError(errors: Record<string, unknown>): ReactNode {
  const key = Object.keys(errors).find((path) => path === "contacts" || path.startsWith("contacts."));
  return key ? (errors[key] as ReactNode) : null;
}
