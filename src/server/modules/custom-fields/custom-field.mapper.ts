import type { CustomField, CustomFieldDefinition } from "@shared/schemas/custom-field";
import type { CustomFieldRow } from "./custom-field.repository";

export function toCustomField(row: CustomFieldRow): CustomField {
  return {
    id: row.id,
    entity: row.entity,
    key: row.key,
    label: { de: row.label.de, en: row.label.en },
    type: row.type,
    options: row.options.map((o) => ({ value: o.value, label: { de: o.label.de, en: o.label.en } })),
    required: row.required,
    help: row.help ? { de: row.help.de, en: row.help.en } : null,
    position: row.position,
    filterable: row.filterable,
    version: row.version,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What checking a record's values needs of a definition. */
export const toDefinition = (row: CustomFieldRow): CustomFieldDefinition => ({
  key: row.key,
  type: row.type,
  options: row.options,
  required: row.required,
  label: row.label,
  filterable: row.filterable,
});

/** A record's `custom_fields` as answered: its values by key (a jsonb object; anything else reads as none). */
export const customFieldsOfRow = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
