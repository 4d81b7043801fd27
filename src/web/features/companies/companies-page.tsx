import { IconBuilding } from "@tabler/icons-react";
import { RecordListPage } from "@web/features/records/record-list-page";
import { useRecordListTexts } from "@web/features/records/use-record-list-texts";
import { useTranslation } from "react-i18next";
import { companiesApi } from "./companies-api";
import { COMPANY_CELLS } from "./company-cells";
import { COMPANY_COLUMNS, DEFAULT_COMPANY_COLUMNS } from "./company-columns";
import { CompanyCreateModal } from "./company-create-modal";
import { companyKeys, useCompanyList } from "./use-companies";

export function CompaniesPage() {
  const { t } = useTranslation();
  const texts = useRecordListTexts("companies");
  return (
    <RecordListPage
      texts={texts}
      icon={<IconBuilding aria-hidden />}
      useList={useCompanyList}
      entity="company"
      exportList="companies"
      api={companiesApi}
      listKey={companyKeys.lists}
      columns={{
        all: COMPANY_COLUMNS,
        defaults: DEFAULT_COMPANY_COLUMNS,
        label: (column) => t(`companies.fields.${column}`),
        storageKey: "leadwerk.companies.columns",
      }}
      table={{
        cells: COMPANY_CELLS,
        name: (company) => company.name,
        href: (company) => `/companies/${company.id}`,
        avatar: "organisation",
      }}
      createModal={(props) => <CompanyCreateModal {...props} />}
    />
  );
}
