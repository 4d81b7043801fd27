import { Button, Group, Modal, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { CompanyPicker } from "@web/features/companies/company-picker";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ContactMatchHint } from "./contact-match-hint";
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

interface ContactValues {
  salutation: string;
  title: string;
  firstName: string;
  lastName: string;
  companyId: string | null;
  jobTitle: string;
  department: string;
  email: string;
  phone: string;
}

const nullIfEmpty = (value: string) => value.trim() || null;

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
      firstName: "",
      lastName: "",
      companyId,
      jobTitle: "",
      department: "",
      email: "",
      phone: "",
    },
    validate: { lastName: (value) => (value.trim() ? null : t("validation.required")) },
  });
  const input = (field: Exclude<keyof ContactValues, "companyId">) => ({
    label: t(`contacts.fields.${field}`),
    ...form.getInputProps(field),
  });

  const submit = form.onSubmit(async (values) => {
    try {
      const contact = await create.mutateAsync({
        salutation: nullIfEmpty(values.salutation),
        title: nullIfEmpty(values.title),
        firstName: nullIfEmpty(values.firstName),
        lastName: values.lastName.trim(),
        companyId: values.companyId,
        jobTitle: nullIfEmpty(values.jobTitle),
        department: nullIfEmpty(values.department),
        email: nullIfEmpty(values.email),
        phone: nullIfEmpty(values.phone),
      });
      notifySuccess(t("contacts.create.created", { name: contactDisplayName(contact) }));
      onDone();
      if (!stay) await navigate(`/contacts/${contact.id}`);
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput {...input("salutation")} data-autofocus />
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
          <TextInput {...input("email")} type="email" />
          <TextInput {...input("phone")} type="tel" />
        </SimpleGrid>
        <ContactMatchHint values={form.getValues()} />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t("contacts.create.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
