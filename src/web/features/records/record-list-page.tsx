import { Button, Group, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ExportableList } from "@shared/schemas/export";
import { IconPlus } from "@tabler/icons-react";
import { ListEmptyState } from "@web/components/list-empty-state";
import { ListFooter } from "@web/components/list-footer";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useColumnChoice } from "@web/components/use-column-choice";
import { sortParam, useSearchSortParams } from "@web/components/use-search-sort-params";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { ENTITY_OF_LIST, ExportMenu } from "@web/features/exports/export-menu";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { FilterPills } from "@web/features/records/filters/filter-pills";
import { RecordFilterDrawer } from "@web/features/records/filters/record-filter-drawer";
import {
  EMPTY_RECORD_FILTERS,
  recordFilterCount,
  recordFilterParams,
  recordFilterQuery,
} from "@web/features/records/filters/record-filters";
import {
  useRecordFilterParams,
  viewSearchParams,
} from "@web/features/records/filters/use-record-filter-params";
import { useRecordFilterPills } from "@web/features/records/filters/use-record-filter-pills";
import type { RecordApi, RecordTypes } from "@web/features/records/record-api";
import { RecordBulkBar } from "@web/features/records/record-bulk-bar";
import type { RecordSortField } from "@web/features/records/record-cells";
import { RecordListToolbar } from "@web/features/records/record-list-toolbar";
import { RecordTable, type RecordTableSetup } from "@web/features/records/record-table";
import { useListCount } from "@web/features/records/use-list-count";
import type { RecordListTexts } from "@web/features/records/use-record-list-texts";
import { useRowSelection } from "@web/features/records/use-row-selection";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

const SORT_FIELDS: readonly RecordSortField[] = ["name", "createdAt", "updatedAt"];

/** What the page needs of a TanStack infinite query over keyset pages. */
interface InfiniteList<T> {
  data?: { pages: { data: T[] }[] } | undefined;
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  refetch(): Promise<unknown>;
  fetchNextPage(): Promise<unknown>;
}

export interface RecordListPageProps<T, C extends string> {
  /** Translated texts of this list. */
  texts: RecordListTexts;
  icon: ReactNode;
  /** The list's query hook; called on every render, so pass a stable function. */
  useList: (query: RecordListQuery) => InfiniteList<T>;
  /** The table's cells, and each row's name and link. */
  table: RecordTableSetup<T, C>;
  /**
   * The optional columns (the name is always shown), those shown at first, where the choice is kept,
   * and the header text of each (and of the name).
   */
  columns: {
    all: readonly C[];
    defaults: readonly C[];
    label: (column: C | "name") => string;
    storageKey: string;
  };
  createModal: (props: { opened: boolean; onClose: () => void }) => ReactNode;
  /** Saved views of this list (entity name of the saved-views API). */
  viewEntity?: "contact" | "company";
  /** The list's name in export URLs (`/contacts/export.csv`) and its count endpoint. */
  exportList: ExportableList & ("contacts" | "companies");
  /** The record API's CSV export and bulk calls, and the lists' query key to refresh after bulk work. */
  api: Pick<RecordApi<RecordTypes>, "bulk">;
  listKey: readonly string[];
  /** Extra header buttons before the CSV export (an import). */
  actions?: ReactNode;
}

/** GET query of the list and its CSV export: search, sort, "Mine" and the drawer's filters. */
export type RecordListQuery = Record<string, string | undefined> & {
  q: string | undefined;
  sort: string;
};

/**
 * A searchable, sortable, filterable record list with keyset "load more", saved views, a column
 * chooser, empty states and a create dialog; the contacts and companies lists are this page with
 * their own cells and dialog. Search, sort and filters live in the URL; the column choice is personal
 * (localStorage and saved views).
 */
