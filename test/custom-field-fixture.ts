import { insertDefinition } from "@server/modules/custom-fields/custom-field.repository";
import type { CustomFieldEntity, CustomFieldType } from "@shared/schemas/custom-field";
import { expect } from "vitest";
import type { Client, TestApp } from "./app";

/**
 * Custom field definitions for the tests of issue #20 (definitions, list filters, exports, imports):
 * the example fields an admin adds ("Branche", "Mitarbeiter", "Erstanruf", …) and the two ways a test
 * makes one, through the API or as a field made before a rule refused its label.
 */

type Label = { de: string; en: string };
export type FieldOption = { value: string; label: Label };

/** A definition's body without its entity: what a test names and asserts on. */
export interface FieldSpec {
  key: string;
  type: CustomFieldType;
  label: Label;
  options?: FieldOption[];
  filterable?: boolean;
  required?: boolean;
}

/** A choice's option; the English label is the German one unless given. */
export const option = (value: string, de: string, en = de): FieldOption => ({ value, label: { de, en } });

/** The choice "Branche" with the options a test reads back. */
export const brancheField = (options: FieldOption[]): FieldSpec => ({
  key: "branche",
  type: "choice",
  label: { de: "Branche", en: "Industry" },
  options,
});
export const firstCallField = (key: string): FieldSpec => ({
  key,
  type: "date",
  label: { de: "Erstanruf", en: "First call" },
});
export const staffField: FieldSpec = {
  key: "staff",
  type: "number",
  label: { de: "Mitarbeiter", en: "Staff" },
};
export const ndaField: FieldSpec = { key: "nda", type: "checkbox", label: { de: "NDA", en: "NDA" } };
export const championField: FieldSpec = {
  key: "champion",
  type: "user",
  label: { de: "Fürsprecher", en: "Champion" },
};
export const moneyField = (key: string): FieldSpec => ({
  key,
  type: "money",
  label: { de: "Budget", en: "Budget" },
});
export const topicsField = (options: FieldOption[]): FieldSpec => ({
  key: "themen",
  type: "multi_choice",
  label: { de: "Themen", en: "Topics" },
  options,
});

/**
 * One lead field of every kind an export writes (choice, multiple choice, number, money, date,
 * checkbox, user, text): the export tests' set.
 */
export const exportFields: readonly FieldSpec[] = [
  brancheField([option("bau", "Bauwesen", "Construction")]),
  topicsField([option("crm", "Kundenpflege", "Customer care"), option("erp", "Warenwirtschaft", "ERP")]),
  staffField,
  moneyField("budget"),
  firstCallField("firstCall"),
  ndaField,
  championField,
  { key: "motto", type: "text", label: { de: "Motto", en: "Motto" } },
];

/** Defines one field through the API as `admin`; anything but 201 fails the test. */
export async function defineField(admin: Client, body: { entity: CustomFieldEntity } & FieldSpec) {
  const response = await admin.post("/api/v1/custom-fields", body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; key: string; version: number };
}

/** Defines the entity's fields in this order (their form order). */
export async function defineFields(admin: Client, entity: CustomFieldEntity, specs: readonly FieldSpec[]) {
  const made = [];
  for (const spec of specs) made.push(await defineField(admin, { entity, ...spec }));
  return made;
}

/**
 * A field as it may exist from before its label was refused (a company's own "Branche", labelled like
 * the built-in industry): written into the table as the API once did, then the app's cache re-read.
 */
export async function defineFieldFromBefore(t: TestApp, entity: CustomFieldEntity, spec: FieldSpec) {
  const row = await insertDefinition(t.database.db, {
    entity,
    key: spec.key,
    type: spec.type,
    label: spec.label,
    options: spec.options ?? [],
    required: spec.required ?? false,
    filterable: spec.filterable ?? false,
  });
  await t.app.customFields.reload();
  return { id: row.id, key: row.key, version: row.version };
}
