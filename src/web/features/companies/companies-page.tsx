import { IconBuilding } from "@tabler/icons-react";
import { RecordListPage } from "@web/components/record-list-page";
import { useTranslation } from "react-i18next";
import { CompaniesTable } from "./companies-table";
import { CompanyCreateModal } from "./company-create-modal";
import { useCompanyList } from "./use-companies";

export function CompaniesPage() {
  const { t } = useTranslation();
  return (
    <RecordListPage
      texts={{
        title: t("companies.title"),
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
      table={({ rows, direction, onSort }) => (
        <CompaniesTable companies={rows} direction={direction} onSort={onSort} />
      )}
      createModal={(props) => <CompanyCreateModal {...props} />}
    />
  );
}
