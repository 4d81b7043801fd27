import { builtInLabelsOf } from "@server/modules/custom-fields/built-in-labels";
import { clashesWithBuiltIn } from "@shared/custom-field-labels";
import type { CustomFieldDefinition, CustomFieldEntity } from "@shared/schemas/custom-field";
import type { CellKind } from "./cell-format";
import { type ExportLocale, uiText } from "./export-labels";
import type { ExportColumn } from "./table-export";

/** A record with its custom fields' document: the API's object, or the column as read (any JSON). */
type WithCustomFields = { customFields?: unknown };

const KINDS = {
  text: { type: "text" },
  long_text: { type: "text" },
  url: { type: "text" },
  email: { type: "text" },
  phone: { type: "text" },
  number: { type: "number" },
  money: { type: "money" },
  date: { type: "date" },
  checkbox: { type: "boolean" },
  user: { type: "ref", lookup: "users" },
} as const satisfies Record<Exclude<CustomFieldDefinition["type"], "choice" | "multi_choice">, CellKind>;

/** A field's value; none when the document is not an object (as customFieldsOfRow reads it). */
const customValue = (row: WithCustomFields, key: string): unknown => {
  const fields = row.customFields;
  return typeof fields === "object" && fields !== null && !Array.isArray(fields)
    ? (fields as Record<string, unknown>)[key]
    : undefined;
};

/**
 * A field's header in each language: its label, marked ("Branche (eigenes Feld)") where it reads like
 * a built-in column of the same file, so the two columns can be told apart.
 */
function headerOf(
  entity: CustomFieldEntity,
  label: Record<ExportLocale, string>,
): Record<ExportLocale, string> {
  const header = (locale: ExportLocale) =>
    clashesWithBuiltIn(label[locale], builtInLabelsOf(entity, locale))
      ? uiText(locale, "customFields.marked").replace("{{label}}", label[locale])
      : label[locale];
  return { de: header("de"), en: header("en") };
}

/**
 * One column per live custom field of the entity (issue #20), after the built-in ones: the header is
 * the field's label in the file's language (`cf.<key>` in a raw file, the name `columns=` and the list
 * filters use), values written like the built-in columns of the same kind (choices by their labels,
 * a checkbox as Ja/Nein). A money field writes its amount and, beside it, its currency, as the
 * built-in money columns do. Deleted fields are not among `definitions`, so their kept values stay out.
 */
export function customFieldColumns<T extends WithCustomFields>(
  entity: CustomFieldEntity,
  definitions: readonly CustomFieldDefinition[],
): ExportColumn<T>[] {
  return definitions.flatMap((d): ExportColumn<T>[] => {
    const key = `cf.${d.key}`;
    const label = headerOf(entity, d.label);
    if (d.type === "choice" || d.type === "multi_choice") {
      const labels = new Map(d.options.map((o) => [o.value, o.label]));
      return [
        {
          key,
          label: key,
          header: label,
          kind: { type: "options", labels },
          value: (row) => customValue(row, d.key),
        },
      ];
    }
    if (d.type === "money") {
      const money = (row: T) =>
        customValue(row, d.key) as { amount?: unknown; currency?: unknown } | undefined;
      return [
        { key, label: key, header: label, kind: KINDS.money, value: (row) => money(row)?.amount },
        {
          key: `${key}.currency`,
          label: `${key}.currency`,
          header: { de: `${label.de} (Währung)`, en: `${label.en} (currency)` },
          kind: KINDS.text,
          value: (row) => money(row)?.currency,
        },
      ];
    }
    return [{ key, label: key, header: label, kind: KINDS[d.type], value: (row) => customValue(row, d.key) }];
  });
}
