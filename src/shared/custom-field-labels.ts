import type { CustomFieldEntity } from "./schemas/custom-field";

/**
 * Where the UI's texts name an entity's own fields, as forms, detail pages, list headers and filters
 * show them. A custom field labelled like one of these would read as that field beside it (a
 * company's "Branche", issue #20): new ones are refused, old ones are shown marked.
 */
export const BUILT_IN_LABEL_GROUPS: Record<CustomFieldEntity, readonly string[]> = {
  lead: ["leads.fields", "leads.columns"],
  contact: ["contacts.fields"],
  company: ["companies.fields"],
  deal: ["deal.fields", "deal.columns"],
};

/** Entries of those groups that name no field (a hint under an input, the "nobody" of an owner). */
const NOT_FIELD_NAMES: ReadonlySet<string> = new Set(["sourceDetailHint", "noOwner", "customFields"]);

/** Labels compare without case and with spaces folded: "branche " is "Branche". */
export const labelKey = (label: string) => label.trim().replace(/\s+/g, " ").toLocaleLowerCase("de");

/** The built-in labels in one language, from that language's resolved groups (objects of texts). */
export function builtInLabels(groups: readonly unknown[], more: readonly string[] = []): Set<string> {
  const labels = new Set(more.map(labelKey));
  for (const group of groups) {
    if (group === null || typeof group !== "object") continue;
    for (const [name, text] of Object.entries(group)) {
      if (typeof text === "string" && !NOT_FIELD_NAMES.has(name)) labels.add(labelKey(text));
    }
  }
  return labels;
}

/** Whether a custom field's label reads like one of the built-in labels. */
export const clashesWithBuiltIn = (label: string, builtIn: ReadonlySet<string>) =>
  builtIn.has(labelKey(label));
