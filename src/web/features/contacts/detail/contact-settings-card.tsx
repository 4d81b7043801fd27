import { Select, Stack, Switch, TagsInput, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { FormActions } from "@web/components/form-actions";
import { useErrorFocus } from "@web/components/use-error-focus";
import { LeadCard } from "@web/features/leads/detail/lead-card";
import { LeadDataList } from "@web/features/leads/detail/lead-data-list";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { saveEdit } from "@web/features/records/edit-form";
import { tagBadges, useOwnerName } from "@web/features/records/record-values";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useContactEditor } from "./contact-editor-context";

interface SettingsValues {
  ownerId: string | null;
  tags: string[];
  consentGiven: boolean;
  consentSource: string;
}

/** Owner, tags and the marketing consent (its time is stamped by the server when it changes). */
export function ContactSettingsCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const ownerName = useOwnerName();
  const { contact } = useContactEditor();
  const [editing, setEditing] = useState(false);
  const consent = contact.marketingConsent;

  return (
    <LeadCard
      title={t("contacts.detail.settings")}
      onEdit={editing || !contact.abilities.update ? undefined : () => setEditing(true)}
    >
      {editing ? (
        <SettingsForm onDone={() => setEditing(false)} />
      ) : (
        <LeadDataList
          items={[
            { label: t("contacts.fields.owner"), value: ownerName(contact.ownerId) },
            { label: t("contacts.fields.tags"), value: tagBadges(contact.tags) },
            {
              label: t("contacts.fields.consent"),
              value: (
                <Stack gap={0}>
                  <Text size="sm">
                    {consent.given ? t("contacts.consent.given") : t("contacts.consent.notGiven")}
                  </Text>
                  {(consent.source || consent.at) && (
                    <Text size="xs" c="dimmed">
                      {[consent.source, consent.at && format.dateTime(consent.at)]
                        .filter(Boolean)
                        .join(" · ")}
                    </Text>
                  )}
                </Stack>
              ),
            },
            { label: t("contacts.fields.createdAt"), value: format.date(contact.createdAt) },
          ]}
        />
      )}
    </LeadCard>
  );
}

function SettingsForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { owners, canChangeOwner } = useOwnerOptions("contact");
  const { contact, save, fail } = useContactEditor();
  const form = useForm<SettingsValues>({
    initialValues: {
      ownerId: contact.ownerId,
      tags: contact.tags,
      consentGiven: contact.marketingConsent.given,
      consentSource: contact.marketingConsent.source ?? "",
    },
  });

  const errorFocus = useErrorFocus(form);
  const submit = form.onSubmit((v) => {
    const consentChanged =
      v.consentGiven !== contact.marketingConsent.given ||
      v.consentSource.trim() !== (contact.marketingConsent.source ?? "");
    const body = {
      ownerId: v.ownerId,
      tags: v.tags,
      ...(consentChanged
        ? { marketingConsent: { given: v.consentGiven, source: v.consentSource.trim() || null } }
        : {}),
    };
    return saveEdit(() => save(body), { fail, form, saved: t("contacts.detail.saved"), onDone });
  });

  return (
    <form ref={errorFocus.ref} onSubmitCapture={errorFocus.arm} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label={t("contacts.fields.owner")}
          {...form.getInputProps("ownerId")}
          data={owners.map((o) => ({ value: o.id, label: o.name }))}
          clearable
          searchable
          disabled={!canChangeOwner}
          placeholder={t("contacts.detail.noOwner")}
        />
        <TagsInput label={t("contacts.fields.tags")} {...form.getInputProps("tags")} clearable />
        <Switch
          label={t("contacts.consent.label")}
          description={t("contacts.consent.hint")}
          {...form.getInputProps("consentGiven", { type: "checkbox" })}
        />
        <TextInput
          label={t("contacts.consent.source")}
          placeholder={t("contacts.consent.sourcePlaceholder")}
          {...form.getInputProps("consentSource")}
          error={form.errors["marketingConsent.source"]}
        />
        <FormActions onCancel={onDone} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
