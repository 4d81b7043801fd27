import {
  COMPANY_COLUMNS,
  CONTACT_COLUMNS,
  DEAL_COLUMNS,
  LEAD_COLUMNS,
} from "@server/modules/exports/export-columns";
import { type ExportLocale, uiGroup, uiText } from "@server/modules/exports/export-labels";
import { BUILT_IN_LABEL_GROUPS, builtInLabels, clashesWithBuiltIn } from "@shared/custom-field-labels";
import type { CustomFieldEntity } from "@shared/schemas/custom-field";

const EXPORT_COLUMNS: Record<CustomFieldEntity, readonly { label: string }[]> = {
  lead: LEAD_COLUMNS,
  contact: CONTACT_COLUMNS,
  company: COMPANY_COLUMNS,
  deal: DEAL_COLUMNS,
};

const cache = new Map<string, ReadonlySet<string>>();

/**
 * An entity's built-in labels in one language: the UI's field names (forms, lists, filters) and the
 * headers of its export, where a custom field's column stands beside them.
 */
export function builtInLabelsOf(entity: CustomFieldEntity, locale: ExportLocale): ReadonlySet<string> {
  const key = `${entity}:${locale}`;
  let labels = cache.get(key);
  if (!labels) {
    labels = builtInLabels(
      BUILT_IN_LABEL_GROUPS[entity].map((path) => uiGroup(locale, path)),
      EXPORT_COLUMNS[entity].map((c) => uiText(locale, c.label)),
    );
    cache.set(key, labels);
  }
  return labels;
}

/** The languages in which a label reads like a built-in field of the entity. */
export const builtInClashes = (entity: CustomFieldEntity, label: Record<ExportLocale, string>) =>
  (["de", "en"] as const).filter((locale) =>
    clashesWithBuiltIn(label[locale], builtInLabelsOf(entity, locale)),
  );
