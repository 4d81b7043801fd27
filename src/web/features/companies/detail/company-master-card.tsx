import { Anchor, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { COMPANY_SIZES } from "@shared/schemas/company";
import { FormActions } from "@web/components/form-actions";
import { useErrorFocus } from "@web/components/use-error-focus";
import { LeadCard } from "@web/features/leads/detail/lead-card";
import { LeadDataList } from "@web/features/leads/detail/lead-data-list";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { AddressBlockView } from "@web/features/records/address-block-view";
import { type RecordEditor, saveEdit } from "@web/features/records/edit-form";
import { PhoneLink } from "@web/features/records/phone-link";
import { tagBadges, useOwnerName } from "@web/features/records/record-values";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Company, UpdateCompanyRequest } from "../companies-api";
import { CompanyPicker } from "../company-picker";
import { useCompany } from "../use-companies";

export interface CompanyEditorProps extends RecordEditor<Company, UpdateCompanyRequest> {
  company: Company;
}

interface Address {
  street: string;
  postalCode: string;
  city: string;
  country: string;
}
interface MasterValues {
  name: string;
  website: string;
  industry: string;
  size: string | null;
  vatId: string;
  phone: string;
  email: string;
  billingAddress: Address;
  shippingAddress: Address;
  parentCompanyId: string | null;
  ownerId: string | null;
  tags: string[];
  description: string;
}

const toAddress = (a: Company["billingAddress"]): Address => ({
  street: a?.street ?? "",
  postalCode: a?.postalCode ?? "",
  city: a?.city ?? "",
  country: a?.country ?? "",
});
const fromAddress = (a: Address) =>
  Object.values(a).some((v) => v.trim())
    ? {
        street: a.street.trim() || null,
        postalCode: a.postalCode.trim() || null,
        city: a.city.trim() || null,
        country: a.country.trim() || null,
      }
    : null;
const addressLine = (a: Company["billingAddress"]) =>
  a
    ? [a.street, [a.postalCode, a.city].filter(Boolean).join(" "), a.country].filter(Boolean).join(", ")
    : null;
const nullIfEmpty = (value: string) => value.trim() || null;

/** The company's master data, edited in place (website → matching domain, addresses, owner, tags, parent). */
export function CompanyMasterCard(props: CompanyEditorProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const ownerName = useOwnerName();
  const { company } = props;
  const parent = useCompany(company.parentCompanyId);
  const [editing, setEditing] = useState(false);

  return (
    <LeadCard
      title={t("companies.detail.masterData")}
      onEdit={editing || !company.abilities.update ? undefined : () => setEditing(true)}
    >
      {editing ? (
        <MasterForm {...props} onDone={() => setEditing(false)} />
      ) : (
        <LeadDataList
          items={[
            {
              label: t("companies.fields.website"),
              value: company.website && (
                <Anchor href={company.website} target="_blank" rel="noopener noreferrer" size="sm">
                  {company.domain ?? company.website}
                </Anchor>
              ),
            },
            { label: t("companies.fields.industry"), value: company.industry },
            { label: t("companies.fields.size"), value: company.size },
            { label: t("companies.fields.vatId"), value: company.vatId },
            {
              label: t("companies.fields.phone"),
              value: company.phone && <PhoneLink value={company.phone} />,
            },
            {
              label: t("companies.fields.email"),
              value: company.email && (
                <Anchor href={`mailto:${company.email}`} size="sm">
                  {company.email}
                </Anchor>
              ),
            },
            {
              label: t("companies.fields.billingAddress"),
              value: company.billingAddress && (
                <AddressBlockView input={{ company: company.name, address: company.billingAddress }} />
              ),
            },
            { label: t("companies.fields.shippingAddress"), value: addressLine(company.shippingAddress) },
            {
              label: t("companies.fields.parentCompany"),
              value: company.parentCompanyId && parent.data && (
                <Anchor component={Link} to={`/companies/${parent.data.id}`} size="sm">
                  {parent.data.name}
                </Anchor>
              ),
            },
            { label: t("companies.fields.owner"), value: ownerName(company.ownerId) },
            { label: t("companies.fields.tags"), value: tagBadges(company.tags) },
            {
              label: t("companies.fields.description"),
              value: company.description && (
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {company.description}
                </Text>
              ),
            },
            { label: t("companies.fields.createdAt"), value: format.date(company.createdAt) },
          ]}
        />
      )}
    </LeadCard>
  );
}