export function RecordListPage<T extends { id: string; tags: string[] }, C extends string>({
  texts,
  icon,
  useList,
  table,
  columns: columnSetup,
  createModal,
  viewEntity,
  exportList,
  api,
  listKey,
  actions,
}: RecordListPageProps<T, C>) {
  const { t } = useTranslation();
  const countOf = exportList;
  const params = useSearchSortParams(SORT_FIELDS, { field: "createdAt", descending: true });
  const [urlParams, setUrlParams] = useSearchParams();
  const { filters, setFilters } = useRecordFilterParams();
  const [columns, setColumns] = useColumnChoice(
    columnSetup.storageKey,
    columnSetup.all,
    columnSetup.defaults,
  );
  const owners = useOwnerOptions();
  const mine = urlParams.get("mine") === "true";
  const { q, sort } = params;
  const query = useMemo<RecordListQuery>(
    () => ({
      q: q || undefined,
      sort: sortParam(sort),
      ...(mine ? { mine: "true" } : {}),
      ...recordFilterQuery(filters),
    }),
    [q, sort, mine, filters],
  );
  const list = useList(query);
  const total = useListCount(countOf, query);
  const [createOpened, create] = useDisclosure(false);
  const [filtersOpened, filterDrawer] = useDisclosure(false);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.data) ?? [], [list.data]);
  const knownTags = useMemo(() => [...new Set(rows.flatMap((row) => row.tags))].sort(), [rows]);
  const ownerName = (ownerId: string | null) =>
    ownerId === null ? null : (owners.names.get(ownerId) ?? t("recordList.otherOwner"));
  const pills = useRecordFilterPills(filters, setFilters, (id) => ownerName(id) ?? "…");
  const filterCount = recordFilterCount(filters);
  const selection = useRowSelection();
  const visibleSelected = rows.filter((row) => selection.selected.has(row.id)).map((row) => row.id);

  // The permission matrix's Create right (Settings → Permissions): no New button without it.
  const rights = useCurrentUser().permissions[ENTITY_OF_LIST[exportList]];
  const mayCreate = rights.create;
  return (
    <>
      <PageHeader
        title={texts.title}
        actions={
          <Group gap="xs">
            {actions}
            <ExportMenu list={exportList} query={{ ...query }} columns={columns} selected={visibleSelected} />
            {mayCreate && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
                {texts.create}
              </Button>
            )}
          </Group>
        }
      />
      <Stack gap="sm">
        <RecordListToolbar
          searchLabel={texts.searchLabel}
          searchPlaceholder={texts.searchPlaceholder}
          q={q}
          onSearch={params.setQ}
          mine={mine}
          onMine={(on) => params.setParam("mine", on ? "true" : null)}
          filterCount={filterCount}
          onOpenFilters={filterDrawer.open}
          views={
            viewEntity && {
              entity: viewEntity,
              current: {
                filters: {
                  ...(q ? { q } : {}),
                  ...(mine ? { mine: "true" } : {}),
                  ...recordFilterParams(filters),
                },
                sort: query.sort,
                columns: [...columns],
              },
              onApply: (view) => {
                setUrlParams(viewSearchParams(view), { replace: true });
                if (view.columns) setColumns(view.columns);
              },
            }
          }
          columns={{
            all: columnSetup.all.map((id) => ({ id, label: columnSetup.label(id) })),
            visible: columns,
            onChange: setColumns,
          }}
        />
        <FilterPills pills={pills} onReset={() => setFilters(EMPTY_RECORD_FILTERS)} />
        {visibleSelected.length > 0 && (
          <RecordBulkBar
            ids={visibleSelected}
            listKey={listKey}
            send={api.bulk}
            onClear={selection.clear}
            rights={rights}
          />
        )}
        <QueryStates
          query={list}
          isEmpty={rows.length === 0}
          empty={
            <ListEmptyState
              filtered={q !== "" || mine || filterCount > 0}
              icon={icon}
              title={texts.emptyTitle}
              text={texts.emptyText}
              createLabel={texts.create}
              onCreate={mayCreate ? create.open : undefined}
              noMatch={texts.noMatch}
              resetLabel={t("common.resetSearch")}
              onReset={() => setUrlParams(new URLSearchParams(), { replace: true })}
            />
          }
        />
        {rows.length > 0 && (
          <>
            <RecordTable
              {...table}
              rows={rows}
              columns={columns}
              label={columnSetup.label}
              direction={params.direction}
              onSort={(field) => params.setSort(params.toggle(field, field === "name"))}
              selection={selection}
              ownerName={ownerName}
            />
            <ListFooter
              shown={texts.shown(rows.length)}
              rows={rows.length}
              total={total.data}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
          </>
        )}
      </Stack>
      {createModal({ opened: createOpened, onClose: create.close })}
      <RecordFilterDrawer
        title={texts.filterTitle}
        opened={filtersOpened}
        onClose={filterDrawer.close}
        filters={filters}
        onChange={setFilters}
        knownTags={knownTags}
      />
    </>
  );
}
