import { useNumberReader } from "@web/components/number-field";
import { useEffect } from "react";
import { type CustomFormValues, customFieldsBody, customFormValues } from "./custom-field-form-values";
import type { CustomFieldEntity } from "./custom-fields-api";
import { useCustomFields } from "./use-custom-fields";

/** How the hook reads and fills the form's `customFields` (kept narrow, so any form type fits). */
interface CustomFormSlot {
  current: () => CustomFormValues;
  set: (values: CustomFormValues) => void;
}

/**
 * The custom-field part of a create form: the entity's fields, their empty form values once the
 * definitions have arrived (every key present, so a 400 `customFields.<key>` lands beside its input),
 * and the body the API takes.
 */
export function useCustomFormFields(entity: CustomFieldEntity, slot: CustomFormSlot) {
  const numbers = useNumberReader();
  const { fields } = useCustomFields(entity);
  const keys = fields.map((f) => f.key).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: refilled when the set of fields changes, not on every render
  useEffect(() => {
    if (Object.keys(slot.current()).join(",") !== keys) slot.set(customFormValues(fields, {}, numbers));
  }, [keys]);
  return {
    fields,
    initial: () => customFormValues(fields, {}, numbers),
    body: (values: CustomFormValues) => customFieldsBody(fields, values, numbers),
  };
}
