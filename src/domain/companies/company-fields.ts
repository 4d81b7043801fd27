/**
 * A company's fields, named once: merge plans, audit diffs and the CSV export take their lists
 * from here, so a new field is added in one place.
 */

/** What the company is and how to reach it, beside its name and website. */
export const COMPANY_PROFILE_FIELDS = ["industry", "size", "vatId", "phone", "email"] as const;

/** Fields whose value the user picks from one side in the merge screen (tags are kept from both). */
export const COMPANY_MERGE_FIELDS = [
  "name",
  "website",
  ...COMPANY_PROFILE_FIELDS,
  "billingAddress",
  "shippingAddress",
  "parentCompanyId",
  "ownerId",
  "description",
] as const;
export type CompanyMergeField = (typeof COMPANY_MERGE_FIELDS)[number];

/** What `company.updated` and `company.merged` entries compare (stored columns). */
export const COMPANY_AUDITED_FIELDS = [...COMPANY_MERGE_FIELDS, "teamId", "tags", "customFields"] as const;
