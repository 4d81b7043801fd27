import { Button } from "@mantine/core";
import { IconBuilding, IconDownload } from "@tabler/icons-react";
import { RecordListPage } from "@web/components/record-list-page";
import { RecordBulkBar } from "@web/features/contacts/list/record-bulk-bar";
import { useTranslation } from "react-i18next";
import { companiesApi } from "./companies-api";
import { CompaniesTable } from "./companies-table";
import { COMPANY_COLUMNS, DEFAULT_COMPANY_COLUMNS } from "./company-columns";
import { CompanyCreateModal } from "./company-create-modal";
import { companyKeys, useCompanyList } from "./use-companies";

export function CompaniesPage() {
  const { t } = useTranslation();
  return (
    <RecordListPage
      texts={{
        title: t("companies.title"),
        filterTitle: t("companies.list.filterTitle"),
        create: t("companies.new"),
        searchLabel: t("companies.list.searchLabel"),
        searchPlaceholder: t("companies.list.searchPlaceholder"),
        emptyTitle: t("companies.list.emptyTitle"),
        emptyText: t("companies.list.emptyText"),
        noMatch: t("companies.list.noMatch"),
        shown: (count) => t("companies.list.shown", { count }),
      }}
      icon={<IconBuilding aria-hidden />}
      useList={useCompanyList}
      viewEntity="company"
      actions={(query) => (
        <Button
          variant="default"
          component="a"
          href={companiesApi.exportUrl(query)}
          download
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {t("recordList.exportCsv")}
        </Button>
      )}
      bulkBar={(ids, clear) => (
        <RecordBulkBar ids={ids} listKey={companyKeys.lists} send={companiesApi.bulk} onClear={clear} />
      )}
      columns={{
        all: COMPANY_COLUMNS,
        defaults: DEFAULT_COMPANY_COLUMNS,
        label: (column) => t(`companies.fields.${column}`),
        storageKey: "leadwerk.companies.columns",
      }}
      table={({ rows, ...rest }) => <CompaniesTable companies={rows} {...rest} />}
      createModal={(props) => <CompanyCreateModal {...props} />}
    />
  );
}
