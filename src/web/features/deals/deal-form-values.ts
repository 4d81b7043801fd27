import type { Money } from "@shared/schemas/fields";
import type { ReactNode } from "react";
import type { DealContactValue } from "./deal-contacts-field";
import type { CreateDealRequest } from "./deals-api";

/** The create form; paths match the API's (amount.amount, contacts.0.contactId), so server errors land beside the input. */
export interface DealCreateValues {
  title: string;
  pipelineId: string | null;
  stageId: string | null;
  amount: { amount: number | string; currency: string };
  expectedCloseDate: string | null;
  companyId: string | null;
  contacts: DealContactValue[];
  ownerId: string | null;
}

/** An amount input (number or "") as the API's money, or null when empty. */
export function moneyBody(value: { amount: number | string; currency: string }): Money | null {
  if (value.amount === "" || value.amount === null) return null;
  return { amount: Number(value.amount).toFixed(2), currency: value.currency || "EUR" };
}

export const contactsBody = (contacts: DealContactValue[]) =>
  contacts.map(({ contactId, isPrimary }) => ({ contactId, isPrimary }));

export function createDealBody(values: DealCreateValues): CreateDealRequest {
  return {
    title: values.title.trim(),
    pipelineId: values.pipelineId ?? undefined,
    stageId: values.stageId ?? undefined,
    amount: moneyBody(values.amount),
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
