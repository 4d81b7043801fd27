import { letterSalutation } from "@domain/contacts/letter-salutation";
import { LEAD_SOURCES } from "@domain/leads/lead-source";
import { Anchor, Select, Stack, Textarea } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { FormActions } from "@web/components/form-actions";
import { useErrorFocus } from "@web/components/use-error-focus";
import { LeadCard } from "@web/features/leads/detail/lead-card";
import { LeadDataList } from "@web/features/leads/detail/lead-data-list";
import { saveEdit } from "@web/features/records/edit-form";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  ContactPersonFields,
  type ContactPersonValues,
  nullIfEmpty,
  personBody,
} from "../contact-person-fields";
import { useContactEditor } from "./contact-editor-context";

interface PersonValues extends ContactPersonValues {
  birthday: string | null;
  leadSource: string | null;
  description: string;
}

/** Name, company, position, birthday, lead source and notes, edited in place. */
export function ContactPersonCard() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { contact } = useContactEditor();
  const [editing, setEditing] = useState(false);
  const title = t("contacts.detail.person");

  return (
    <LeadCard
      title={title}
      onEdit={editing || !contact.abilities.update ? undefined : () => setEditing(true)}
    >
      {editing ? (
        <PersonForm onDone={() => setEditing(false)} />
      ) : (
        // One column: the card sits in the page's slim side column (issue #23 point 3).
        <LeadDataList
          items={[
            { label: t("contacts.fields.salutation"), value: contact.salutation },
            { label: t("contacts.fields.title"), value: contact.title },
            { label: t("contacts.fields.firstName"), value: contact.firstName },
            { label: t("contacts.fields.lastName"), value: contact.lastName },
            { label: t("contacts.fields.formality"), value: t(`contacts.formality.${contact.formality}`) },
            {
              label: t("contacts.fields.letterSalutation"),
              value: letterSalutation(contact, i18n.resolvedLanguage === "en" ? "en" : "de"),
            },
            {
              label: t("contacts.fields.company"),
              value: contact.companyId && contact.companyName && (
                <Anchor component={Link} to={`/companies/${contact.companyId}`} size="sm">
                  {contact.companyName}
                </Anchor>
              ),
            },
            { label: t("contacts.fields.jobTitle"), value: contact.jobTitle },
            { label: t("contacts.fields.department"), value: contact.department },
            {
              label: t("contacts.fields.leadSource"),
              value: contact.leadSource && t(`leads.source.${contact.leadSource}`),
            },
            {
              label: t("contacts.fields.birthday"),
              value: contact.birthday && format.date(contact.birthday),
            },
            { label: t("contacts.fields.description"), value: contact.description },
          ]}
        />
      )}
    </LeadCard>
  );
}

function PersonForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { contact, save, fail } = useContactEditor();
  const form = useForm<PersonValues>({
    initialValues: {
      salutation: contact.salutation ?? "",
      title: contact.title ?? "",
      formality: contact.formality,
      firstName: contact.firstName ?? "",
      lastName: contact.lastName,
      companyId: contact.companyId,
      jobTitle: contact.jobTitle ?? "",
      department: contact.department ?? "",
      birthday: contact.birthday,
      leadSource: contact.leadSource,
      description: contact.description ?? "",
    },
    validate: { lastName: (value) => (value.trim() ? null : t("validation.required")) },
  });
  const input = (field: Exclude<keyof PersonValues, "companyId">) => ({
    label: t(`contacts.fields.${field}`),
    ...form.getInputProps(field),
  });

  const errorFocus = useErrorFocus(form);
  const submit = form.onSubmit((values) =>
    saveEdit(
      () =>
        save({
          ...personBody(values),
          birthday: values.birthday || null,
          leadSource: (values.leadSource as (typeof LEAD_SOURCES)[number] | null) ?? null,
          description: nullIfEmpty(values.description),
        }),
      { fail, form, saved: t("contacts.detail.saved"), onDone },
    ),
  );

  return (
    <form ref={errorFocus.ref} onSubmitCapture={errorFocus.arm} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ContactPersonFields form={form} input={input} autoFocus>
          <DateInput {...input("birthday")} valueFormat="DD.MM.YYYY" clearable maxDate={new Date()} />
          <Select
            {...input("leadSource")}
            clearable
            data={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.source.${s}`) }))}
          />
        </ContactPersonFields>
        <Textarea {...input("description")} autosize minRows={2} maxRows={8} />
        <FormActions onCancel={onDone} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
