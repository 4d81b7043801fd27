import { Anchor, Group, Radio, Select, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { ADDRESS_TYPES, EMAIL_TYPES, PHONE_TYPES } from "@shared/schemas/contact";
import { FormActions } from "@web/components/form-actions";
import { useErrorFocus } from "@web/components/use-error-focus";
import { LeadCard } from "@web/features/leads/detail/lead-card";
import { AddressBlockView } from "@web/features/records/address-block-view";
import { saveEdit } from "@web/features/records/edit-form";
import { PhoneLink } from "@web/features/records/phone-link";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Contact } from "../contacts-api";
import { AddRowButton, ChannelRow, RemoveRowButton } from "./channel-parts";
import { useContactEditor } from "./contact-editor-context";

interface Point {
  value: string;
  type: string;
}
interface ChannelValues {
  emails: Point[];
  phones: Point[];
  primaryEmail: string;
  primaryPhone: string;
  addresses: { type: string; street: string; postalCode: string; city: string; country: string }[];
}

const addressLine = (a: Contact["addresses"][number]) =>
  [a.street, [a.postalCode, a.city].filter(Boolean).join(" "), a.country].filter(Boolean).join(", ");

/** Several emails and phones, each with a type and one primary, and the postal addresses. */
export function ContactChannelsCard() {
  const { t } = useTranslation();
  const { contact } = useContactEditor();
  const [editing, setEditing] = useState(false);
  const title = t("contacts.detail.channels");

  return (
    <LeadCard
      title={title}
      onEdit={editing || !contact.abilities.update ? undefined : () => setEditing(true)}
    >
      {editing ? (
        <ChannelsForm onDone={() => setEditing(false)} />
      ) : (
        <Stack gap="xs">
          {contact.emails.length + contact.phones.length + contact.addresses.length === 0 && (
            <Text size="sm" c="dimmed">
              {t("contacts.detail.noChannels")}
            </Text>
          )}
          {contact.emails.map((e) => (
            <ChannelRow
              key={`e-${e.value}`}
              type={t(`contacts.emailType.${e.type}`)}
              primary={e.primary && contact.emails.length > 1}
            >
              <Anchor href={`mailto:${e.value}`} size="sm" truncate title={e.value}>
                {e.value}
              </Anchor>
            </ChannelRow>
          ))}
          {contact.phones.map((p) => (
            <ChannelRow
              key={`p-${p.value}`}
              type={t(`contacts.phoneType.${p.type}`)}
              color="teal"
              primary={p.primary && contact.phones.length > 1}
            >
              <PhoneLink value={p.value} />
            </ChannelRow>
          ))}
          {contact.addresses.map((a) => (
            <ChannelRow
              key={`a-${addressLine(a)}`}
              type={t(`contacts.addressType.${a.type}`)}
              color="gray"
              align="flex-start"
            >
              <AddressBlockView input={{ company: contact.companyName, person: contact, address: a }} />
            </ChannelRow>
          ))}
        </Stack>
      )}
    </LeadCard>
  );
}

function ChannelsForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { contact, save, fail } = useContactEditor();
  const form = useForm<ChannelValues>({
    initialValues: {
      emails: contact.emails.map(({ value, type }) => ({ value, type })),
      phones: contact.phones.map(({ value, type }) => ({ value, type })),
      primaryEmail: String(
        Math.max(
          0,
          contact.emails.findIndex((e) => e.primary),
        ),
      ),
      primaryPhone: String(
        Math.max(
          0,
          contact.phones.findIndex((p) => p.primary),
        ),
      ),
      addresses: contact.addresses.map((a) => ({
        type: a.type,
        street: a.street ?? "",
        postalCode: a.postalCode ?? "",
        city: a.city ?? "",
        country: a.country ?? "",
      })),
    },
  });
  const values = form.getValues();

  const errorFocus = useErrorFocus(form);
  const submit = form.onSubmit((v) => {
    const points = <T extends string>(list: Point[], primary: string) =>
      list
        .map((p, i) => ({ value: p.value.trim(), type: p.type as T, primary: String(i) === primary }))
        .filter((p) => p.value !== "");
    const body = {
      emails: points<(typeof EMAIL_TYPES)[number]>(v.emails, v.primaryEmail),
      phones: points<(typeof PHONE_TYPES)[number]>(v.phones, v.primaryPhone),
      addresses: v.addresses.map((a) => ({
        type: a.type as (typeof ADDRESS_TYPES)[number],
        street: a.street.trim() || null,
        postalCode: a.postalCode.trim() || null,
        city: a.city.trim() || null,
        country: a.country.trim() || null,
      })),
    };
    return saveEdit(() => save(body), { fail, form, saved: t("contacts.detail.saved"), onDone });
  });

  const typeLabel = (list: "emails" | "phones", type: string) =>
    list === "emails"
      ? t(`contacts.emailType.${type as (typeof EMAIL_TYPES)[number]}`)
      : t(`contacts.phoneType.${type as (typeof PHONE_TYPES)[number]}`);
  const pointRows = (list: "emails" | "phones", types: readonly string[]) => (
    <Radio.Group
      value={list === "emails" ? values.primaryEmail : values.primaryPhone}
      onChange={(v) => form.setFieldValue(list === "emails" ? "primaryEmail" : "primaryPhone", v)}
      label={t(`contacts.detail.${list}`)}
    >
      <Stack gap={6} mt={4}>
        {values[list].map((_, i) => (
          <Group key={form.key(`${list}.${i}`)} gap="xs" wrap="nowrap" align="flex-start">
            <TextInput
              {...form.getInputProps(`${list}.${i}.value`)}
              key={form.key(`${list}.${i}.value`)}
              aria-label={t(`contacts.detail.${list}Value`, { n: i + 1 })}
              type={list === "emails" ? "email" : "tel"}
              style={{ flex: 1 }}
              autoFocus={list === "emails" && i === 0}
            />
            <Select
              {...form.getInputProps(`${list}.${i}.type`)}
              key={form.key(`${list}.${i}.type`)}
              aria-label={t("contacts.detail.type")}
              data={types.map((type) => ({ value: type, label: typeLabel(list, type) }))}
              w={120}
              allowDeselect={false}
            />
            <Radio value={String(i)} aria-label={t("contacts.detail.makePrimary")} mt={8} />
            <RemoveRowButton onClick={() => form.removeListItem(list, i)} />
          </Group>
        ))}
        <AddRowButton onClick={() => form.insertListItem(list, { value: "", type: types[0] ?? "other" })}>
          {t(`contacts.detail.add_${list}`)}
        </AddRowButton>
      </Stack>
    </Radio.Group>
  );

  return (
    <form ref={errorFocus.ref} onSubmitCapture={errorFocus.arm} onSubmit={submit} noValidate>
      <Stack gap="md">
        {pointRows("emails", EMAIL_TYPES)}
        {pointRows("phones", PHONE_TYPES)}
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t("contacts.detail.addresses")}
          </Text>
          {values.addresses.map((_, i) => (
            <Group key={form.key(`addresses.${i}`)} gap="xs" wrap="wrap" align="flex-start">
              <Select
                {...form.getInputProps(`addresses.${i}.type`)}
                key={form.key(`addresses.${i}.type`)}
                aria-label={t("contacts.detail.type")}
                data={ADDRESS_TYPES.map((type) => ({
                  value: type,
                  label: t(`contacts.addressType.${type}`),
                }))}
                w={120}
                allowDeselect={false}
              />
              {(["street", "postalCode", "city", "country"] as const).map((field) => (
                <TextInput
                  key={form.key(`addresses.${i}.${field}`)}
                  {...form.getInputProps(`addresses.${i}.${field}`)}
                  placeholder={t(`contacts.fields.${field}`)}
                  aria-label={t(`contacts.fields.${field}`)}
                  w={field === "street" ? 220 : field === "city" ? 150 : 100}
                />
              ))}
              <RemoveRowButton onClick={() => form.removeListItem("addresses", i)} />
            </Group>
          ))}
          <AddRowButton
            onClick={() =>
              form.insertListItem("addresses", {
                type: "other",
                street: "",
                postalCode: "",
                city: "",
                country: "",
              })
            }
          >
            {t("contacts.detail.add_addresses")}
          </AddRowButton>
        </Stack>
        <FormActions onCancel={onDone} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
