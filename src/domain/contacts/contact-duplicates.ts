import { foldName } from "./name-fold";

/** Why two contacts look like the same person (the same words as the conversion suggestions). */
export const CONTACT_DUPLICATE_REASONS = ["email", "phone", "name_company"] as const;
export type ContactDuplicateReason = (typeof CONTACT_DUPLICATE_REASONS)[number];

export interface ContactIdentity {
  firstName: string | null;
  lastName: string | null;
  companyId: string | null;
  /** Every email of the contact, as stored. */
  emails: readonly string[];
  /** Every phone in E.164 form (libphonenumber); unparsable numbers left out. */
  phones: readonly string[];
}

const emailKey = (e: string) => e.trim().toLowerCase();

/** The reasons `candidate` looks like `subject`, in a fixed order; empty when it does not. */
export function contactDuplicateReasons(
  subject: ContactIdentity,
  candidate: ContactIdentity,
): ContactDuplicateReason[] {
  const reasons: ContactDuplicateReason[] = [];
  const emails = new Set(subject.emails.map(emailKey));
  if (candidate.emails.some((e) => emails.has(emailKey(e)))) reasons.push("email");
  const phones = new Set(subject.phones);
  if (candidate.phones.some((p) => phones.has(p))) reasons.push("phone");
  const name = foldName(`${subject.firstName ?? ""} ${subject.lastName ?? ""}`);
  if (
    subject.companyId !== null &&
    subject.companyId === candidate.companyId &&
    name !== "" &&
    name === foldName(`${candidate.firstName ?? ""} ${candidate.lastName ?? ""}`)
  )
    reasons.push("name_company");
  return reasons;
}
