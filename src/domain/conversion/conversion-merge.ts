/**
 * The conversion's merge preview (issue #20 point 2): when a lead is converted into an existing
 * contact or company, which of the lead's values differ from the record's, and what each per-field
 * choice makes of the record. `keep` leaves the record's value, `lead` takes the lead's, `both` (emails
 * and phones only) adds the lead's value as a further entry of the contact. Pure: the service applies
 * the patch through the contact's or company's own update, in the conversion's transaction.
 */
import { domainOfWebsite } from "@domain/companies/company-domain";
import { type ContactPoint, sameDigits, sameEmail, withOnePrimary } from "@domain/contacts/contact-points";
import { normalizePhone } from "@domain/phone-number";

export const MERGE_CHOICES = ["keep", "lead", "both"] as const;
export type MergeChoice = (typeof MERGE_CHOICES)[number];

/** The contact fields a lead has a value for, in the order the dialog lists them. */
export const CONTACT_LEAD_FIELDS = [
  "salutation",
  "title",
  "firstName",
  "lastName",
  "jobTitle",
  "department",
  "email",
  "phone",
  "mobile",
  "address",
] as const;
export type ContactLeadField = (typeof CONTACT_LEAD_FIELDS)[number];
/** Fields whose lead value can be added beside the record's ("both"): a contact keeps several. */
export const CONTACT_BOTH_FIELDS = [
  "email",
  "phone",
  "mobile",
] as const satisfies readonly ContactLeadField[];

export const COMPANY_LEAD_FIELDS = ["name", "website", "phone", "billingAddress"] as const;
export type CompanyLeadField = (typeof COMPANY_LEAD_FIELDS)[number];

export interface MergeRow<F extends string> {
  field: F;
  /** The lead's value, as text (an address on one line). */
  lead: string;
  /** The record's value, null when it has none. */
  record: string | null;
  choices: MergeChoice[];
  /** What the dialog preselects: keep, except where the record has nothing. */
  suggested: "keep" | "lead";
}

export interface MergeAddress {
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
}

/** The lead's fields the merge reads. */
export interface MergeLead extends MergeAddress {
  salutation: string | null;
  title: string | null;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  department: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  companyName: string | null;
  website: string | null;
}

export interface MergeContact {
  salutation: string | null;
  title: string | null;
  firstName: string | null;
  lastName: string;
  jobTitle: string | null;
  department: string | null;
  emails: ContactPoint[];
  phones: ContactPoint[];
  addresses: (MergeAddress & { type: string })[];
}

export interface MergeCompany {
  name: string;
  website: string | null;
  phone: string | null;
  billingAddress: MergeAddress | null;
}

const present = (v: string | null | undefined): v is string => typeof v === "string" && v.trim() !== "";

/** "Hauptstraße 1, 10115 Berlin, DE"; null when every part is empty. */
export function addressLine(a: MergeAddress | null | undefined): string | null {
  if (!a) return null;
  const place = [a.postalCode, a.city].filter(present).join(" ");
  const line = [a.street, place, a.country].filter(present).join(", ");
  return line || null;
}

const leadAddress = (lead: MergeLead): MergeAddress => ({
  street: lead.street,
  postalCode: lead.postalCode,
  city: lead.city,
  country: lead.country,
});

/** The same number in any spelling ("030 123456" and "+49 30 123456"), as duplicate matching compares. */
const samePhone = (a: string, b: string) => {
  const [x, y] = [normalizePhone(a), normalizePhone(b)];
  return x !== null && y !== null ? x === y : sameDigits(a, b);
};
const sameText = (a: string, b: string | null) => b !== null && a.trim() === b.trim();
const sameAddress = (a: string, b: string | null) =>
  b !== null && a.toLowerCase().replace(/\s+/g, " ") === b.toLowerCase().replace(/\s+/g, " ");

/** The contact's work phone (any type but mobile, the primary first) and its mobile. */
function phoneEntry(phones: readonly ContactPoint[], mobile: boolean): ContactPoint | undefined {
  const ordered = withOnePrimary(phones).sort((a, b) => Number(b.primary) - Number(a.primary));
  return ordered.find((p) => (p.type === "mobile") === mobile);
}

