import de from "@web/i18n/de.json";
import en from "@web/i18n/en.json";
import { describe, expect, it } from "vitest";
import { BUILT_IN_LABEL_GROUPS, builtInLabels, clashesWithBuiltIn } from "./custom-field-labels";

const group = (texts: unknown, path: string) =>
  path.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], texts);
const labelsOf = (texts: unknown, entity: keyof typeof BUILT_IN_LABEL_GROUPS) =>
  builtInLabels(BUILT_IN_LABEL_GROUPS[entity].map((path) => group(texts, path)));

describe("builtInLabels", () => {
  it("holds a company's industry in each language, compared without case or outer spaces", () => {
    expect(clashesWithBuiltIn(" branche", labelsOf(de, "company"))).toBe(true);
    expect(clashesWithBuiltIn("Industry", labelsOf(en, "company"))).toBe(true);
    expect(clashesWithBuiltIn("Industry", labelsOf(de, "company"))).toBe(false);
  });

  it("knows the list columns too, but no hint or placeholder text", () => {
    expect(clashesWithBuiltIn("Gewichtet", labelsOf(de, "deal"))).toBe(true);
    expect(clashesWithBuiltIn("Niemand", labelsOf(de, "deal"))).toBe(false);
    expect(clashesWithBuiltIn("Kampagne, Veranstaltung oder Formular", labelsOf(de, "lead"))).toBe(false);
  });

  it("leaves a lead's Branche free: leads have no industry of their own", () => {
    expect(clashesWithBuiltIn("Branche", labelsOf(de, "lead"))).toBe(false);
  });
});
