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

/** /contacts/merge?survivor=…&loser=…: both contacts side by side, a value picked per field. */
export function ContactMergePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { names } = useOwnerOptions();
  const field = (
    name: MergeField<Contact>["field"],
    label: string,
    show: (c: Contact) => ReactNode,
  ): MergeField<Contact> => ({ field: name, label, show });
  const fields: MergeField<Contact>[] = [
    field("salutation", t("contacts.fields.salutation"), (c) => text(c.salutation)),
    field("title", t("contacts.fields.title"), (c) => text(c.title)),
    field("firstName", t("contacts.fields.firstName"), (c) => text(c.firstName)),
    field("lastName", t("contacts.fields.lastName"), (c) => text(c.lastName)),
    field("companyId", t("contacts.fields.company"), (c) => text(c.companyName)),
    field("jobTitle", t("contacts.fields.jobTitle"), (c) => text(c.jobTitle)),
    field("department", t("contacts.fields.department"), (c) => text(c.department)),
    field("birthday", t("contacts.fields.birthday"), (c) => (c.birthday ? format.date(c.birthday) : null)),
    field("leadSource", t("contacts.fields.leadSource"), (c) =>
      c.leadSource ? t(`leads.source.${c.leadSource}`) : null,
    ),
    field("ownerId", t("contacts.fields.owner"), (c) => (c.ownerId ? (names.get(c.ownerId) ?? "?") : null)),
    field("description", t("contacts.fields.description"), (c) => text(c.description)),
    {
      ...field("marketingConsent", t("contacts.fields.consent"), (c) =>
        c.marketingConsent.given ? t("contacts.consent.given") : t("contacts.consent.notGiven"),
      ),
      same: (survivor, loser) => survivor.marketingConsent.given === loser.marketingConsent.given,
    },
    {
      ...field("emails", t("contacts.detail.emails"), (c) => list(c.emails.map((e) => e.value))),
      list: true,
    },
    {
      ...field("phones", t("contacts.detail.phones"), (c) => list(c.phones.map((p) => p.value))),
      list: true,
    },
    {
      ...field("addresses", t("contacts.detail.addresses"), (c) =>
        list(c.addresses.map((a) => [a.street, a.postalCode, a.city].filter(Boolean).join(" "))),
      ),
      list: true,
    },
  ];
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