function MasterForm({ company, save, fail, onDone }: CompanyEditorProps & { onDone: () => void }) {
  const { t } = useTranslation();
  const { owners, canChangeOwner } = useOwnerOptions("company");
  const form = useForm<MasterValues>({
    initialValues: {
      name: company.name,
      website: company.website ?? "",
      industry: company.industry ?? "",
      size: company.size,
      vatId: company.vatId ?? "",
      phone: company.phone ?? "",
      email: company.email ?? "",
      billingAddress: toAddress(company.billingAddress),
      shippingAddress: toAddress(company.shippingAddress),
      parentCompanyId: company.parentCompanyId,
      ownerId: company.ownerId,
      tags: company.tags,
      description: company.description ?? "",
    },
    validate: { name: (value) => (value.trim() ? null : t("validation.required")) },
  });
  const input = (field: keyof MasterValues) => ({
    label: t(`companies.fields.${field}`),
    ...form.getInputProps(field),
  });
  const address = (which: "billingAddress" | "shippingAddress") => (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t(`companies.fields.${which}`)}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="xs">
        {(["street", "postalCode", "city", "country"] as const).map((part) => (
          <TextInput
            key={part}
            placeholder={t(`contacts.fields.${part}`)}
            aria-label={`${t(`companies.fields.${which}`)}: ${t(`contacts.fields.${part}`)}`}
            {...form.getInputProps(`${which}.${part}`)}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );

  const errorFocus = useErrorFocus(form);
  const submit = form.onSubmit((v) =>
    saveEdit(
      () =>
        save({
          name: v.name.trim(),
          website: v.website,
          industry: nullIfEmpty(v.industry),
          size: (v.size as (typeof COMPANY_SIZES)[number] | null) ?? null,
          vatId: nullIfEmpty(v.vatId),
          phone: nullIfEmpty(v.phone),
          email: nullIfEmpty(v.email),
          billingAddress: fromAddress(v.billingAddress),
          shippingAddress: fromAddress(v.shippingAddress),
          parentCompanyId: v.parentCompanyId,
          ownerId: v.ownerId,
          tags: v.tags,
          description: nullIfEmpty(v.description),
        }),
      { fail, form, saved: t("companies.detail.saved"), onDone },
    ),
  );

  return (
    <form ref={errorFocus.ref} onSubmitCapture={errorFocus.arm} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput {...input("name")} required autoFocus />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput {...input("website")} placeholder="example.com" />
          <TextInput {...input("industry")} />
          <Select {...input("size")} data={[...COMPANY_SIZES]} clearable />
          <TextInput {...input("vatId")} placeholder="DE136695976" />
          <TextInput {...input("phone")} type="tel" />
          <TextInput {...input("email")} type="email" />
        </SimpleGrid>
        {address("billingAddress")}
        {address("shippingAddress")}
        <CompanyPicker
          label={t("companies.fields.parentCompany")}
          value={form.getValues().parentCompanyId}
          onChange={(id) => form.setFieldValue("parentCompanyId", id)}
          error={form.errors.parentCompanyId}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            {...input("ownerId")}
            label={t("companies.fields.owner")}
            data={owners.map((o) => ({ value: o.id, label: o.name }))}
            clearable
            searchable
            disabled={!canChangeOwner}
          />
          <TagsInput {...input("tags")} clearable />
        </SimpleGrid>
        <Textarea {...input("description")} autosize minRows={2} maxRows={8} />
        <FormActions onCancel={onDone} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
