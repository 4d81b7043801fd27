import { COMPANY_MERGE_FIELDS, type CompanyMergeField } from "@domain/companies/company-fields";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import type { MergeField } from "@web/features/records/merge-rows";
import { RecordMergePage } from "@web/features/records/record-merge-page";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Company } from "../companies-api";
import { useCompany, useMergeCompanies } from "../use-companies";

/** The parent is not offered: it follows the merge's default (the survivor's, else the loser's; never one of the two). */
type ShownField = Exclude<CompanyMergeField, "parentCompanyId">;
const isShown = (field: CompanyMergeField): field is ShownField => field !== "parentCompanyId";

const addressLine = (a: Company["billingAddress"]) =>
  a
    ? [a.street, [a.postalCode, a.city].filter(Boolean).join(" "), a.country].filter(Boolean).join(", ") ||
      null
    : null;

/** /companies/merge?survivor=…&loser=…: both companies side by side, a value picked per field. */
export function CompanyMergePage() {
  const { t } = useTranslation();
  const { names } = useOwnerOptions();
  const show: Record<ShownField, (c: Company) => ReactNode> = {
    name: (c) => c.name,
    website: (c) => c.website,
    industry: (c) => c.industry,
    size: (c) => c.size,
    vatId: (c) => c.vatId,
    phone: (c) => c.phone,
    email: (c) => c.email,
    billingAddress: (c) => addressLine(c.billingAddress),
    shippingAddress: (c) => addressLine(c.shippingAddress),
    ownerId: (c) => (c.ownerId ? (names.get(c.ownerId) ?? "?") : null),
    description: (c) => c.description,
  };
  const fields: MergeField<Company>[] = COMPANY_MERGE_FIELDS.filter(isShown).map((field) => ({
    field,
    label: t(`companies.fields.${field}`),
    show: show[field],
  }));
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
