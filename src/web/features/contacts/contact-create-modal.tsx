import { Modal, Stack, TextInput } from "@mantine/core";
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
import { ContactMatchHint } from "./contact-match-hint";
import {
  ContactPersonFields,
  type ContactPersonValues,
  nullIfEmpty,
  personBody,
} from "./contact-person-fields";
import { contactDisplayName } from "./contacts-api";
import { useCreateContact } from "./use-contacts";

interface ContactCreateModalProps {
  opened: boolean;
  onClose: () => void;
  /** Prefilled values, e.g. the company when adding from the company file. */
  defaults?: { companyId?: string | null };
  /** Stay on the current page after creating (the company file) instead of opening the contact. */
  stay?: boolean;
}

export function ContactCreateModal({ opened, onClose, defaults, stay = false }: ContactCreateModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("contacts.create.title")} size="lg">
      {/* Mounted only while open, so every new contact starts from an empty form. */}
      {opened && <ContactCreateForm onDone={onClose} companyId={defaults?.companyId ?? null} stay={stay} />}
    </Modal>
  );
}

interface ContactValues extends ContactPersonValues {
  email: string;
  phone: string;
  customFields: CustomFormValues;
}

function ContactCreateForm({
  onDone,
  companyId,
  stay,
}: {
  onDone: () => void;
  companyId: string | null;
  stay: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateContact();
  const form = useForm<ContactValues>({
    initialValues: {
      salutation: "",
      title: "",
      formality: "formal",
      firstName: "",
      lastName: "",
      companyId,
      jobTitle: "",
      department: "",
      email: "",
      phone: "",
      customFields: {},
    },
    validate: { lastName: (value) => (value.trim() ? null : t("validation.required")) },
  });
  const custom = useCustomFormFields("contact", {
    current: () => form.getValues().customFields,
    set: (values) => form.setFieldValue("customFields", values),
  });
  const input = (field: Exclude<keyof ContactValues, "companyId" | "customFields">) => ({
    label: t(`contacts.fields.${field}`),
    ...form.getInputProps(field),
  });

  const errorFocus = useErrorFocus(form);
  const submit = form.onSubmit(async (values) => {
    try {
      const contact = await create.mutateAsync({
        ...personBody(values),
        email: nullIfEmpty(values.email),
        phone: nullIfEmpty(values.phone),
        customFields: custom.body(values.customFields),
      });
      notifySuccess(t("contacts.create.created", { name: contactDisplayName(contact) }));
      onDone();
      if (!stay) await navigate(`/contacts/${contact.id}`);
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form ref={errorFocus.ref} onSubmitCapture={errorFocus.arm} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ContactPersonFields form={form} input={input}>
          <TextInput {...input("email")} type="email" />
          <TextInput {...input("phone")} type="tel" />
        </ContactPersonFields>
        <CustomFieldInputs
          fields={custom.fields}
          inputProps={(path, options) => form.getInputProps(path, options)}
        />
        <ContactMatchHint values={form.getValues()} />
        <FormActions
          onCancel={onDone}
          submitting={form.submitting}
          submitLabel={t("contacts.create.submit")}
          mt="xs"
        />
      </Stack>
    </form>
  );
}
