import { Modal, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { useErrorFocus } from "@web/components/use-error-focus";
import type { CustomFormValues } from "@web/features/custom-fields/custom-field-form-values";
import { CustomFieldInputs } from "@web/features/custom-fields/custom-field-inputs";
import { useCustomFormFields } from "@web/features/custom-fields/use-custom-form-fields";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { CompanyMatchHint } from "./company-match-hint";
import { useCreateCompany } from "./use-companies";

export function CompanyCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("companies.create.title")} size="lg">
      {/* Mounted only while open, so every new company starts from an empty form. */}
      {opened && <CompanyCreateForm onDone={onClose} />}
    </Modal>
  );
}

interface CompanyValues {
  name: string;
  website: string;
  industry: string;
  phone: string;
  email: string;
  customFields: CustomFormValues;
}

const nullIfEmpty = (value: string) => value.trim() || null;

function CompanyCreateForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateCompany();
  const form = useForm<CompanyValues>({
    initialValues: { name: "", website: "", industry: "", phone: "", email: "", customFields: {} },
    validate: { name: (value) => (value.trim() ? null : t("validation.required")) },
  });
  const custom = useCustomFormFields("company", {
    current: () => form.getValues().customFields,
    set: (values) => form.setFieldValue("customFields", values),
  });

  const errorFocus = useErrorFocus(form);
  const submit = form.onSubmit(async (values) => {
    try {
      const company = await create.mutateAsync({
        name: values.name.trim(),
        website: nullIfEmpty(values.website),
        industry: nullIfEmpty(values.industry),
        phone: nullIfEmpty(values.phone),
        email: nullIfEmpty(values.email),
        customFields: custom.body(values.customFields),
      });
      notifySuccess(t("companies.create.created", { name: company.name }));
      onDone();
      await navigate(`/companies/${company.id}`);
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form ref={errorFocus.ref} onSubmitCapture={errorFocus.arm} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t("companies.fields.name")}
          required
          data-autofocus
          {...form.getInputProps("name")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t("companies.fields.website")} {...form.getInputProps("website")} />
          <TextInput label={t("companies.fields.industry")} {...form.getInputProps("industry")} />
          <TextInput label={t("companies.fields.phone")} type="tel" {...form.getInputProps("phone")} />
          <TextInput label={t("companies.fields.email")} type="email" {...form.getInputProps("email")} />
        </SimpleGrid>
        <CustomFieldInputs
          fields={custom.fields}
          inputProps={(path, options) => form.getInputProps(path, options)}
        />
        <CompanyMatchHint name={form.getValues().name} website={form.getValues().website} />
        <FormActions
          onCancel={onDone}
          submitting={form.submitting}
          submitLabel={t("companies.create.submit")}
          mt="xs"
        />
      </Stack>
    </form>
  );
}
