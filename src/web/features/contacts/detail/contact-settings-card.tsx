import { Badge, Button, Group, Select, Stack, Switch, TagsInput, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifySuccess } from "@web/components/notify";
import { LeadCard } from "@web/features/leads/detail/lead-card";
import { LeadDataList } from "@web/features/leads/detail/lead-data-list";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
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
  const { names } = useOwnerOptions();
  const { contact } = useContactEditor();
  const [editing, setEditing] = useState(false);
  const consent = contact.marketingConsent;

  return (
    <LeadCard title={t("contacts.detail.settings")} onEdit={editing ? undefined : () => setEditing(true)}>
      {editing ? (
        <SettingsForm onDone={() => setEditing(false)} />
      ) : (
        <LeadDataList
          items={[
            {
              label: t("contacts.fields.owner"),
              value: contact.ownerId ? (names.get(contact.ownerId) ?? t("contacts.detail.otherUser")) : null,
            },
            {
              label: t("contacts.fields.tags"),
              value:
                contact.tags.length === 0 ? null : (
                  <Group gap={4}>
                    {contact.tags.map((tag) => (
                      <Badge key={tag} variant="outline" size="sm" tt="none">
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                ),
            },
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
  const { owners } = useOwnerOptions();
  const { contact, save, fail } = useContactEditor();
  const form = useForm<SettingsValues>({
    initialValues: {
      ownerId: contact.ownerId,
      tags: contact.tags,
      consentGiven: contact.marketingConsent.given,
      consentSource: contact.marketingConsent.source ?? "",
    },
  });

  const submit = form.onSubmit(async (v) => {
    try {
      const consentChanged =
        v.consentGiven !== contact.marketingConsent.given ||
        v.consentSource.trim() !== (contact.marketingConsent.source ?? "");
      await save({
        ownerId: v.ownerId,
        tags: v.tags,
        ...(consentChanged
          ? { marketingConsent: { given: v.consentGiven, source: v.consentSource.trim() || null } }
          : {}),
      });
      notifySuccess(t("contacts.detail.saved"));
      onDone();
    } catch (error) {
      fail(error, form);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label={t("contacts.fields.owner")}
          {...form.getInputProps("ownerId")}
          data={owners.map((o) => ({ value: o.id, label: o.name }))}
          clearable
          searchable
          placeholder={t("contacts.detail.noOwner")}
          autoFocus
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
