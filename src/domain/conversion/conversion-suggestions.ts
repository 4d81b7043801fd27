/**
 * Which existing contacts and companies look like the lead, and why (API.md: `email`, `phone`,
 * `name_company`, `company_name`, `website_domain`). The repository fetches candidates that match any
 * criterion; these functions say which criteria each candidate meets and order them, strongest first.
 * `linked` marks the contact or company the lead is already linked to (its `contactId`/`companyId`).
 */
export const CONTACT_MATCH_REASONS = ["email", "phone", "name_company", "linked"] as const;
export const COMPANY_MATCH_REASONS = ["company_name", "website_domain", "linked"] as const;
export type ContactMatchReason = (typeof CONTACT_MATCH_REASONS)[number];
export type CompanyMatchReason = (typeof COMPANY_MATCH_REASONS)[number];

/** Mail providers whose domain says nothing about the company a person works for. */
const FREE_MAIL = new Set([
  "gmail.com",
  "googlemail.com",
  "gmx.de",
  "gmx.net",
  "gmx.at",
  "gmx.ch",
  "web.de",
  "t-online.de",
  "freenet.de",
  "yahoo.com",
  "yahoo.de",
  "outlook.com",
  "outlook.de",
  "hotmail.com",
  "hotmail.de",
  "live.com",
  "icloud.com",
  "me.com",
  "posteo.de",
  "mailbox.org",
  "aol.com",
  "proton.me",
  "protonmail.com",
]);

/** The company domain an email address points to, unless it is a free-mail provider. */
export function companyDomainOfEmail(email: string | null | undefined): string | null {
  const domain = email?.split("@")[1]?.trim().toLowerCase();
  if (!domain || FREE_MAIL.has(domain)) return null;
  return domain.replace(/^www\./, "");
}

/** Case- and accent-insensitive comparison key for names. */
export function nameKey(value: string | null | undefined): string {
  return (value ?? "").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

export interface LeadMatchKeys {
  email: string | null;
  phones: string[];
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  domains: string[];
}

export interface ContactCandidate {
  email: string | null;
  emails: string[];
  phoneNormalized: string | null;
  firstName: string | null;
  lastName: string;
  companyName: string | null;
}

export function contactReasons(lead: LeadMatchKeys, c: ContactCandidate): ContactMatchReason[] {
  const reasons: ContactMatchReason[] = [];
  // Trimmed and lower-cased, as contacts.email_keys holds them (the query that found the candidate).
  const email = lead.email?.trim().toLowerCase();
  if (email && [c.email, ...c.emails].some((e) => e?.trim().toLowerCase() === email)) reasons.push("email");
  if (c.phoneNormalized && lead.phones.includes(c.phoneNormalized)) reasons.push("phone");
  const sameName =
    nameKey(lead.lastName) !== "" &&
    nameKey(lead.lastName) === nameKey(c.lastName) &&
    (!lead.firstName || !c.firstName || nameKey(lead.firstName) === nameKey(c.firstName));
  if (sameName && nameKey(lead.companyName) !== "" && nameKey(lead.companyName) === nameKey(c.companyName))
    reasons.push("name_company");
  return reasons;
}

export interface CompanyCandidate {
  name: string;
  domain: string | null;
}

export function companyReasons(lead: LeadMatchKeys, c: CompanyCandidate): CompanyMatchReason[] {
  const reasons: CompanyMatchReason[] = [];
  if (nameKey(lead.companyName) !== "" && nameKey(lead.companyName) === nameKey(c.name))
    reasons.push("company_name");
  if (c.domain && lead.domains.includes(c.domain.toLowerCase())) reasons.push("website_domain");
  return reasons;
}

const WEIGHT: Record<ContactMatchReason | CompanyMatchReason, number> = {
  email: 4,
  phone: 2,
  name_company: 3,
  website_domain: 3,
  company_name: 2,
  linked: 10,
};

/** Strongest evidence first: the sum of the reasons' weights. Candidates without a reason drop out. */
export function rankByReasons<T extends { reasons: (ContactMatchReason | CompanyMatchReason)[] }>(
  items: T[],
): T[] {
  const score = (item: T) => item.reasons.reduce((sum, r) => sum + WEIGHT[r], 0);
  return items.filter((i) => i.reasons.length > 0).sort((a, b) => score(b) - score(a));
}
