import {
  CONTACT_LIST_FIELDS,
  CONTACT_MERGE_FIELDS,
  type ContactMergeField,
} from "@domain/contacts/contact-fields";
import { Stack } from "@mantine/core";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import type { MergeField } from "@web/features/records/merge-rows";
import { RecordMergePage } from "@web/features/records/record-merge-page";
import { useFormat } from "@web/i18n/use-format";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type Contact, contactDisplayName } from "../contacts-api";
import { useContact, useMergeContacts } from "../use-contacts";

const text = (value: string | null | undefined): ReactNode => value || null;
const list = (items: string[]): ReactNode =>
  items.length === 0 ? null : (
    <Stack gap={0} component="span">
      {items.map((i) => (
        <span key={i}>{i}</span>
      ))}
    </Stack>
  );

const isListField = (field: ContactMergeField) => (CONTACT_LIST_FIELDS as readonly string[]).includes(field);

/** /contacts/merge?survivor=…&loser=…: both contacts side by side, a value picked per field. */
export function ContactMergePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { names } = useOwnerOptions();
  const show: Record<ContactMergeField, Omit<MergeField<Contact>, "field">> = {
    salutation: { label: t("contacts.fields.salutation"), show: (c) => text(c.salutation) },
    title: { label: t("contacts.fields.title"), show: (c) => text(c.title) },
    firstName: { label: t("contacts.fields.firstName"), show: (c) => text(c.firstName) },
    lastName: { label: t("contacts.fields.lastName"), show: (c) => text(c.lastName) },
    companyId: { label: t("contacts.fields.company"), show: (c) => text(c.companyName) },
    jobTitle: { label: t("contacts.fields.jobTitle"), show: (c) => text(c.jobTitle) },
    department: { label: t("contacts.fields.department"), show: (c) => text(c.department) },
    birthday: {
      label: t("contacts.fields.birthday"),
      show: (c) => (c.birthday ? format.date(c.birthday) : null),
    },
    leadSource: {
      label: t("contacts.fields.leadSource"),
      show: (c) => (c.leadSource ? t(`leads.source.${c.leadSource}`) : null),
    },
    ownerId: {
      label: t("contacts.fields.owner"),
      show: (c) => (c.ownerId ? (names.get(c.ownerId) ?? "?") : null),
    },
    description: { label: t("contacts.fields.description"), show: (c) => text(c.description) },
    marketingConsent: {
      label: t("contacts.fields.consent"),
      show: (c) => (c.marketingConsent.given ? t("contacts.consent.given") : t("contacts.consent.notGiven")),
      same: (survivor, loser) => survivor.marketingConsent.given === loser.marketingConsent.given,
    },
    emails: { label: t("contacts.detail.emails"), show: (c) => list(c.emails.map((e) => e.value)) },
    phones: { label: t("contacts.detail.phones"), show: (c) => list(c.phones.map((p) => p.value)) },
    addresses: {
      label: t("contacts.detail.addresses"),
      show: (c) => list(c.addresses.map((a) => [a.street, a.postalCode, a.city].filter(Boolean).join(" "))),
    },
  };
  const fields: MergeField<Contact>[] = CONTACT_MERGE_FIELDS.map((field) => ({
    field,
    ...show[field],
    ...(isListField(field) && { list: true }),
  }));
  return (
    <RecordMergePage
      texts={{ title: t("merge.contactsTitle"), intro: t("merge.contactsIntro") }}
      basePath="/contacts"
      useRecord={useContact}
      useMerge={useMergeContacts}
      name={contactDisplayName}
      mergedName={(result) => contactDisplayName(result.contact)}
      fields={fields}
    />
  );
}
