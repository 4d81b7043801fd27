import { describe, expect, it } from "vitest";
import { type EmailValues, renderTemplate, unknownPlaceholders } from "./email-template";

const values: EmailValues = {
  greeting: "Hallo Anna,",
  quoteNumber: "AN-2026-0001",
  validUntil: "23.12.2026",
  total: "285,60 €",
  contactName: "Anna Schmidt",
  customerCompany: "{{total}}\nGmbH",
  senderName: "Max",
  companyName: "Leadwerk",
};

describe("unknownPlaceholders", () => {
  it("names each unknown placeholder once, in order, and accepts spaces inside the braces", () => {
    expect(unknownPlaceholders("{{ quoteNumber }} {{foo}} {{bar}} {{foo}} {single}")).toEqual(["foo", "bar"]);
    expect(unknownPlaceholders("")).toEqual([]);
  });
});

describe("renderTemplate", () => {
  it("puts values in once: a value that looks like a placeholder stays as typed", () => {
    expect(renderTemplate("{{greeting}} {{customerCompany}}", values)).toBe("Hallo Anna, {{total}}\nGmbH");
  });
  it("folds line breaks into spaces for a subject line", () => {
    expect(renderTemplate("Angebot {{quoteNumber}} für {{customerCompany}}", values, true)).toBe(
      "Angebot AN-2026-0001 für {{total}} GmbH",
    );
  });
});
