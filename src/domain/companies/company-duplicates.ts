import { foldName } from "@domain/contacts/name-fold";

export const COMPANY_DUPLICATE_REASONS = ["website_domain", "company_name"] as const;
export type CompanyDuplicateReason = (typeof COMPANY_DUPLICATE_REASONS)[number];

export interface CompanyIdentity {
  name: string;
  domain: string | null;
}

/** Legal forms that do not tell two companies apart ("Acme GmbH" and "ACME" are one company). */
const LEGAL_FORMS =
  /\b(gmbh & co\.? kg|gmbh|mbh|ag|kg|ohg|gbr|ug|e\.? ?k|e\.? ?v|se|inc|ltd|llc|plc|corp|co|sarl|s\.?a|bv|nv|oy|ab)\b\.?/g;

/** The core of a company name: folded, legal form and punctuation dropped. */
export function companyNameKey(name: string): string {
  return foldName(name.toLowerCase().replace(LEGAL_FORMS, " "))
    .replace(/[^\p{L}\p{N} ]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function companyDuplicateReasons(
  subject: CompanyIdentity,
  candidate: CompanyIdentity,
): CompanyDuplicateReason[] {
  const reasons: CompanyDuplicateReason[] = [];
  if (subject.domain && subject.domain === candidate.domain) reasons.push("website_domain");
  const key = companyNameKey(subject.name);
  if (key !== "" && key === companyNameKey(candidate.name)) reasons.push("company_name");
  return reasons;
}