interface FieldFacts {
  lead: string | null;
  record: string | null;
  /** The lead's value already is the record's (for lists: any of its entries). */
  same: boolean;
  both: boolean;
}

function contactFacts(lead: MergeLead, c: MergeContact, field: ContactLeadField): FieldFacts {
  const scalar = (l: string | null, r: string | null): FieldFacts => ({
    lead: l,
    record: present(r) ? r : null,
    same: present(l) && sameText(l, r),
    both: false,
  });
  switch (field) {
    case "salutation":
    case "title":
    case "firstName":
    case "lastName":
    case "jobTitle":
    case "department":
      return scalar(lead[field], c[field]);
    case "email": {
      const primary = withOnePrimary(c.emails).find((p) => p.primary)?.value ?? null;
      const l = lead.email;
      return {
        lead: l,
        record: primary,
        same: present(l) && c.emails.some((e) => sameEmail(e.value, l)),
        both: true,
      };
    }
    case "phone":
    case "mobile": {
      const l = field === "phone" ? lead.phone : lead.mobile;
      const entry = phoneEntry(c.phones, field === "mobile");
      return {
        lead: l,
        record: entry?.value ?? null,
        same: present(l) && c.phones.some((p) => samePhone(p.value, l)),
        both: true,
      };
    }
    case "address": {
      const l = addressLine(leadAddress(lead));
      const r = addressLine(c.addresses[0]);
      return { lead: l, record: r, same: present(l) && sameAddress(l, r), both: false };
    }
    default: {
      const unreachable: never = field;
      return unreachable;
    }
  }
}

function companyFacts(lead: MergeLead, c: MergeCompany, field: CompanyLeadField): FieldFacts {
  switch (field) {
    case "name":
      return {
        lead: lead.companyName,
        record: c.name,
        same: present(lead.companyName) && sameText(lead.companyName, c.name),
        both: false,
      };
    case "website": {
      const l = lead.website;
      const r = present(c.website) ? c.website : null;
      const same = present(l) && r !== null && (domainOfWebsite(l) ?? l) === (domainOfWebsite(r) ?? r);
      return { lead: l, record: r, same, both: false };
    }
    case "phone": {
      const r = present(c.phone) ? c.phone : null;
      return {
        lead: lead.phone,
        record: r,
        same: present(lead.phone) && r !== null && samePhone(lead.phone, r),
        both: false,
      };
    }
    case "billingAddress": {
      const l = addressLine(leadAddress(lead));
      const r = addressLine(c.billingAddress);
      return { lead: l, record: r, same: present(l) && sameAddress(l, r), both: false };
    }
    default: {
      const unreachable: never = field;
      return unreachable;
    }
  }
}

function rowsOf<F extends string>(fields: readonly F[], facts: (f: F) => FieldFacts): MergeRow<F>[] {
  return fields.flatMap((field) => {
    const f = facts(field);
    if (!present(f.lead) || f.same) return [];
    const choices: MergeChoice[] = f.both && f.record !== null ? ["keep", "lead", "both"] : ["keep", "lead"];
    return [
      { field, lead: f.lead, record: f.record, choices, suggested: f.record === null ? "lead" : "keep" },
    ];
  });
}

/** The contact fields where the lead has a value the contact does not have. */
export function contactMergeRows(lead: MergeLead, contact: MergeContact): MergeRow<ContactLeadField>[] {
  return rowsOf(CONTACT_LEAD_FIELDS, (f) => contactFacts(lead, contact, f));
}

export function companyMergeRows(lead: MergeLead, company: MergeCompany): MergeRow<CompanyLeadField>[] {
  return rowsOf(COMPANY_LEAD_FIELDS, (f) => companyFacts(lead, company, f));
}

/** What the merge takes from the lead, per field; `empty` names choices of a field the lead has no value for. */
export interface MergePlan<F extends string, P> {
  patch: P;
  taken: Partial<Record<F, Exclude<MergeChoice, "keep">>>;
  empty: F[];
}

