import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { companyDuplicateReasons, companyNameKey } from "./company-duplicates";
import { COMPANY_MERGE_FIELDS } from "./company-fields";
import { type CompanyMergeChoices, type MergeableCompany, planCompanyMerge } from "./company-merge";

const ids = ["c1", "c2", "c3", "c4"] as const;
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const company = (id: string): fc.Arbitrary<MergeableCompany> =>
  fc.record({
    id: fc.constant(id),
    name: fc.string({ minLength: 1, maxLength: 6 }),
    website: maybe(fc.constantFrom("https://a.de", "https://b.de")),
    industry: maybe(fc.string({ maxLength: 4 })),
    size: maybe(fc.constantFrom("1-10", "11-50")),
    vatId: maybe(fc.constantFrom("DE123", "ATU1")),
    phone: maybe(fc.constantFrom("+49 30 1", "+49 30 2")),
    email: maybe(fc.constantFrom("a@a.de")),
    billingAddress: maybe(fc.record({ city: fc.constantFrom("Berlin", "Wien") })),
    shippingAddress: maybe(fc.record({ city: fc.constantFrom("Berlin", "Wien") })),
    parentCompanyId: maybe(fc.constantFrom(...ids)),
    ownerId: maybe(fc.uuid()),
    description: maybe(fc.string({ maxLength: 5 })),
    tags: fc.uniqueArray(fc.constantFrom("a", "b"), { maxLength: 2 }),
  });
const choices: fc.Arbitrary<CompanyMergeChoices> = fc.record(
  Object.fromEntries(
    COMPANY_MERGE_FIELDS.map((f) => [f, fc.constantFrom("survivor" as const, "loser" as const)]),
  ),
  { requiredKeys: [] },
);

describe("planCompanyMerge", () => {
  it("takes chosen values, keeps both sides' tags, and never makes either company the parent", () => {
    fc.assert(
      fc.property(company("c1"), company("c2"), choices, (survivor, loser, picked) => {
        const merged = planCompanyMerge(survivor, loser, picked);
        for (const field of ["website", "industry", "vatId", "billingAddress", "ownerId"] as const) {
          const choice = picked[field];
          if (choice) expect(merged[field]).toEqual(choice === "loser" ? loser[field] : survivor[field]);
        }
        expect(merged.id).toBe("c1");
        expect(["c1", "c2"]).not.toContain(merged.parentCompanyId);
        for (const tag of [...survivor.tags, ...loser.tags]) expect(merged.tags).toContain(tag);
      }),
    );
  });
});

describe("companyDuplicateReasons", () => {
  it("matches the website domain and the name without its legal form, accents or case", () => {
    expect(companyNameKey("Müller & Söhne GmbH")).toBe(companyNameKey("MULLER & SOHNE"));
    expect(
      companyDuplicateReasons({ name: "Acme GmbH", domain: "acme.de" }, { name: "ACME", domain: "acme.de" }),
    ).toEqual(["website_domain", "company_name"]);
    expect(companyDuplicateReasons({ name: "Acme", domain: null }, { name: "Apex", domain: null })).toEqual(
      [],
    );
  });
});
