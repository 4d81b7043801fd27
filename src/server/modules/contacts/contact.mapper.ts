import type { Principal } from "@domain/access-policy";
import type { LeadSource } from "@domain/leads/lead-source";
import { abilitiesOf } from "@domain/policy/policy";
import { customFieldsOfRow } from "@server/modules/custom-fields/custom-field.mapper";
import {
  ADDRESS_TYPES,
  type AddressType,
  type Contact,
  EMAIL_TYPES,
  type EmailType,
  PHONE_TYPES,
  type PhoneType,
} from "@shared/schemas/contact";
import type { ContactRow } from "./contact.repository";

const iso = (d: Date | null) => d?.toISOString() ?? null;
const str = (v: unknown) => (typeof v === "string" ? v : null);

/**
 * jsonb has no CHECK: rows written outside the API (imports, seeds) may carry a type the API does not
 * know. It reads as `other` instead of breaking the response schema.
 */
const typeIn = <T extends string>(allowed: readonly T[], value: unknown, fallback: T): T =>
  allowed.find((a) => a === value) ?? fallback;

const entries = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null)
    : [];

function points<T extends string>(value: unknown, types: readonly T[], fallback: T) {
  return entries(value)
    .filter((e) => typeof e.value === "string")
    .map((e) => ({
      value: String(e.value),
      type: typeIn(types, e.type, fallback),
      primary: e.primary === true,
    }));
}

/** The stored emails and phones as typed lists (the base a change is applied to). */
export const contactPointsOf = (row: Pick<ContactRow, "emails" | "phones">) => ({
  emails: points<EmailType>(row.emails, EMAIL_TYPES, "other"),
  phones: points<PhoneType>(row.phones, PHONE_TYPES, "other"),
});

/**
 * The API shape of a contact as `reader` sees it, from explicit columns only (search_text never leaks).
 */
export function toContact(row: ContactRow, companyName: string | null, reader: Principal): Contact {
  return {
    id: row.id,
    version: row.version,
    externalId: row.externalId,
    salutation: row.salutation,
    title: row.title,
    formality: row.formality === "informal" ? "informal" : "formal",
    firstName: row.firstName,
    lastName: row.lastName,
    companyId: row.companyId,
    companyName: row.companyId ? companyName : null,
    jobTitle: row.jobTitle,
    department: row.department,
    ...contactPointsOf(row),
    email: row.email,
    phone: row.phone,
    addresses: entries(row.addresses).map((a) => ({
      type: typeIn<AddressType>(ADDRESS_TYPES, a.type, "other"),
      street: str(a.street),
      postalCode: str(a.postalCode),
      city: str(a.city),
      country: str(a.country),
    })),
    birthday: row.birthday,
    leadSource: row.leadSource as LeadSource | null,
    ownerId: row.ownerId,
    teamId: row.teamId,
    description: row.description,
    tags: row.tags,
    customFields: customFieldsOfRow(row.customFields),
    marketingConsent: { given: row.marketingConsent, source: row.consentSource, at: iso(row.consentAt) },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesOf(reader, "contact", row),
  };
}