export interface ContactPatch {
  salutation?: string;
  title?: string;
  firstName?: string;
  lastName?: string;
  jobTitle?: string;
  department?: string;
  emails?: ContactPoint[];
  phones?: ContactPoint[];
  addresses?: (MergeAddress & { type: string })[];
}

/** Replaces `entry` in the list by the value (same type and primary flag), else adds it. */
function putPoint(
  list: ContactPoint[],
  entry: ContactPoint | undefined,
  value: string,
  type: string,
  add: boolean,
) {
  const normalised = withOnePrimary(list);
  if (!add && entry) return normalised.map((p) => (p.value === entry.value ? { ...p, value } : p));
  return withOnePrimary([...normalised, { value, type, primary: normalised.length === 0 }]);
}

/**
 * The contact after the choices: each chosen field that still differs is taken ("lead") or added
 * ("both", which on a record without a value is the same as "lead"). Choices of fields that already
 * agree change nothing; a choice for a field the lead has no value for is listed in `empty`.
 */
export function planContactMerge(
  lead: MergeLead,
  contact: MergeContact,
  choices: Partial<Record<ContactLeadField, MergeChoice>>,
): MergePlan<ContactLeadField, ContactPatch> {
  const rows = new Map(contactMergeRows(lead, contact).map((r) => [r.field, r]));
  const patch: ContactPatch = {};
  const taken: MergePlan<ContactLeadField, ContactPatch>["taken"] = {};
  const empty: ContactLeadField[] = [];
  let emails = contact.emails;
  let phones = contact.phones;
  for (const field of CONTACT_LEAD_FIELDS) {
    const choice = choices[field];
    if (!choice || choice === "keep") continue;
    const facts = contactFacts(lead, contact, field);
    if (!present(facts.lead)) {
      empty.push(field);
      continue;
    }
    if (!rows.has(field)) continue;
    const value = facts.lead.trim();
    const add = choice === "both";
    taken[field] = add && facts.record !== null ? "both" : "lead";
    switch (field) {
      case "email":
        emails = putPoint(
          emails,
          withOnePrimary(emails).find((p) => p.primary),
          value,
          "work",
          add,
        );
        patch.emails = emails;
        break;
      case "phone":
      case "mobile":
        phones = putPoint(
          phones,
          phoneEntry(phones, field === "mobile"),
          value,
          field === "mobile" ? "mobile" : "work",
          add,
        );
        patch.phones = phones;
        break;
      case "address": {
        const [first, ...rest] = contact.addresses;
        const place = leadAddress(lead);
        patch.addresses = first ? [{ ...first, ...place }, ...rest] : [{ type: "other", ...place }];
        break;
      }
      default:
        patch[field] = value;
    }
  }
  return { patch, taken, empty };
}

export interface CompanyPatch {
  name?: string;
  website?: string;
  phone?: string;
  billingAddress?: MergeAddress;
}

export function planCompanyMerge(
  lead: MergeLead,
  company: MergeCompany,
  choices: Partial<Record<CompanyLeadField, MergeChoice>>,
): MergePlan<CompanyLeadField, CompanyPatch> {
  const rows = new Map(companyMergeRows(lead, company).map((r) => [r.field, r]));
  const patch: CompanyPatch = {};
  const taken: MergePlan<CompanyLeadField, CompanyPatch>["taken"] = {};
  const empty: CompanyLeadField[] = [];
  for (const field of COMPANY_LEAD_FIELDS) {
    const choice = choices[field];
    if (!choice || choice === "keep") continue;
    const facts = companyFacts(lead, company, field);
    if (!present(facts.lead)) {
      empty.push(field);
      continue;
    }
    if (!rows.has(field)) continue;
    taken[field] = "lead";
    if (field === "billingAddress")
      patch.billingAddress = { ...company.billingAddress, ...leadAddress(lead) };
    else patch[field] = facts.lead.trim();
  }
  return { patch, taken, empty };
}
