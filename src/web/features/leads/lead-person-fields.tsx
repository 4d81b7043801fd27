import { FORMALITIES } from "@domain/contacts/letter-salutation";
import { Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import type { GetInputPropsReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { PersonValues } from "./lead-form-values";

interface LeadPersonFieldsProps {
  inputProps: (path: keyof PersonValues) => GetInputPropsReturnType;
  /** Called when the email or a phone field loses focus, to look for duplicates. */
  onReachBlur?: () => void;
  autoFocus?: boolean;
}

/** Who the lead is: name, company, how to reach them, where they are. */
export function LeadPersonFields({ inputProps, onReachBlur, autoFocus }: LeadPersonFieldsProps) {
  const { t } = useTranslation();
  const reach = (path: "email" | "phone" | "mobile") => {
    const props = inputProps(path);
    return {
      ...props,
      onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
        props.onBlur?.(event);
        onReachBlur?.();
      },
    };
  };
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <TextInput label={t("leads.fields.salutation")} autoComplete="off" {...inputProps("salutation")} />
        <TextInput label={t("leads.fields.title")} autoComplete="off" {...inputProps("title")} />
        <TextInput
          label={t("leads.fields.firstName")}
          autoComplete="off"
          data-autofocus={autoFocus || undefined}
          {...inputProps("firstName")}
        />
        <TextInput label={t("leads.fields.lastName")} autoComplete="off" {...inputProps("lastName")} />
        <Select
          label={t("leads.fields.formality")}
          data={FORMALITIES.map((f) => ({ value: f, label: t(`contacts.formality.${f}`) }))}
          allowDeselect={false}
          {...inputProps("formality")}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput label={t("leads.fields.companyName")} autoComplete="off" {...inputProps("companyName")} />
        <TextInput label={t("leads.fields.jobTitle")} autoComplete="off" {...inputProps("jobTitle")} />
        <TextInput label={t("leads.fields.department")} autoComplete="off" {...inputProps("department")} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput label={t("leads.fields.email")} type="email" autoComplete="off" {...reach("email")} />
        <TextInput label={t("leads.fields.phone")} type="tel" autoComplete="off" {...reach("phone")} />
        <TextInput label={t("leads.fields.mobile")} type="tel" autoComplete="off" {...reach("mobile")} />
      </SimpleGrid>
      <TextInput label={t("leads.fields.website")} autoComplete="off" {...inputProps("website")} />
      <Text size="sm" fw={600} mt={4}>
        {t("leads.fields.address")}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
        <TextInput label={t("leads.fields.street")} autoComplete="off" {...inputProps("street")} />
        <TextInput label={t("leads.fields.postalCode")} autoComplete="off" {...inputProps("postalCode")} />
        <TextInput label={t("leads.fields.city")} autoComplete="off" {...inputProps("city")} />
        <TextInput label={t("leads.fields.country")} autoComplete="off" {...inputProps("country")} />
      </SimpleGrid>
    </Stack>
  );
}
