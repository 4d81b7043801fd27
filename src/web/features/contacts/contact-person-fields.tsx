import type { ContactPersonField } from "@domain/contacts/contact-fields";
import { SimpleGrid, TextInput, type TextInputProps } from "@mantine/core";
import { CompanyPicker } from "@web/features/companies/company-picker";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

type TextField = Exclude<ContactPersonField, "companyId">;

/** The person fields the new-contact form and the contact page's person card share. */
export type ContactPersonValues = Record<TextField, string> & { companyId: string | null };

export const nullIfEmpty = (value: string) => value.trim() || null;

/** The request fields of the shared person values: blanks as null, the last name trimmed. */
export const personBody = (values: ContactPersonValues) => ({
  salutation: nullIfEmpty(values.salutation),
  title: nullIfEmpty(values.title),
  firstName: nullIfEmpty(values.firstName),
  lastName: values.lastName.trim(),
  companyId: values.companyId,
  jobTitle: nullIfEmpty(values.jobTitle),
  department: nullIfEmpty(values.department),
});

interface ContactPersonFieldsProps {
  form: {
    getValues: () => { companyId: string | null };
    setFieldValue: (path: "companyId", value: string | null) => void;
    errors: Record<string, ReactNode>;
  };
  /** A text input's label and form binding. */
  input: (field: TextField) => TextInputProps;
  autoFocus?: boolean;
  /** Further inputs beside job title and department. */
  children: ReactNode;
}

/** Name, company, job title and department, two by two, with room for the form's own fields. */
export function ContactPersonFields({ form, input, autoFocus, children }: ContactPersonFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput {...input("salutation")} data-autofocus autoFocus={autoFocus} />
        <TextInput {...input("title")} />
        <TextInput {...input("firstName")} />
        <TextInput {...input("lastName")} required />
      </SimpleGrid>
      <CompanyPicker
        label={t("contacts.fields.company")}
        value={form.getValues().companyId}
        onChange={(id) => form.setFieldValue("companyId", id)}
        error={form.errors.companyId}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput {...input("jobTitle")} />
        <TextInput {...input("department")} />
        {children}
      </SimpleGrid>
    </>
  );
}
