import type { NormalisedIntake } from "./normalise";

/** What the database knows about the people and companies of a batch, keyed by the matching keys. */
export interface KnownIdentities {
  /** Contact by lower-case email and by E.164 phone. */
  contactByEmail: ReadonlyMap<string, KnownContact>;
  contactByPhone: ReadonlyMap<string, KnownContact>;
  companyByDomain: ReadonlyMap<string, string>;
  companyByVatId: ReadonlyMap<string, string>;
  /** An open lead of the same source within the window, by email and by E.164 phone. */
  openLeadByEmail: ReadonlyMap<string, string>;
  openLeadByPhone: ReadonlyMap<string, string>;
}

export interface KnownContact {
  id: string;
  companyId: string | null;
}

export type IdentityPlan =
  | { kind: "added"; leadId: string; contactId: string | null }
  | { kind: "added_in_batch"; index: number }
  | { kind: "create"; contactId: string | null; companyId: string | null };

const phonesOf = (row: NormalisedIntake) =>
  [row.phoneE164, row.mobileE164].filter((p): p is string => p !== null);

/** The keys that say "same person": the email, else the phone numbers. */
export function personKeys(row: NormalisedIntake): string[] {
  const keys: string[] = [];
  if (row.email) keys.push(`e:${row.email}`);
  for (const phone of phonesOf(row)) keys.push(`p:${phone}`);
  return keys;
}

/**
 * Decides for each row of a batch, in order: an open lead of the same person (known to the database,
 * or made by an earlier row of this batch) gets the submission added; otherwise a new lead, linked to
 * the known contact (and its company) or to a company found by website domain or VAT id.
 */
export function planIdentities(rows: readonly NormalisedIntake[], known: KnownIdentities): IdentityPlan[] {
  const createdBy = new Map<string, number>();
  return rows.map((row, index) => {
    const phones = phonesOf(row);
    const contact =
      (row.email ? known.contactByEmail.get(row.email) : undefined) ??
      phones.map((p) => known.contactByPhone.get(p)).find(Boolean) ??
      null;
    const openLead =
      (row.email ? known.openLeadByEmail.get(row.email) : undefined) ??
      phones.map((p) => known.openLeadByPhone.get(p)).find(Boolean);
    if (openLead) return { kind: "added", leadId: openLead, contactId: contact?.id ?? null };
    const keys = personKeys(row);
    const earlier = keys.map((k) => createdBy.get(k)).find((i) => i !== undefined);
    if (earlier !== undefined) return { kind: "added_in_batch", index: earlier };
    for (const key of keys) createdBy.set(key, index);
    const companyId =
      contact?.companyId ??
      (row.domain ? known.companyByDomain.get(row.domain) : undefined) ??
      (row.vatId ? known.companyByVatId.get(row.vatId) : undefined) ??
      null;
    return { kind: "create", contactId: contact?.id ?? null, companyId };
  });
}
