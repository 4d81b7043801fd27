import type { CustomFieldEntity } from "@web/features/custom-fields/custom-fields-api";
import { useCustomFields } from "@web/features/custom-fields/use-custom-fields";
import { useTranslation } from "react-i18next";
import type { Import } from "./imports-api";

/**
 * The import's targets with the entity's custom fields (`cf.<key>`, issue #20) added: their labels in
 * the user's language, and the options of choice fields as value-mapping choices.
 */
export function useImportCustomFields(imp: Import) {
  const { i18n } = useTranslation();
  const lang = i18n.language === "de" ? "de" : "en";
  const { fields } = useCustomFields(imp.entity as CustomFieldEntity);
  const byTarget = new Map(fields.map((f) => [`cf.${f.key}`, f]));
  const withCustom: Import = {
    ...imp,
    fields: [...imp.fields, ...byTarget.keys()],
    choices: {
      ...imp.choices,
      ...Object.fromEntries(
        [...byTarget]
          .filter(([, f]) => f.type === "choice" || f.type === "multi_choice")
          .map(([target, f]) => [target, f.options.map((o) => o.value)]),
      ),
    },
  };
  return {
    imp: withCustom,
    /** A custom target's label, or null for a built-in field. */
    fieldLabel: (target: string) => byTarget.get(target)?.label[lang] ?? null,
    /** A custom choice's label, or null. */
    optionLabel: (target: string, code: string) =>
      byTarget.get(target)?.options.find((o) => o.value === code)?.label[lang] ?? null,
  };
}
