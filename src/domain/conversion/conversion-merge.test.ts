import { describe, expect, it } from "vitest";
import {
  CONTACT_LEAD_FIELDS,
  companyMergeRows,
  contactMergeRows,
  type MergeContact,
  type MergeLead,
  planCompanyMerge,
  planContactMerge,
} from "./conversion-merge";

const lead: MergeLead = {
  salutation: "Frau",
  title: null,
  firstName: "Anna",
  lastName: "Müller",
  jobTitle: "Einkauf",
  department: null,
  email: "anna@neu.de",
  phone: "030 123456",
  mobile: "+49 171 1",
  companyName: "Bau GmbH",
  website: "https://www.bau.de",
  street: "Hauptstraße 1",
  postalCode: "10115",
  city: "Berlin",
  country: "DE",
};
const contact: MergeContact = {
  salutation: "Frau",
  title: "Dr.",
  firstName: "Anna",
  lastName: "Müller",
  jobTitle: null,
  department: "Vertrieb",
  emails: [{ value: "anna@alt.de", type: "work", primary: true }],
  phones: [{ value: "+49 30 123456", type: "work", primary: true }],
  addresses: [],
};

describe("contactMergeRows", () => {
  it("lists only fields where the lead has a value the contact lacks, 'both' only for emails and phones", () => {
    const rows = contactMergeRows(lead, contact);
    // Phone: the same digits in another spelling count as the same number.
    expect(rows.map((r) => [r.field, r.record, r.choices.join("|"), r.suggested])).toEqual([
      ["jobTitle", null, "keep|lead", "lead"],
      ["email", "anna@alt.de", "keep|lead|both", "keep"],
      ["mobile", null, "keep|lead", "lead"],
      ["address", null, "keep|lead", "lead"],
    ]);
    expect(rows.every((r) => (CONTACT_LEAD_FIELDS as readonly string[]).includes(r.field))).toBe(true);
  });
});

describe("planContactMerge", () => {
  it("takes, adds beside, or keeps per choice; names choices of fields the lead has no value for", () => {
    const plan = planContactMerge(lead, contact, {
      jobTitle: "lead",
      email: "both",
      mobile: "both",
      department: "lead",
      title: "lead",
      salutation: "lead",
    });
    expect(plan.patch).toEqual({
      jobTitle: "Einkauf",
      emails: [
        { value: "anna@alt.de", type: "work", primary: true },
        { value: "anna@neu.de", type: "work", primary: false },
      ],
      phones: [
        { value: "+49 30 123456", type: "work", primary: true },
        { value: "+49 171 1", type: "mobile", primary: false },
      ],
    });
    // A record without a mobile: adding it is taking it.
    expect(plan.taken).toEqual({ jobTitle: "lead", email: "both", mobile: "lead" });
    expect(plan.empty).toEqual(["title", "department"]);
  });

  it("replaces the primary email with the lead's, keeping its place and type", () => {
    const plan = planContactMerge(lead, contact, { email: "lead" });
    expect(plan.patch.emails).toEqual([{ value: "anna@neu.de", type: "work", primary: true }]);
  });
});

describe("company merge", () => {
  it("compares websites by domain and phones by digits, and takes the lead's address", () => {
    const company = { name: "Bau GmbH", website: "bau.de", phone: "030-123456", billingAddress: null };
    expect(companyMergeRows(lead, company).map((r) => r.field)).toEqual(["billingAddress"]);
    const plan = planCompanyMerge(lead, company, { billingAddress: "lead", name: "lead" });
    expect(plan.patch).toEqual({
      billingAddress: { street: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "DE" },
    });
    expect(plan.taken).toEqual({ billingAddress: "lead" });
  });
});
