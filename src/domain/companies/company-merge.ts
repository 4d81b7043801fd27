import { type MergeSide, pickValue, unionBy } from "@domain/contacts/merge-values";
import { COMPANY_MERGE_FIELDS, type CompanyMergeField } from "./company-fields";

export type CompanyMergeChoices = Partial<Record<CompanyMergeField, MergeSide>>;

export interface MergeableCompany {
  id: string;
  name: string;
  website: string | null;
  industry: string | null;
  size: string | null;
  vatId: string | null;
  phone: string | null;
  email: string | null;
  billingAddress: unknown;
  shippingAddress: unknown;
  parentCompanyId: string | null;
  ownerId: string | null;
  description: string | null;
  tags: string[];
}

/**
 * The survivor after the merge: each field from the chosen side (`pickValue` without a choice), tags
 * of both. The parent can be neither of the two (the loser disappears, and a company is not its own
 * parent): such a parent falls back to the other side's, else none.
 */
export function planCompanyMerge(
  survivor: MergeableCompany,
  loser: MergeableCompany,
  choices: CompanyMergeChoices,
): MergeableCompany {
  const merged = { ...survivor };
  for (const field of COMPANY_MERGE_FIELDS) {
    (merged as Record<string, unknown>)[field] = pickValue(survivor[field], loser[field], choices[field]);
  }
  merged.name = merged.name || survivor.name;
  const usable = (id: string | null) => (id !== survivor.id && id !== loser.id ? id : null);
  const chosen = merged.parentCompanyId;
  const other = chosen === survivor.parentCompanyId ? loser.parentCompanyId : survivor.parentCompanyId;
  merged.parentCompanyId = usable(chosen) ?? usable(other);
  merged.tags = unionBy(survivor.tags, loser.tags, (t) => t);
  return merged;
}
