import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import type { MergeField } from "@web/features/records/merge-rows";
import { RecordMergePage } from "@web/features/records/record-merge-page";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Company } from "../companies-api";
import { useCompany, useMergeCompanies } from "../use-companies";

type CompanyMergeField =
  | "name"
  | "website"
  | "industry"
  | "size"
  | "vatId"
  | "phone"
  | "email"
  | "billingAddress"
  | "shippingAddress"
  | "ownerId"
  | "description";

const addressLine = (a: Company["billingAddress"]) =>
  a
    ? [a.street, [a.postalCode, a.city].filter(Boolean).join(" "), a.country].filter(Boolean).join(", ") ||
      null
    : null;

/** /companies/merge?survivor=…&loser=…: both companies side by side, a value picked per field. */
export function CompanyMergePage() {
  const { t } = useTranslation();
  const { names } = useOwnerOptions();
  const field = (name: CompanyMergeField, show: (c: Company) => ReactNode): MergeField<Company> => ({
    field: name,
    label: t(`companies.fields.${name}`),
    show,
  });
  const fields = [
    field("name", (c) => c.name),
    field("website", (c) => c.website),
    field("industry", (c) => c.industry),
    field("size", (c) => c.size),
    field("vatId", (c) => c.vatId),
    field("phone", (c) => c.phone),
    field("email", (c) => c.email),
    field("billingAddress", (c) => addressLine(c.billingAddress)),
    field("shippingAddress", (c) => addressLine(c.shippingAddress)),
    field("ownerId", (c) => (c.ownerId ? (names.get(c.ownerId) ?? "?") : null)),
    field("description", (c) => c.description),
  ];
  return (
    <RecordMergePage
      texts={{ title: t("merge.companiesTitle"), intro: t("merge.companiesIntro") }}
      basePath="/companies"
      useRecord={useCompany}
      useMerge={useMergeCompanies}
      name={(company) => company.name}
      mergedName={(result) => result.company.name}
      fields={fields}
    />
  );
}
