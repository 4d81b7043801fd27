import { Anchor, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMergedRef } from "@mantine/hooks";
import { FormActions } from "@web/components/form-actions";
import { notifySuccess } from "@web/components/notify";
import { useErrorFocus } from "@web/components/use-error-focus";
import { useInitialFocus } from "@web/components/use-initial-focus";
import { AddressBlockView } from "@web/features/records/address-block-view";
import { PhoneLink } from "@web/features/records/phone-link";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { changedOnly, type PersonValues, personBody, personFromLead } from "../lead-form-values";
import { LeadPersonFields } from "../lead-person-fields";
import { LeadCard } from "./lead-card";
import { LeadDataList } from "./lead-data-list";
import { useLeadEditor } from "./lead-editor-context";

export function LeadPersonSection() {
  const { t } = useTranslation();
  const { lead, readOnly } = useLeadEditor();
  const [editing, setEditing] = useState(false);
  const title = t("leads.detail.person");
  const name = [lead.salutation, lead.title, lead.firstName, lead.lastName].filter(Boolean).join(" ");
  // The DIN 5008 block the contact and company pages show (issue #20 point 4), with its copy button.
  const address = (lead.street || lead.postalCode || lead.city) && (
    <AddressBlockView
      input={{
        company: lead.companyName,
        person: lead,
        address: { street: lead.street, postalCode: lead.postalCode, city: lead.city, country: lead.country },
      }}
    />
  );
  const phone = (value: string | null) => value && <PhoneLink value={value} />;

  return (
    <LeadCard title={title} onEdit={readOnly || editing ? undefined : () => setEditing(true)}>
      {editing ? (
        <PersonForm onDone={() => setEditing(false)} />
      ) : (
        // One list: the card sits in the page's slim side column (issue #23 point 3).
        <LeadDataList
          items={[
            { label: t("leads.fields.name"), value: name },
            { label: t("leads.fields.companyName"), value: lead.companyName },
            { label: t("leads.fields.jobTitle"), value: lead.jobTitle },
            { label: t("leads.fields.department"), value: lead.department },
            {
              label: t("leads.fields.email"),
              value: lead.email && (
                <Anchor href={`mailto:${lead.email}`} size="sm">
                  {lead.email}
                </Anchor>
              ),
            },
            { label: t("leads.fields.phone"), value: phone(lead.phone) },
            { label: t("leads.fields.mobile"), value: phone(lead.mobile) },
            {
              label: t("leads.fields.website"),
              value: lead.website && (
                <Anchor href={lead.website} target="_blank" rel="noopener noreferrer" size="sm">
                  {lead.website.replace(/^https?:\/\//, "")}
                </Anchor>
              ),
            },
            { label: t("leads.fields.address"), value: address },
          ]}
        />
      )}
    </LeadCard>
  );
}

function PersonForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { lead, save, fail } = useLeadEditor();
  const form = useForm<PersonValues>({ initialValues: personFromLead(lead) });
  const focusRef = useInitialFocus<HTMLFormElement>();

  const errorFocus = useErrorFocus(form);
  const formRef = useMergedRef(focusRef, errorFocus.ref);
  const submit = form.onSubmit(async (values) => {
    try {
      const changes = changedOnly(personBody(values), (key) => form.isDirty(key));
      if (Object.keys(changes).length > 0) await save(changes);
      notifySuccess(t("leads.detail.saved"));
      onDone();
    } catch (error) {
      fail(error, form);
    }
  });

  return (
    <form onSubmit={submit} onSubmitCapture={errorFocus.arm} noValidate ref={formRef}>
      <Stack gap="md">
        <LeadPersonFields inputProps={(path) => form.getInputProps(path)} autoFocus />
        <FormActions onCancel={onDone} submitting={form.submitting} sticky />
      </Stack>
    </form>
  );
}
