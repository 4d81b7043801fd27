import { Anchor, Badge, Button, Divider, Group, Select, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { FormActions } from "@web/components/form-actions";
import { notifySuccess } from "@web/components/notify";
import { SectionCard } from "@web/components/section-card";
import { useInitialFocus } from "@web/components/use-initial-focus";
import { CompanyPicker } from "@web/features/companies/company-picker";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DealContactsField, type DealContactValue } from "../deal-contacts-field";
import { contactsBody, contactsError } from "../deal-form-values";
import { useDealEditor } from "./deal-editor-context";

/** Who works the deal (saved at once) and who it is with: the company and its contacts, one primary. */
export function DealPeopleCard() {
  const { t } = useTranslation();
  const { deal, save, fail } = useDealEditor();
  const { owners, canChangeOwner } = useOwnerOptions("deal");
  const [editing, setEditing] = useState(false);

  const ownerData = owners.map((owner) => ({ value: owner.id, label: owner.name }));
  // The current owner may be someone the picker does not list (inactive, or unknown to a sales user).
  if (deal.ownerId && !owners.some((owner) => owner.id === deal.ownerId)) {
    ownerData.push({ value: deal.ownerId, label: deal.ownerName ?? t("deal.detail.otherOwner") });
  }
  const changeOwner = async (ownerId: string | null) => {
    if (ownerId === deal.ownerId) return;
    try {
      await save({ ownerId });
      notifySuccess(t("deal.detail.ownerSaved"));
    } catch (error) {
      fail(error);
    }
  };

  return (
    <SectionCard
      title={t("deal.detail.people")}
      actions={
        editing || !deal.abilities.update ? undefined : (
          <Button
            size="compact-sm"
            variant="subtle"
            onClick={() => setEditing(true)}
            aria-label={t("deal.detail.editPeople")}
          >
            {t("common.edit")}
          </Button>
        )
      }
    >
      <Stack gap="sm">
        <Select
          label={t("deal.fields.owner")}
          placeholder={t("deal.fields.noOwner")}
          data={ownerData}
          value={deal.ownerId}
          onChange={(ownerId) => void changeOwner(ownerId)}
          clearable
          searchable
          disabled={!canChangeOwner || !deal.abilities.update}
        />
        <Divider />
        {editing ? (
          <PeopleForm onDone={() => setEditing(false)} />
        ) : (
          <Stack gap="xs">
            <div>
              <Text size="xs" c="dimmed">
                {t("deal.fields.company")}
              </Text>
              {deal.companyId ? (
                <Anchor component={Link} to={`/companies/${deal.companyId}`} size="sm" fw={600}>
                  {deal.companyName}
                </Anchor>
              ) : (
                <Text size="sm" c="dimmed">
                  {t("common.notSet")}
                </Text>
              )}
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t("deal.fields.contacts")}
              </Text>
              {deal.contacts.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t("common.notSet")}
                </Text>
              )}
              <Stack gap={4}>
                {deal.contacts.map((contact) => (
                  <Group key={contact.contactId} gap="xs" wrap="nowrap">
                    <Anchor component={Link} to={`/contacts/${contact.contactId}`} size="sm">
                      {contact.name}
                    </Anchor>
                    {contact.isPrimary && (
                      <Badge size="xs" variant="light">
                        {t("deal.contacts.primary")}
                      </Badge>
                    )}
                  </Group>
                ))}
              </Stack>
            </div>
          </Stack>
        )}
      </Stack>
    </SectionCard>
  );
}

interface PeopleValues {
  companyId: string | null;
  contacts: DealContactValue[];
}

function PeopleForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { deal, save, fail } = useDealEditor();
  const focusRef = useInitialFocus<HTMLFormElement>();
  const form = useForm<PeopleValues>({
    initialValues: {
      companyId: deal.companyId,
      contacts: deal.contacts.map(({ contactId, name, isPrimary }) => ({ contactId, name, isPrimary })),
    },
  });
  const values = form.getValues();

  const submit = form.onSubmit(async (next) => {
    try {
      await save({ companyId: next.companyId, contacts: contactsBody(next.contacts) });
      notifySuccess(t("deal.detail.saved"));
      onDone();
    } catch (error) {
      fail(error, form);
    }
  });

  return (
    <form onSubmit={submit} noValidate ref={focusRef}>
      <Stack gap="sm">
        <CompanyPicker
          label={t("deal.fields.company")}
          value={values.companyId}
          onChange={(id) => form.setFieldValue("companyId", id)}
          error={form.errors.companyId}
        />
        <DealContactsField
          value={values.contacts}
          onChange={(contacts) => form.setFieldValue("contacts", contacts)}
          error={contactsError(form.errors)}
        />
        <FormActions onCancel={onDone} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
