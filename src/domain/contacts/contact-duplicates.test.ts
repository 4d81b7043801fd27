import { describe, expect, it } from "vitest";
import { contactDuplicateReasons } from "./contact-duplicates";

const base = { firstName: "Jürgen", lastName: "Müller", companyId: null, emails: [], phones: [] };

describe("contactDuplicateReasons", () => {
  it("names each reason two contacts look alike", () => {
    expect(
      contactDuplicateReasons(
        { ...base, companyId: "c", emails: ["J.Mueller@Acme.de"], phones: ["+49301234"] },
        {
          ...base,
          firstName: "jurgen",
          lastName: "MULLER",
          companyId: "c",
          emails: ["j.mueller@acme.de"],
          phones: ["+49301234"],
        },
      ),
    ).toEqual(["email", "phone", "name_company"]);
  });

  it("does not match a name alone without the same company", () => {
    expect(contactDuplicateReasons(base, { ...base })).toEqual([]);
    expect(contactDuplicateReasons({ ...base, companyId: "a" }, { ...base, companyId: "b" })).toEqual([]);
  });
});
