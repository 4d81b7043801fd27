import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { CHOICE_TYPES, CUSTOM_FIELD_TYPES, type CustomFieldType } from "@shared/schemas/custom-field";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { useTranslation } from "react-i18next";
import type { CustomField, CustomFieldEntity } from "./custom-fields-api";
import { useCreateCustomField, useUpdateCustomField } from "./use-custom-fields";

interface CustomFieldFormProps {
  entity: CustomFieldEntity;
  /** The field being edited; none: a new one. */
  field?: CustomField | undefined;
  onSaved: () => void;
  onCancel: () => void;
}

interface FormValues {
  key: string;
  type: CustomFieldType;
  label: { de: string; en: string };
  help: { de: string; en: string };
  options: { value: string; label: { de: string; en: string } }[];
  required: boolean;
  filterable: boolean;
}

/** A key from the German label: "Mitarbeiterzahl" → "mitarbeiterzahl", "Größe (m²)" → "groesse_m2". */
export function keyFromLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+|_+$/g, "")
    .slice(0, 40);
}

/** Create or edit a custom field: key (new fields only), labels and help in German and English, options. */
export function CustomFieldForm({ entity, field, onSaved, onCancel }: CustomFieldFormProps) {
  const { t } = useTranslation();
  const create = useCreateCustomField();
  const update = useUpdateCustomField();
  const form = useForm<FormValues>({
    initialValues: {
      key: field?.key ?? "",
      type: field?.type ?? "text",
      label: field?.label ?? { de: "", en: "" },
      help: field?.help ?? { de: "", en: "" },
      options: field?.options ?? [],
      required: field?.required ?? false,
      filterable: field?.filterable ?? false,
    },
    validate: {
      label: {
        de: (v) => (v.trim() ? null : t("validation.required")),
        en: (v) => (v.trim() ? null : t("validation.required")),
      },
      key: (v) => (field || v.trim() ? null : t("validation.required")),
    },
  });
  const isChoice = CHOICE_TYPES.includes(form.values.type);

  const submit = form.onSubmit(async (values) => {
    const common = {
      label: { de: values.label.de.trim(), en: values.label.en.trim() },
      help: values.help.de.trim() || values.help.en.trim() ? values.help : null,
      required: values.required,
      filterable: values.filterable,
      ...(CHOICE_TYPES.includes(values.type) && { options: values.options }),
    };
    try {
      if (field) await update.mutateAsync({ id: field.id, body: { ...common, version: field.version } });
      else await create.mutateAsync({ ...common, entity, key: values.key.trim(), type: values.type });
      onSaved();
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("customFields.labelDe")}
            required
            data-autofocus
            {...form.getInputProps("label.de")}
            onBlur={(event) => {
              if (!field && !form.values.key)
                form.setFieldValue("key", keyFromLabel(event.currentTarget.value));
            }}
          />
          <TextInput label={t("customFields.labelEn")} required {...form.getInputProps("label.en")} />
          <TextInput
            label={t("customFields.key")}
            description={field ? t("customFields.keyFixed") : t("customFields.keyHint")}
            required
            disabled={Boolean(field)}
            {...form.getInputProps("key")}
          />
          <Select
            label={t("customFields.type")}
            data={CUSTOM_FIELD_TYPES.map((type) => ({ value: type, label: t(`customFields.types.${type}`) }))}
            allowDeselect={false}
            disabled={Boolean(field)}
            {...form.getInputProps("type")}
          />
        </SimpleGrid>
        {isChoice && (
          <Fieldset legend={t("customFields.options")} variant="filled" p="sm">
            <Stack gap="xs">
              {form.values.options.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t("customFields.noOptions")}
                </Text>
              )}
              {form.values.options.map((_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: options have no id until saved; the row's place is its identity
                <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                  <TextInput
                    aria-label={t("customFields.optionValue")}
                    placeholder={t("customFields.optionValue")}
                    {...form.getInputProps(`options.${i}.value`)}
                  />
                  <TextInput
                    aria-label={t("customFields.labelDe")}
                    placeholder={t("customFields.labelDe")}
                    {...form.getInputProps(`options.${i}.label.de`)}
                    onBlur={(event) => {
                      const text = event.currentTarget.value;
                      if (!form.values.options[i]?.value)
                        form.setFieldValue(`options.${i}.value`, keyFromLabel(text));
                      if (!form.values.options[i]?.label.en)
                        form.setFieldValue(`options.${i}.label.en`, text);
                    }}
                  />
                  <TextInput
                    aria-label={t("customFields.labelEn")}
                    placeholder={t("customFields.labelEn")}
                    {...form.getInputProps(`options.${i}.label.en`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={4}
                    onClick={() => form.removeListItem("options", i)}
                    aria-label={t("customFields.removeOption")}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  variant="default"
                  size="compact-sm"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => form.insertListItem("options", { value: "", label: { de: "", en: "" } })}
                >
                  {t("customFields.addOption")}
                </Button>
              </Group>
              {typeof form.errors.options === "string" && (
                <Text size="sm" c="red">
                  {form.errors.options}
                </Text>
              )}
            </Stack>
          </Fieldset>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t("customFields.helpDe")} {...form.getInputProps("help.de")} />
          <TextInput label={t("customFields.helpEn")} {...form.getInputProps("help.en")} />
        </SimpleGrid>
        <Group gap="xl">
          <Switch
            label={t("customFields.required")}
            {...form.getInputProps("required", { type: "checkbox" })}
          />
          <Switch
            label={t("customFields.filterable")}
            description={t("customFields.filterableHint")}
            {...form.getInputProps("filterable", { type: "checkbox" })}
          />
        </Group>
        <FormActions
          onCancel={onCancel}
          submitting={form.submitting}
          submitLabel={field ? undefined : t("common.create")}
        />
      </Stack>
    </form>
  );
}
