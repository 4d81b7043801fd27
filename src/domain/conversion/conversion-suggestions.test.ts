import { describe, expect, it } from "vitest";
import {
  companyDomainOfEmail,
  companyReasons,
  contactReasons,
  type LeadMatchKeys,
  rankByReasons,
} from "./conversion-suggestions";

const lead: LeadMatchKeys = {
  email: "Joerdis@Mueller-Bau.de",
  phones: ["+49301234567"],
  firstName: "Jördis",
  lastName: "Müller",
  companyName: "Müller Bau GmbH",
  domains: ["mueller-bau.de"],
};
const contact = {
  email: null,
  emails: [],
  phoneNormalized: null,
  firstName: null,
  lastName: "Someone",
  companyName: null,
};

describe("contactReasons", () => {
  it("names each way a contact matches: email (any of its emails, any case), phone, name at company", () => {
    expect(contactReasons(lead, { ...contact, emails: ["joerdis@mueller-bau.de"] })).toEqual(["email"]);
    expect(contactReasons(lead, { ...contact, phoneNormalized: "+49301234567" })).toEqual(["phone"]);
    expect(
      contactReasons(lead, {
        ...contact,
        firstName: "jordis",
        lastName: "MULLER",
        companyName: "müller bau gmbh",
      }),
    ).toEqual(["name_company"]);
    expect(contactReasons(lead, { ...contact, lastName: "Müller", companyName: "Other AG" })).toEqual([]);
  });
});

describe("companyReasons", () => {
  it("matches by name (case and accents ignored) and by domain", () => {
    expect(companyReasons(lead, { name: "MULLER BAU GMBH", domain: null })).toEqual(["company_name"]);
    expect(companyReasons(lead, { name: "MB", domain: "mueller-bau.de" })).toEqual(["website_domain"]);
  });
});

describe("companyDomainOfEmail", () => {
  it("gives the company domain of a business address, none for free mail", () => {
    expect(companyDomainOfEmail("a@Mueller-Bau.de")).toBe("mueller-bau.de");
    expect(companyDomainOfEmail("a@gmail.com")).toBeNull();
    expect(companyDomainOfEmail(null)).toBeNull();
  });
});

describe("rankByReasons", () => {
  it("puts the strongest evidence first and drops candidates without a reason", () => {
    const ranked = rankByReasons([
      { id: "a", reasons: ["phone" as const] },
      { id: "b", reasons: [] },
      { id: "c", reasons: ["email" as const, "phone" as const] },
    ]);
    expect(ranked.map((r) => r.id)).toEqual(["c", "a"]);
  });
});
