import { Button, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconCurrencyEuro, IconPlus } from "@tabler/icons-react";
import { ListEmptyState } from "@web/components/list-empty-state";
import { ListFooter } from "@web/components/list-footer";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { ExportMenu } from "@web/features/exports/export-menu";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { useListCount } from "@web/features/records/use-list-count";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { BoardViewSwitch } from "../board/board-view-switch";
import { DealCreateModal } from "../deal-create-modal";
import { useDealList } from "../use-deals";
import { useStageLookup } from "../use-stage-lookup";
import { DealFilterDrawer } from "./deal-filter-drawer";
import { dealQuery, EMPTY_FILTERS, filterParams } from "./deal-list-params";
import { DealListToolbar } from "./deal-list-toolbar";
import { DealsTable } from "./deals-table";
import { useDealListState } from "./use-deal-list-state";

/** The deals of the board as a table: filters, sortable columns, keyset "load more", column choice. */
export function DealListPage() {
  const { t } = useTranslation();
  const state = useDealListState();
  const { filters, sort } = state;
  const query = useMemo(() => dealQuery(filters, sort), [filters, sort]);
  const list = useDealList(query);
  const total = useListCount("deals", query);
  const stages = useStageLookup();
  const { owners } = useOwnerOptions();
  const mayCreate = useCurrentUser().permissions.deal.create;
  const [createOpened, create] = useDisclosure(false);
  const [filtersOpened, filterDrawer] = useDisclosure(false);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.data) ?? [], [list.data]);
  const filtered = Object.keys(filterParams({ ...filters, status: "open" })).length > 0;

  return (
    <>
      <PageHeader
        title={t("deal.list.title")}
        actions={
          <>
            <BoardViewSwitch current="list" />
            <ExportMenu list="deals" query={{ ...query }} columns={state.allShown} />
            {mayCreate && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {t("deal.new")}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="sm">
        <DealListToolbar
          filters={filters}
          sort={sort}
          columns={state.columns}
          custom={state.custom}
          onApplyView={state.applyView}
          onFiltersChange={state.setFilters}
          onColumnsChange={state.setColumns}
          onOpenFilters={filterDrawer.open}
        />
        <QueryStates
          query={list}
          isEmpty={rows.length === 0}
          empty={
            <ListEmptyState
              filtered={filtered || filters.status !== "open"}
              icon={<IconCurrencyEuro aria-hidden />}
              title={t("deal.list.emptyTitle")}
              text={t("deal.list.emptyText")}
              createLabel={t("deal.new")}
              onCreate={create.open}
              noMatch={t("deal.list.noMatch")}
              resetLabel={t("deal.filter.reset")}
              onReset={() => state.setFilters(EMPTY_FILTERS)}
            />
          }
        />
        {rows.length > 0 && (
          <>
            <DealsTable
              deals={rows}
              columns={state.columns}
              custom={{ fields: state.custom.shown, lang: state.custom.lang }}
              ownerName={(id) => owners.find((o) => o.id === id)?.name ?? ""}
              stages={stages}
              direction={(field) =>
                sort.field === field ? (sort.descending ? "descending" : "ascending") : null
              }
              onSort={(field, ascendingFirst = field === "title") =>
                state.setSort(
                  sort.field === field
                    ? { field, descending: !sort.descending }
                    : { field, descending: !ascendingFirst },
                )
              }
            />
            <ListFooter
              shown={t("deal.list.shown", { count: rows.length })}
              rows={rows.length}
              total={total.data}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
          </>
        )}
      </Stack>
      <DealFilterDrawer
        opened={filtersOpened}
        onClose={filterDrawer.close}
        filters={filters}
        onChange={state.setFilters}
        owners={owners}
        customFields={state.custom.fields}
      />
      <DealCreateModal
        opened={createOpened}
        onClose={create.close}
        defaults={{ pipelineId: filters.pipelineId ?? undefined }}
      />
    </>
  );
}
