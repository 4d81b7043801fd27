import { Checkbox, Group, MultiSelect, Select, SimpleGrid, Textarea, TextInput } from "@mantine/core";
import type { GetInputPropsReturnType } from "@mantine/form";
import { MONEY_RULES } from "@shared/locale-number";
import { DayInput } from "@web/components/day-input";
import { NumberField } from "@web/components/number-field";
import { COMMON_CURRENCIES } from "@web/features/leads/lead-model";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { useTranslation } from "react-i18next";
import { CUSTOM_NUMBER_RULES } from "./custom-field-form-values";
import type { CustomField } from "./custom-fields-api";

interface CustomFieldInputsProps {
  fields: readonly CustomField[];
  /** The form's input props for `customFields.<key>` (and `.amount`/`.currency` of money). */
  inputProps: (path: string, options?: { type: "checkbox" }) => GetInputPropsReturnType;
  /** Two columns from the small breakpoint on (a modal), or one (a page's side column). */
  columns?: 1 | 2;
}

/** The inputs of an entity's custom fields, each by its type, labelled in the user's language. */
export function CustomFieldInputs({ fields, inputProps, columns = 2 }: CustomFieldInputsProps) {
  if (fields.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, sm: columns }} spacing="sm">
      {fields.map((field) => (
        <CustomFieldInput key={field.key} field={field} inputProps={inputProps} />
      ))}
    </SimpleGrid>
  );
}

function CustomFieldInput({
  field,
  inputProps,
}: {
  field: CustomField;
  inputProps: CustomFieldInputsProps["inputProps"];
}) {
  const { i18n, t } = useTranslation();
  const { owners } = useOwnerOptions();
  const lang = i18n.language === "de" ? "de" : "en";
  const path = `customFields.${field.key}`;
  const common = {
    label: field.label[lang],
    description: field.help?.[lang] || undefined,
    required: field.required,
  };
  const options = field.options.map((o) => ({ value: o.value, label: o.label[lang] }));
  switch (field.type) {
    case "long_text":
      return <Textarea {...common} autosize minRows={2} maxRows={6} {...inputProps(path)} />;
    case "number":
      return <NumberField {...common} rules={CUSTOM_NUMBER_RULES} {...inputProps(path)} />;
    case "money": {
      const currency = inputProps(`${path}.currency`);
      return (
        <Group gap="sm" align="flex-start" grow preventGrowOverflow={false}>
          <NumberField
            {...common}
            rules={MONEY_RULES}
            currency={typeof currency.value === "string" ? currency.value : undefined}
            {...inputProps(`${path}.amount`)}
            error={inputProps(path).error ?? inputProps(`${path}.amount`).error}
          />
          <Select
            label={t("leads.fields.currency")}
            data={[...COMMON_CURRENCIES]}
            allowDeselect={false}
            searchable
            maw={110}
            {...currency}
          />
        </Group>
      );
    }
    case "date": {
      const props = inputProps(path);
      return (
        <DayInput
          {...common}
          clearable
          value={typeof props.value === "string" ? props.value : null}
          onChange={(day) => props.onChange(day)}
          error={props.error}
        />
      );
    }
    case "choice":
      return <Select {...common} data={options} clearable searchable {...inputProps(path)} />;
    case "multi_choice":
      return <MultiSelect {...common} data={options} clearable searchable {...inputProps(path)} />;
    case "checkbox":
      return (
        <Checkbox
          label={common.label}
          description={common.description}
          mt="lg"
          {...inputProps(path, { type: "checkbox" })}
        />
      );
    case "user":
      return (
        <Select
          {...common}
          data={owners.map((o) => ({ value: o.id, label: o.name }))}
          clearable
          searchable
          {...inputProps(path)}
        />
      );
    case "url":
      return <TextInput {...common} type="url" {...inputProps(path)} />;
    case "email":
      return <TextInput {...common} type="email" {...inputProps(path)} />;
    case "phone":
      return <TextInput {...common} type="tel" {...inputProps(path)} />;
    default:
      return <TextInput {...common} {...inputProps(path)} />;
  }
}
