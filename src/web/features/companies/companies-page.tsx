import { Button, Center, Group, Loader, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconBuilding, IconPlus } from "@tabler/icons-react";
import { ListEmptyState } from "@web/components/list-empty-state";
import { ListFooter } from "@web/components/list-footer";
import { PageHeader } from "@web/components/page-header";
import { QueryError } from "@web/components/query-error";
import { SearchBox } from "@web/components/search-box";
import { sortParam, useSearchSortParams } from "@web/components/use-search-sort-params";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { CompaniesTable, type CompanySortField } from "./companies-table";
import { CompanyCreateModal } from "./company-create-modal";
import { useCompanyList } from "./use-companies";

const SORT_FIELDS: readonly CompanySortField[] = ["name", "createdAt"];

export function CompaniesPage() {
  const { t } = useTranslation();
  const params = useSearchSortParams(SORT_FIELDS, { field: "createdAt", descending: true });
  const { q, sort } = params;
  const query = useMemo(() => ({ q: q || undefined, sort: sortParam(sort) }), [q, sort]);
  const list = useCompanyList(query);
  const [createOpened, createModal] = useDisclosure(false);
  const companies = useMemo(() => list.data?.pages.flatMap((page) => page.data) ?? [], [list.data]);

  return (
    <>
      <PageHeader
        title={t("companies.title")}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
            {t("companies.new")}
          </Button>
        }
      />
      <Stack gap="sm">
        <Group>
          <SearchBox
            label={t("companies.list.searchLabel")}
            placeholder={t("companies.list.searchPlaceholder")}
            value={q}
            onSearch={params.setQ}
          />
        </Group>
        {list.isPending && (
          <Center py="xl">
            <Loader aria-label={t("app.loading")} />
          </Center>
        )}
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isSuccess && companies.length === 0 && (
          <ListEmptyState
            filtered={q !== ""}
            icon={<IconBuilding aria-hidden />}
            title={t("companies.list.emptyTitle")}
            text={t("companies.list.emptyText")}
            createLabel={t("companies.new")}
            onCreate={createModal.open}
            noMatch={t("companies.list.noMatch")}
            resetLabel={t("common.resetSearch")}
            onReset={() => params.setQ("")}
          />
        )}
        {companies.length > 0 && (
          <>
            <CompaniesTable
              companies={companies}
              direction={params.direction}
              onSort={(field) => params.setSort(params.toggle(field, field === "name"))}
            />
            <ListFooter
              shown={t("companies.list.shown", { count: companies.length })}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
          </>
        )}
      </Stack>
      <CompanyCreateModal opened={createOpened} onClose={createModal.close} />
    </>
  );
}
