import { Button, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconPencil } from "@tabler/icons-react";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { useNumberReader } from "@web/components/number-field";
import { SectionCard } from "@web/components/section-card";
import { LeadDataList } from "@web/features/leads/detail/lead-data-list";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { customValueNode } from "./custom-field-display";
import {
  type CustomFormValues,
  changedCustomFields,
  customFieldsBody,
  customFormValues,
} from "./custom-field-form-values";
import { CustomFieldInputs } from "./custom-field-inputs";
import type { CustomFieldEntity } from "./custom-fields-api";
import { useCustomFields } from "./use-custom-fields";

interface CustomFieldsCardProps {
  entity: CustomFieldEntity;
  values: Record<string, unknown>;
  readOnly?: boolean;
  /** Saves the changed values (`{ customFields }` in a PATCH); throws the API's error. */
  save: (customFields: Record<string, unknown>) => Promise<unknown>;
}

/** The custom fields of a record's page: their values, and an edit form with errors beside each field. */
export function CustomFieldsCard({ entity, values, readOnly, save }: CustomFieldsCardProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { names } = useOwnerOptions();
  const { fields } = useCustomFields(entity);
  const [editing, setEditing] = useState(false);
  if (fields.length === 0) return null;
  const title = t("customFields.cardTitle");
  const lang = i18n.language === "de" ? "de" : "en";
  const ctx = { t, lang, format, userName: (id: string) => names.get(id) ?? "—" } as const;
  return (
    <SectionCard
      title={title}
      actions={
        !readOnly &&
        !editing && (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPencil size={14} aria-hidden />}
            aria-label={t("leads.detail.editSection", { section: title })}
            onClick={() => setEditing(true)}
          >
            {t("common.edit")}
          </Button>
        )
      }
    >
      {editing ? (
        <CustomFieldsForm entity={entity} values={values} save={save} onDone={() => setEditing(false)} />
      ) : (
        <LeadDataList
          items={fields.map((field) => ({
            label: field.label[lang],
            value: customValueNode(field, values[field.key], ctx),
          }))}
        />
      )}
    </SectionCard>
  );
}

function CustomFieldsForm({
  entity,
  values,
  save,
  onDone,
}: Omit<CustomFieldsCardProps, "readOnly"> & { onDone: () => void }) {
  const numbers = useNumberReader();
  const { fields } = useCustomFields(entity);
  const form = useForm<{ customFields: CustomFormValues }>({
    initialValues: { customFields: customFormValues(fields, values, numbers) },
  });
  const submit = form.onSubmit(async (formValues) => {
    try {
      const changes = changedCustomFields(customFieldsBody(fields, formValues.customFields, numbers), values);
      if (Object.keys(changes).length > 0) await save(changes);
      onDone();
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <CustomFieldInputs
          fields={fields}
          columns={1}
          inputProps={(path, options) => form.getInputProps(path, options)}
        />
        <FormActions onCancel={onDone} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
