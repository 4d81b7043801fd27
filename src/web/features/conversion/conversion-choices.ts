import type { TFunction } from "i18next";
import type { ConversionSuggestions } from "./conversion-api";
import type { ChoiceOption } from "./record-choice";

export const NEW = "new";
export const NONE = "none";

const joined = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(" · ") || null;

/** Reasons strong enough to pick the existing record by default (a duplicate is worse than a link). */
const STRONG_CONTACT = new Set(["linked", "email"]);

export function contactOptions(s: ConversionSuggestions, t: TFunction): ChoiceOption[] {
  const p = s.prefill.contact;
  const name = [p.firstName, p.lastName].filter(Boolean).join(" ");
  return [
    {
      value: NEW,
      label: t("conversion.contact.new", { name: name || t("conversion.contact.unnamed") }),
      description: joined(p.emails[0]?.value, p.jobTitle),
    },
    ...s.contacts.map((c) => ({
      value: c.id,
      label: c.name,
      description: joined(c.email, c.phone, c.companyName),
      reasons: c.reasons,
    })),
  ];
}

export function companyOptions(s: ConversionSuggestions, t: TFunction): ChoiceOption[] {
  const p = s.prefill.company;
  return [
    ...(p.name
      ? [{ value: NEW, label: t("conversion.company.new", { name: p.name }), description: p.website }]
      : []),
    ...s.companies.map((c) => ({
      value: c.id,
      label: c.name,
      description: joined(c.domain, c.city),
      reasons: c.reasons,
    })),
    { value: NONE, label: t("conversion.company.none") },
  ];
}

export function defaultContactChoice(s: ConversionSuggestions): string {
  const top = s.contacts[0];
  return top?.reasons.some((r) => STRONG_CONTACT.has(r)) ? top.id : NEW;
}

export function defaultCompanyChoice(s: ConversionSuggestions): string {
  return s.companies[0]?.id ?? (s.prefill.company.name ? NEW : NONE);
}

/** The request's contact and company parts for a choice (new: the prefill as the server makes it). */
export function contactPart(choice: string, create: Record<string, unknown> = {}) {
  return choice === NEW ? { create } : { existingId: choice };
}
export function companyPart(choice: string, create: Record<string, unknown> = {}) {
  if (choice === NONE) return null;
  return choice === NEW ? { create } : { existingId: choice };
}
