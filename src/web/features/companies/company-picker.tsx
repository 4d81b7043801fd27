import { RecordPicker, type RecordPickerProps } from "@web/features/records/record-picker";
import { useTranslation } from "react-i18next";
import type { Company } from "./companies-api";
import { useCompany, useCompanySearch } from "./use-companies";

const optionLabel = (company: Company) => company.name;

/** Picks an existing company by searching GET /companies?q= as the user types. */
export function CompanyPicker(props: RecordPickerProps<Company>) {
  const { t } = useTranslation();
  return (
    <RecordPicker
      {...props}
      placeholder={t("companies.picker.placeholder")}
      nothingFound={t("companies.picker.nothingFound")}
      useSearch={useCompanySearch}
      useRecord={useCompany}
      optionLabel={optionLabel}
    />
  );
}
